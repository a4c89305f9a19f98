import { todayInBerlin } from '#kernel/calendar.ts';
import type { PageContext } from '#kernel/html/page.ts';
import { absolute, ckanActionPath, datasetPath } from '../addresses.ts';
import type { Dataset } from '../model.ts';
import { datasetTitle, formatDay, resourceTitle } from './portal-parts.tsx';

/*
 * The exact calls that fetch this dataset, ready to copy: what a developer needs first, and what CKAN
 * portals hide behind a "Data API" button that opens a script.
 */

export function apiCalls(publicUrl: string, dataset: Pick<Dataset, 'name' | 'resources'>) {
  const packageShow = absolute(publicUrl, `${ckanActionPath('package_show')}?id=${encodeURIComponent(dataset.name)}`);
  const searches = dataset.resources
    .filter((resource) => resource.datastoreActive)
    .map((resource) => ({ resource, url: absolute(publicUrl, `${ckanActionPath('datastore_search')}?resource_id=${resource.id}&limit=5`) }));
  return { packageShow, searches };
}

function Call({ label, url }: { label: string; url: string }) {
  return (
    <div class="kern-stack-xs">
      <p class="kern-body kern-body--bold">{label}</p>
      <pre class="opendata-code">
        <code>GET {url}</code>
      </pre>
    </div>
  );
}

export function ApiBox({ page, dataset, publicUrl }: { page: PageContext; dataset: Dataset; publicUrl: string }) {
  const { t, lang } = page;
  const calls = apiCalls(publicUrl, dataset);
  const curlTarget = calls.searches[0]?.url ?? calls.packageShow;
  return (
    <section aria-labelledby="api" class="kern-stack-sm opendata-api">
      <h2 class="kern-heading-medium" id="api">
        {t('opendata:portal.api.title')}
      </h2>
      <p class="kern-body">{t('opendata:portal.api.lead')}</p>
      <Call label={t('opendata:portal.api.packageShow')} url={calls.packageShow} />
      {calls.searches.map(({ resource, url }) => (
        <Call key={resource.id} label={t('opendata:portal.api.datastoreSearch', { title: resourceTitle(lang, resource).text })} url={url} />
      ))}
      <div class="kern-stack-xs">
        <p class="kern-body kern-body--bold">{t('opendata:portal.api.curl')}</p>
        <pre class="opendata-code">
          <code>curl '{curlTarget}'</code>
        </pre>
      </div>
    </section>
  );
}

/** A citation as a reference list wants it: who, when, what, where, and the day it was read. */
export function citationText(page: Pick<PageContext, 't' | 'lang' | 'cityName'>, dataset: Pick<Dataset, 'name' | 'title' | 'titleEn' | 'organization' | 'modifiedAt'>, publicUrl: string, today: string): string {
  return page.t('opendata:portal.cite.text', {
    publisher: dataset.organization.title,
    year: todayInBerlin(dataset.modifiedAt).slice(0, 4),
    title: datasetTitle(page.lang, dataset).text,
    city: page.cityName,
    url: absolute(publicUrl, datasetPath(dataset.name)),
    date: formatDay(today, page.lang),
  });
}

export function Citation({ page, dataset, publicUrl, today }: { page: PageContext; dataset: Dataset; publicUrl: string; today: string }) {
  return (
    <section aria-labelledby="zitieren" class="kern-stack-sm">
      <h2 class="kern-heading-medium" id="zitieren">
        {page.t('opendata:portal.cite.title')}
      </h2>
      <p class="kern-body opendata-citation">{citationText(page, dataset, publicUrl, today)}</p>
    </section>
  );
}
