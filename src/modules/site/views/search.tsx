import type { FieldErrors, PageContext } from '#kernel/html/page.ts';
import type { HomeSection, Highlighted, SearchHit } from '#kernel/module.ts';
import { ErrorSummary, Heading, Pagination, TextField } from '#kernel/html/components.tsx';
import { telHref } from '#kernel/html/format.ts';
import { Island } from '#kernel/html/islands.tsx';
import { foundNothing, type FacetSummary, type SearchResults } from '../search.ts';

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

/**
 * Facets as links that add or remove a filter: they work without JavaScript and say what they do. They
 * follow the results and fold into a closed <details> on small screens, so a phone shows results first; on
 * wider screens the stylesheet shows them unfolded beside the results.
 */
function Facets({ page, query, facets, filters }: { page: PageContext; query: string; facets: FacetSummary[]; filters: Readonly<Record<string, readonly string[]>> }) {
  const { t } = page;
  const shown = facets.filter((facet) => facet.values.length > 0);
  if (shown.length === 0) return null;
  const anySelected = Object.values(filters).some((values) => values.length > 0);
  return (
    <nav class="search-facets" aria-labelledby="facets-heading">
      <details class="search-facets__fold">
        <summary class="search-facets__summary">{t('site:search.facets.title')}</summary>
        <h2 class="kern-heading-small search-facets__title" id="facets-heading">
          {t('site:search.facets.title')}
        </h2>
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
      </details>
    </nav>
  );
}

/**
 * When the search found nothing: what to try, whom to call, and where to look instead (the A–Z, the offices
 * and the entry points modules give the home page), across the full width.
 */
function NothingFound({ page, entryPoints }: { page: PageContext; entryPoints: readonly HomeSection[] }) {
  const { t } = page;
  const phone = t('site:contact.phoneNumber');
  return (
    <section aria-labelledby="results-heading" class="search-nothing kern-stack-md">
      <h2 class="kern-heading-medium" id="results-heading">
        {t('site:search.none')}
      </h2>
      <p class="kern-body">{t('site:search.noneSpelling')}</p>
      <div class="search-nothing__ways">
        <div class="search-nothing__way">
          <h3 class="kern-heading-small">{t('site:search.noneCallHeading')}</h3>
          <p class="kern-body">
            {t('site:search.noneCall')}{' '}
            <a class="kern-link search-nothing__phone" href={telHref(phone)}>
              {phone}
            </a>
          </p>
        </div>
        <div class="search-nothing__way">
          <h3 class="kern-heading-small">{t('site:search.noneBrowseHeading')}</h3>
          <ul class="kern-list">
            <li>
              <a class="kern-link" href="/leistungen">
                {t('site:search.noneAtoZ')}
              </a>
            </li>
            <li>
              <a class="kern-link" href="/dienststellen">
                {t('site:search.noneOffices')}
              </a>
            </li>
          </ul>
        </div>
      </div>
      {entryPoints.map((section, index) => (
        <section key={section.heading} aria-labelledby={`nothing-section-${index}`}>
          <h3 class="kern-heading-small" id={`nothing-section-${index}`}>
            {t(section.heading)}
          </h3>
          <ul class="kern-list search-nothing__links" lang={section.lang && section.lang !== page.lang ? section.lang : undefined}>
            {section.links.map((link) => (
              <li key={link.href}>
                <a class="kern-link" href={link.href}>
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
          {section.more ? (
            <p class="kern-body">
              <a class="kern-link" href={section.more.href}>
                {t(section.more.label)}
              </a>
            </p>
          ) : null}
        </section>
      ))}
    </section>
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

export function SearchPage(props: {
  page: PageContext;
  query: string;
  results: SearchResults | null;
  filters: Readonly<Record<string, readonly string[]>>;
  errors: FieldErrors;
  /** Where to look instead when the search found nothing. */
  entryPoints: readonly HomeSection[];
}) {
  const { page, query, results, filters, errors } = props;
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
      {query && results && foundNothing(results) ? <NothingFound page={page} entryPoints={props.entryPoints} /> : null}
      {query && results && !foundNothing(results) ? (
        <div class="search-layout">
          <section aria-labelledby="results-heading" class="search-results">
            <h2 class="kern-heading-small" id="results-heading">
              {t(results.totalIsAtLeast ? 'site:search.countAtLeast' : 'site:search.count', { count: results.total })}
            </h2>
            {results.hits.length === 0 ? (
              <p class="kern-body">{t('site:search.noneFiltered')}</p>
            ) : (
              <ol class="kern-list search-hits">
                {results.hits.map((hit) => (
                  <Hit key={`${hit.type}:${hit.id}`} page={page} hit={hit} typeLabel={typeLabels.get(hit.type) ?? hit.type} />
                ))}
              </ol>
            )}
            <Pagination page={page} current={results.page} pages={results.pages} href={(n) => searchHref(query, filters, undefined, n)} />
          </section>
          <Facets page={page} query={query} facets={results.facets} filters={filters} />
        </div>
      ) : null}
    </div>
  );
}
