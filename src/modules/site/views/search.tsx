import type { FieldErrors, PageContext } from '#kernel/html/page.ts';
import type { SearchHit } from '#kernel/module.ts';
import { ErrorSummary, Heading, TextField } from '#kernel/html/components.tsx';

/** A plain GET form: search works without JavaScript and its result pages can be bookmarked. */
export function SearchForm({ page, query, error }: { page: PageContext; query: string; error?: string }) {
  const { t } = page;
  return (
    <form method="get" action="/suche" role="search" class="search-form">
      <TextField name="q" label={t('site:home.searchLabel')} hint={t('site:home.searchHint')} value={query} maxLength={200} error={error} />
      <button type="submit" class="kern-btn kern-btn--primary">
        <span class="kern-icon kern-icon--search kern-icon--default" aria-hidden="true" />
        <span class="kern-label">{t('site:home.searchButton')}</span>
      </button>
    </form>
  );
}

export function SearchPage({ page, query, hits, errors }: { page: PageContext; query: string; hits: SearchHit[]; errors: FieldErrors }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading>{query ? t('site:search.resultsFor', { query }) : t('site:search.title')}</Heading>
      <ErrorSummary page={page} errors={errors} />
      <SearchForm page={page} query={query} error={errors.q} />
      {query ? (
        <section aria-labelledby="results-heading">
          <h2 class="kern-heading-small" id="results-heading">
            {t('site:search.count', { count: hits.length })}
          </h2>
          {hits.length === 0 ? (
            <>
              <p class="kern-body">{t('site:search.none')}</p>
              <p class="kern-body">{t('site:search.noneHelp')}</p>
            </>
          ) : (
            <ol class="kern-list">
              {hits.map((hit) => (
                <li key={hit.url}>
                  <a class="kern-link" href={hit.url}>
                    {hit.title}
                  </a>
                  <p class="kern-body">{hit.summary}</p>
                </li>
              ))}
            </ol>
          )}
        </section>
      ) : null}
    </div>
  );
}
