import i18next, { type i18n, type TFunction } from 'i18next';
import type { Language } from '../auth/actor.ts';

export const languages: readonly Language[] = ['de', 'en'];
export const defaultLanguage: Language = 'de';

/** A module's texts: one nested object per language, German complete, English as complete as it can be. */
export interface Locales {
  de: Record<string, unknown>;
  en: Record<string, unknown>;
}

export type Translate = TFunction;

export async function createI18n(namespaces: Record<string, Locales>): Promise<i18n> {
  const instance = i18next.createInstance();
  const resources: Record<string, Record<string, Record<string, unknown>>> = { de: {}, en: {} };
  for (const [namespace, locales] of Object.entries(namespaces)) {
    for (const language of languages) resources[language]![namespace] = locales[language];
  }
  await instance.init({
    resources,
    lng: defaultLanguage,
    fallbackLng: defaultLanguage,
    ns: Object.keys(namespaces),
    defaultNS: 'kernel',
    // Preact escapes on render; escaping here as well would show &amp; to the citizen.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

export function parseLanguage(value: unknown): Language | undefined {
  return typeof value === 'string' && (languages as string[]).includes(value) ? (value as Language) : undefined;
}
