import type { Language } from '#kernel/auth/actor.ts';
import type { LicenceId } from '#kernel/declarations/datasets.ts';
import type { PageContext } from '#kernel/html/page.ts';
import { citySpatial } from '../forms.staff.ts';
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

export const themeLabel = (page: Pick<PageContext, 't'>, theme: string) => page.t(`opendata:themes.${theme}`, { defaultValue: theme });
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

/*
 * Municipalities by their official key (AGS), so a reader sees a place rather than eight digits. The city's
 * own name comes from its configuration; beside it the municipalities of its district (Kreis Heinsberg), the
 * ones a city's dataset covers besides itself. The country's full list (some 11,000 keys) is left to the
 * DCAT-AP.de vocabulary that harvesters resolve; a key not named here is shown as a key.
 */
const districtMunicipalities: Readonly<Record<string, string>> = {
  '05370004': 'Erkelenz',
  '05370008': 'Gangelt',
  '05370012': 'Geilenkirchen',
  '05370016': 'Heinsberg',
  '05370020': 'Hückelhoven',
  '05370024': 'Selfkant',
  '05370028': 'Übach-Palenberg',
  '05370032': 'Waldfeucht',
  '05370036': 'Wassenberg',
  '05370040': 'Wegberg',
};

export interface PlaceName {
  /** What a reader calls the place. */
  name: string;
  /** The municipality key behind it, shown as secondary text; null for a place given by name (a district). */
  key: string | null;
}

/** A dataset's spatial entry (an AGS or a district's name) as a place's name with its key. */
export function placeName(place: string, cityName: string): PlaceName {
  if (!/^\d{8}$/.test(place)) return { name: place, key: null };
  const name = place === citySpatial ? cityName : districtMunicipalities[place];
  return { name: name ?? '', key: place };
}

/** "Erkelenz" with "Gemeindeschlüssel 05370004" beneath it in small type; a key without a known name stays a key. */
export function Place({ page, place }: { page: Pick<PageContext, 't' | 'cityName'>; place: string }) {
  const { name, key } = placeName(place, page.cityName);
  if (!key) return <>{name}</>;
  const keyText = page.t('opendata:portal.dataset.municipalityKey', { key });
  if (!name) return <>{keyText}</>;
  return (
    <>
      {name}
      <br />
      <span class="kern-body kern-body--small opendata-secondary">{keyText}</span>
    </>
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
