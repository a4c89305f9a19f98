import type { Language } from '#kernel/auth/actor.ts';
import type { LicenceId } from '#kernel/declarations/datasets.ts';
import type { PageContext } from '#kernel/html/page.ts';
import type { Dataset, Resource } from '../model.ts';

/*
 * What every public page of the portal shows alike: names of licences, themes and frequencies, sizes and
 * days in the reader's language, the demo badge.
 */

/** Licences' own pages, where a reader learns what they may do; the vocabulary's address otherwise. */
const licencePages: Partial<Record<LicenceId, string>> = {
  'dl-by-de/2.0': 'https://www.govdata.de/dl-de/by-2-0',
  'dl-zero-de/2.0': 'https://www.govdata.de/dl-de/zero-2-0',
  'cc-by/4.0': 'https://creativecommons.org/licenses/by/4.0/',
  'cc-by-sa/4.0': 'https://creativecommons.org/licenses/by-sa/4.0/',
  'cc-zero': 'https://creativecommons.org/publicdomain/zero/1.0/',
  odbl: 'https://opendatacommons.org/licenses/odbl/',
};

export function licencePage(id: LicenceId): string {
  return licencePages[id] ?? `http://dcat-ap.de/def/licenses/${id}`;
}

/** i18next reads dots as nesting, and licence ids carry them (`cc-by/4.0`). */
export function licenceLabel(page: Pick<PageContext, 't'>, id: string): string {
  return page.t(`opendata:portal.licences.${id.replace(/[./]/g, '_')}`, { defaultValue: id });
}

export const themeLabel = (page: Pick<PageContext, 't'>, theme: string) => page.t(`opendata:portal.themes.${theme}`, { defaultValue: theme });
export const frequencyLabel = (page: Pick<PageContext, 't'>, frequency: string) => page.t(`opendata:portal.frequencies.${frequency}`, { defaultValue: frequency });

const dayFormats = {
  de: new Intl.DateTimeFormat('de-DE', { dateStyle: 'long', timeZone: 'Europe/Berlin' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/Berlin' }),
};

/** An instant's day in Berlin, or a `YYYY-MM-DD` day as it is. */
export function formatDay(value: Date | string, lang: Language): string {
  const date = typeof value === 'string' ? new Date(`${value}T12:00:00Z`) : value;
  return dayFormats[lang].format(date);
}

const units = ['B', 'KB', 'MB', 'GB'];

export function formatBytes(bytes: number, lang: Language): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}

export function formatNumber(value: number, lang: Language): string {
  return new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 2 }).format(value);
}

/** English where the publisher wrote it, German otherwise, with the language marked for screen readers. */
export function inLanguage(lang: Language, german: string, english: string | null): { text: string; lang: string | undefined } {
  return lang === 'en' && english ? { text: english, lang: undefined } : { text: german, lang: lang === 'de' ? undefined : 'de' };
}

export const datasetTitle = (lang: Language, dataset: Pick<Dataset, 'title' | 'titleEn'>) => inLanguage(lang, dataset.title, dataset.titleEn);
export const resourceTitle = (lang: Language, resource: Pick<Resource, 'title' | 'titleEn'>) => inLanguage(lang, resource.title, resource.titleEn);

export function DemoBadge({ page, small }: { page: PageContext; small?: boolean }) {
  return (
    <span class={`kern-badge kern-badge--warning${small ? ' kern-badge--small' : ''}`}>
      <span class="kern-label">{page.t('opendata:portal.demo')}</span>
    </span>
  );
}

/** The formats a dataset offers, once each, in the order of its resources. */
export function formatsOf(dataset: Pick<Dataset, 'resources'>): string[] {
  return [...new Set(dataset.resources.map((resource) => resource.format))];
}

/** One fact of a description list; nothing when there is nothing to say. */
export function Fact({ label, children }: { label: string; children: preact.ComponentChildren }) {
  if (children === null || children === undefined || children === '' || (Array.isArray(children) && children.length === 0)) return null;
  return (
    <div class="kern-description-list-item">
      <dt class="kern-description-list-item__key">{label}</dt>
      <dd class="kern-description-list-item__value">{children}</dd>
    </div>
  );
}
