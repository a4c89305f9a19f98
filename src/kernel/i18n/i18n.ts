import i18next, { type i18n, type TFunction } from 'i18next';
import { LRUCache } from 'lru-cache';
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

const translators = new WeakMap<i18n, Map<Language, TFunction>>();

const plainValues = (options: object) => Object.values(options).every((value) => value === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof value));

/**
 * The texts of one language as pages use them: each text with the same values is looked up and
 * interpolated once, not on every request (a page asks for a hundred texts; i18next's lookup was most of
 * the time a page took to render). Texts are fixed while the platform runs, so the answers never change.
 */
export function translator(instance: i18n, language: Language): TFunction {
  let byLanguage = translators.get(instance);
  if (!byLanguage) translators.set(instance, (byLanguage = new Map<Language, TFunction>()));
  const known = byLanguage.get(language);
  if (known) return known;
  const fixed = instance.getFixedT(language);
  const call = fixed as unknown as (...args: unknown[]) => unknown;
  const answers = new LRUCache<string, string>({ max: 20_000 });
  const translate = (key: unknown, ...rest: unknown[]): unknown => {
    const options = rest[0];
    const memo = typeof key === 'string' && rest.length <= 1 && (options === undefined || (typeof options === 'object' && options !== null && plainValues(options)));
    if (!memo) return call(key, ...rest);
    const id = options === undefined ? key : `${key}\u0000${JSON.stringify(options)}`;
    const held = answers.get(id);
    if (held !== undefined) return held;
    const answer = call(key, options);
    if (typeof answer === 'string') answers.set(id, answer);
    return answer;
  };
  const memoized = translate as unknown as TFunction;
  byLanguage.set(language, memoized);
  return memoized;
}
