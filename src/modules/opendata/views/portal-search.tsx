import { Heading, Pagination, TextField } from '#kernel/html/components.tsx';
import { isoString } from '#kernel/html/format.ts';
import type { PageContext } from '#kernel/html/page.ts';
import { datasetPath, portalPath } from '../addresses.ts';
import type { Dataset } from '../model.ts';
import { DemoBadge, datasetTitle, formatDay, formatsOf, inLanguage, licenceLabel, themeLabel } from './portal-parts.tsx';

/*
 * The catalogue's search: a GET form and facets as links that add or remove a filter, so every state of
 * the search has its own address and works without JavaScript. The page reuses the site search's layout:
 * results first, facets beside them on wide screens and folded under them on a phone.
 */

/** The search's parameters as they appear in its address, German like the page. */
export const filterParams = { groups: 'kategorie', organization: 'organisation', res_format: 'format', license_id: 'lizenz', tags: 'schlagwort' } as const;
export type FacetKey = keyof typeof filterParams;
export const sortParams = { relevanz: 'relevance', geaendert: 'modified', titel: 'title' } as const;
export type SortParam = keyof typeof sortParams;

export interface PortalSearch {
  text: string;
  filters: Record<FacetKey, string[]>;
  sort: SortParam;
  page: number;
}

export interface FacetEntry {
  name: string;
  count: number;
  displayName: string;
}

export function searchHref(search: PortalSearch, change: { facet?: FacetKey; value?: string; sort?: SortParam; page?: number; reset?: boolean } = {}): string {
  const params = new URLSearchParams();
  if (search.text) params.set('q', search.text);
  if (!change.reset) {
    for (const facet of Object.keys(filterParams) as FacetKey[]) {
      const values = search.filters[facet];
      const next = change.facet === facet && change.value !== undefined ? (values.includes(change.value) ? values.filter((value) => value !== change.value) : [...values, change.value]) : values;
      for (const value of next) params.append(filterParams[facet], value);
    }
  }
  const sort = change.sort ?? search.sort;
  if (sort !== 'relevanz') params.set('sortierung', sort);
  const page = change.page ?? 1;
  if (page > 1) params.set('seite', String(page));
  const query = params.toString();
  return query ? `${portalPath}?${query}` : portalPath;
}

function facetLabel(page: PageContext, facet: FacetKey, entry: FacetEntry): string {
  if (facet === 'groups') return themeLabel(page, entry.name);
  if (facet === 'license_id') return licenceLabel(page, entry.name);
  return entry.displayName;
}

function Facets({ page, search, facets }: { page: PageContext; search: PortalSearch; facets: Partial<Record<FacetKey, FacetEntry[]>> }) {
  const { t } = page;
  const order: FacetKey[] = ['groups', 'organization', 'res_format', 'license_id', 'tags'];
  const shown = order.filter((facet) => (facets[facet]?.length ?? 0) > 0);
  if (shown.length === 0) return null;
  const anySelected = order.some((facet) => search.filters[facet].length > 0);
  return (
    <nav class="search-facets" aria-labelledby="filter-titel">
      <details class="search-facets__fold">
        <summary class="search-facets__summary">{t('opendata:portal.search.filters')}</summary>
        <h2 class="kern-heading-small search-facets__title" id="filter-titel">
          {t('opendata:portal.search.filters')}
        </h2>
        {shown.map((facet) => (
          <div key={facet} class="search-facets__group">
            <h3 class="kern-title kern-title--small">{t(`opendata:portal.facets.${facet}`)}</h3>
            <ul class="kern-list">
              {facets[facet]!.slice(0, 15).map((entry) => {
                const selected = search.filters[facet].includes(entry.name);
                const label = facetLabel(page, facet, entry);
                return (
                  <li key={entry.name}>
                    <a class="kern-link" href={searchHref(search, { facet, value: entry.name })} aria-current={selected ? 'true' : undefined}>
                      {selected ? `✓ ${label}` : label} ({entry.count})
                    </a>
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
        {anySelected ? (
          <p class="kern-body">
            <a class="kern-link" href={searchHref(search, { reset: true })}>
              {t('opendata:portal.search.reset')}
            </a>
          </p>
        ) : null}
      </details>
    </nav>
  );
}

const shortText = (text: string, max = 220) => {
  const first = text.split(/\n\s*\n/)[0]!.trim();
  return first.length > max ? `${first.slice(0, first.lastIndexOf(' ', max - 1) > 0 ? first.lastIndexOf(' ', max - 1) : max - 1)} …` : first;
};

export function DatasetHit({ page, dataset }: { page: PageContext; dataset: Dataset }) {
  const { t, lang } = page;
  const title = datasetTitle(lang, dataset);
  const description = inLanguage(lang, dataset.description, dataset.descriptionEn);
  return (
    <li class="search-hit opendata-hit">
      <h3 class="kern-title">
        <a class="kern-link search-hit__title" href={datasetPath(dataset.name)} lang={title.lang}>
          {title.text}
        </a>
      </h3>
      <p class="kern-body kern-body--small opendata-hit__meta">
        <span>{lang === 'en' && dataset.organization.titleEn ? dataset.organization.titleEn : dataset.organization.title}</span>
        <span>
          {t('opendata:portal.search.modified')} <time dateTime={isoString(dataset.modifiedAt)}>{formatDay(dataset.modifiedAt, lang)}</time>
        </span>
      </p>
      <p class="kern-body" lang={description.lang}>
        {shortText(description.text)}
      </p>
      <p class="opendata-hit__badges">
        {dataset.demo ? <DemoBadge page={page} small /> : null}
        {formatsOf(dataset).map((format) => (
          <span key={format} class="kern-badge kern-badge--info kern-badge--small">
            <span class="kern-label">{format}</span>
          </span>
        ))}
      </p>
    </li>
  );
}

export function SearchPage({ page, search, count, datasets, facets, pages }: { page: PageContext; search: PortalSearch; count: number; datasets: Dataset[]; facets: Partial<Record<FacetKey, FacetEntry[]>>; pages: number }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('opendata:portal.lead')}>{t('opendata:portal.title')}</Heading>
      <form method="get" action={portalPath} role="search" class="search-form">
        <TextField name="q" label={t('opendata:portal.search.label')} hint={t('opendata:portal.search.hint')} value={search.text} maxLength={200} />
        {(Object.keys(filterParams) as FacetKey[]).flatMap((facet) => search.filters[facet].map((value) => <input key={`${facet}-${value}`} type="hidden" name={filterParams[facet]} value={value} />))}
        <button type="submit" class="kern-btn kern-btn--primary">
          <span class="kern-icon kern-icon--search kern-icon--default" aria-hidden="true" />
          <span class="kern-label">{t('opendata:portal.search.submit')}</span>
        </button>
      </form>
      <div class="search-layout">
        <section aria-labelledby="treffer" class="kern-stack-md">
          <h2 class="kern-heading-medium" id="treffer">
            {t('opendata:portal.search.count', { count })}
          </h2>
          <p class="kern-body opendata-sort">
            <span>{t('opendata:portal.search.sort')}:</span>
            {(Object.keys(sortParams) as SortParam[]).map((sort) => (
              <a key={sort} class="kern-link" href={searchHref(search, { sort })} aria-current={search.sort === sort ? 'true' : undefined}>
                {t(`opendata:portal.search.sort${sort === 'relevanz' ? 'Relevance' : sort === 'geaendert' ? 'Modified' : 'Title'}`)}
              </a>
            ))}
          </p>
          {datasets.length === 0 ? <p class="kern-body">{t('opendata:portal.search.none')}</p> : null}
          {datasets.length > 0 ? (
            <ul class="search-hits">
              {datasets.map((dataset) => (
                <DatasetHit key={dataset.id} page={page} dataset={dataset} />
              ))}
            </ul>
          ) : null}
          <Pagination page={page} current={search.page} pages={pages} href={(n) => searchHref(search, { page: n })} />
        </section>
        <Facets page={page} search={search} facets={facets} />
      </div>
    </div>
  );
}
