import type { FieldErrors, PageContext } from '#kernel/html/page.ts';
import type { Highlighted, SearchHit } from '#kernel/module.ts';
import { ErrorSummary, Heading, Pagination, TextField } from '#kernel/html/components.tsx';
import { Island } from '#kernel/html/islands.tsx';
import type { FacetSummary, SearchResults } from '../search.ts';

/**
 * A plain GET form: search works without JavaScript and its result pages can be bookmarked. With
 * JavaScript, the search-suggest island turns the field into a combobox; its texts travel as data attributes.
 */
export function SearchForm({ page, query, error }: { page: PageContext; query: string; error?: string }) {
  const { t } = page;
  return (
    <>
      <form
        method="get"
        action="/suche"
        role="search"
        class="search-form"
        data-suggest="/api/v1/search/suggestions"
        data-suggest-lang={page.lang}
        data-suggest-none={t('site:search.suggest.none')}
        data-suggest-one={t('site:search.suggest.count_one', { count: 1 })}
        // German and English have one plural form beyond one; the island puts the number in place of %d.
        data-suggest-many={t('site:search.suggest.count_other', { count: '%d' })}
        data-suggest-label={t('site:search.suggest.label')}
      >
        <TextField name="q" label={t('site:home.searchLabel')} hint={t('site:home.searchHint')} value={query} maxLength={200} error={error} />
        <button type="submit" class="kern-btn kern-btn--primary">
          <span class="kern-icon kern-icon--search kern-icon--default" aria-hidden="true" />
          <span class="kern-label">{t('site:home.searchButton')}</span>
        </button>
      </form>
      <Island name="site/search-suggest" />
    </>
  );
}

function searchHref(query: string, filters: Readonly<Record<string, readonly string[]>>, change?: { facet: string; value: string }, page?: number): string {
  const params = new URLSearchParams({ q: query });
  for (const [facet, values] of Object.entries(filters)) {
    const next = change?.facet === facet ? (values.includes(change.value) ? values.filter((value) => value !== change.value) : [...values, change.value]) : values;
    for (const value of next) params.append(facet, value);
  }
  if (page && page > 1) params.set('seite', String(page));
  return `/suche?${params.toString()}`;
}

/** Facets as links that add or remove a filter: they work without JavaScript and say what they do. */
function Facets({ page, query, facets, filters }: { page: PageContext; query: string; facets: FacetSummary[]; filters: Readonly<Record<string, readonly string[]>> }) {
  const { t } = page;
  const shown = facets.filter((facet) => facet.values.length > 0);
  if (shown.length === 0) return null;
  const anySelected = Object.values(filters).some((values) => values.length > 0);
  return (
    <nav class="search-facets" aria-label={t('site:search.facets.title')}>
      <h2 class="kern-heading-small">{t('site:search.facets.title')}</h2>
      {shown.map((facet) => (
        <div key={facet.name} class="search-facets__group">
          <h3 class="kern-title kern-title--small">{facet.label}</h3>
          <ul class="kern-list">
            {facet.values.slice(0, 12).map((value) => (
              <li key={value.value}>
                <a class="kern-link" href={searchHref(query, filters, { facet: facet.name, value: value.value })} aria-current={value.selected ? 'true' : undefined}>
                  {value.selected ? `✓ ${value.label}` : value.label} ({value.count})
                  {value.selected ? <span class="kern-sr-only"> – {t('site:search.facets.remove')}</span> : null}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ))}
      {anySelected ? (
        <p class="kern-body">
          <a class="kern-link" href={searchHref(query, {})}>
            {t('site:search.facets.reset')}
          </a>
        </p>
      ) : null}
    </nav>
  );
}

function Snippet({ pieces }: { pieces: readonly Highlighted[] }) {
  return <>{pieces.map((piece, index) => (piece.match ? <mark key={index}>{piece.text}</mark> : piece.text))}</>;
}

function Hit({ page, hit, typeLabel }: { page: PageContext; hit: SearchHit; typeLabel: string }) {
  const lang = hit.lang && hit.lang !== page.lang ? hit.lang : undefined;
  return (
    <li class="search-hit">
      <span class="kern-badge kern-badge--info kern-badge--small">
        <span class="kern-label">{typeLabel}</span>
      </span>{' '}
      <a class="kern-link search-hit__title" href={hit.url} lang={lang}>
        {hit.title}
      </a>
      <p class="kern-body" lang={lang}>
        {hit.snippet ? <Snippet pieces={hit.snippet} /> : hit.summary}
      </p>
    </li>
  );
}

export function SearchPage({ page, query, results, filters, errors }: { page: PageContext; query: string; results: SearchResults | null; filters: Readonly<Record<string, readonly string[]>>; errors: FieldErrors }) {
  const { t } = page;
  const typeLabels = new Map((results?.facets.find((facet) => facet.name === 'typ')?.values ?? []).map((value) => [value.value, value.label]));
  return (
    <div class="kern-stack-lg">
      <Heading>{query ? t('site:search.resultsFor', { query }) : t('site:search.title')}</Heading>
      <ErrorSummary page={page} errors={errors} />
      <SearchForm page={page} query={query} error={errors.q} />
      {results?.didYouMean ? (
        <p class="kern-body search-correction">
          {t('site:search.didYouMean')}{' '}
          <a class="kern-link" href={searchHref(results.didYouMean, {})}>
            {results.didYouMean}
          </a>
        </p>
      ) : null}
      {query && results ? (
        <div class="search-layout">
          <Facets page={page} query={query} facets={results.facets} filters={filters} />
          <section aria-labelledby="results-heading" class="search-results">
            <h2 class="kern-heading-small" id="results-heading">
              {t(results.totalIsAtLeast ? 'site:search.countAtLeast' : 'site:search.count', { count: results.total })}
            </h2>
            {results.hits.length === 0 ? (
              <>
                <p class="kern-body">{t('site:search.none')}</p>
                <p class="kern-body">{t('site:search.noneHelp')}</p>
              </>
            ) : (
              <ol class="kern-list search-hits">
                {results.hits.map((hit) => (
                  <Hit key={`${hit.type}:${hit.id}`} page={page} hit={hit} typeLabel={typeLabels.get(hit.type) ?? hit.type} />
                ))}
              </ol>
            )}
            <Pagination page={page} current={results.page} pages={results.pages} href={(n) => searchHref(query, filters, undefined, n)} />
          </section>
        </div>
      ) : null}
    </div>
  );
}
