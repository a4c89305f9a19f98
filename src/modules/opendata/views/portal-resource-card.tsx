import { isoString } from '#kernel/html/format.ts';
import type { PageContext } from '#kernel/html/page.ts';
import { downloadPath, resourcePath, versionDownloadPath } from '../addresses.ts';
import type { Dataset, Resource, ResourceVersion } from '../model.ts';
import { formatBytes, formatDay, inLanguage, resourceTitle } from './portal-parts.tsx';

/** What a reader needs to decide on a file: its format, size and day, the download, then its history. */
export function ResourceFacts({ page, resource }: { page: PageContext; resource: Resource }) {
  const { t, lang } = page;
  const current = resource.current;
  return (
    <p class="kern-body opendata-resource__facts">
      <span class="kern-badge kern-badge--info">{resource.format}</span>
      {current ? <span>{formatBytes(current.byteSize, lang)}</span> : null}
      {current?.rowCount !== null && current?.rowCount !== undefined ? <span>{t('opendata:portal.resource.rows', { count: current.rowCount })}</span> : null}
      {current ? (
        <span>
          {t('opendata:portal.resource.modified')} <time dateTime={isoString(current.createdAt)}>{formatDay(current.createdAt, lang)}</time>
        </span>
      ) : null}
    </p>
  );
}

export function DownloadLink({ page, dataset, resource }: { page: PageContext; dataset: Pick<Dataset, 'name'>; resource: Resource }) {
  const { t, lang } = page;
  const current = resource.current;
  if (resource.externalUrl) {
    return (
      <a class="kern-btn kern-btn--secondary" href={resource.externalUrl}>
        <span class="kern-icon kern-icon--open-in-new kern-icon--default" aria-hidden="true" />
        <span class="kern-label">{t('opendata:portal.resource.external')}</span>
      </a>
    );
  }
  if (!current) return <p class="kern-body kern-body--muted">{t('opendata:portal.resource.noFile')}</p>;
  return (
    <a
      class="kern-btn kern-btn--primary"
      href={downloadPath(dataset.name, resource.id)}
      download
      aria-label={t('opendata:portal.resource.downloadNamed', { title: resourceTitle(lang, resource).text, format: resource.format, size: formatBytes(current.byteSize, lang) })}
    >
      <span class="kern-icon kern-icon--download kern-icon--default" aria-hidden="true" />
      <span class="kern-label">{t('opendata:portal.resource.download')}</span>
    </a>
  );
}

export function VersionList({ page, dataset, resource, versions }: { page: PageContext; dataset: Pick<Dataset, 'name'>; resource: Resource; versions: readonly ResourceVersion[] }) {
  const { t, lang } = page;
  if (versions.length === 0) return null;
  return (
    <details class="opendata-versions">
      <summary class="kern-link">{t('opendata:portal.resource.versions')} ({versions.length})</summary>
      <p class="kern-body kern-body--small">{t('opendata:portal.resource.versionsHint')}</p>
      <ul class="kern-list">
        {versions.map((version) => (
          <li key={version.id}>
            <a class="kern-link" href={versionDownloadPath(dataset.name, resource.id, version.version)} download>
              {t('opendata:portal.resource.versionLine', { version: version.version, date: formatDay(version.createdAt, lang) })}
            </a>{' '}
            <span class="kern-body--small">
              ({formatBytes(version.byteSize, lang)}
              {version.id === resource.current?.id ? `, ${t('opendata:portal.resource.current')}` : ''})
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}

export function ResourceCard({ page, dataset, resource, versions }: { page: PageContext; dataset: Pick<Dataset, 'name'>; resource: Resource; versions: readonly ResourceVersion[] }) {
  const { t, lang } = page;
  const title = resourceTitle(lang, resource);
  const description = inLanguage(lang, resource.description, null);
  return (
    <article class="kern-card opendata-resource" aria-labelledby={`ressource-${resource.id}`}>
      <div class="kern-card__container">
        <div class="kern-card__header">
          <h3 class="kern-title" id={`ressource-${resource.id}`} lang={title.lang}>
            <a class="kern-link" href={resourcePath(dataset.name, resource.id)}>
              {title.text}
            </a>
          </h3>
        </div>
        <div class="kern-card__body kern-stack-sm">
          {resource.description ? (
            <p class="kern-body" lang={description.lang}>
              {resource.description}
            </p>
          ) : null}
          <ResourceFacts page={page} resource={resource} />
          <div class="opendata-actions">
            <DownloadLink page={page} dataset={dataset} resource={resource} />
            <a class="kern-link" href={resourcePath(dataset.name, resource.id)}>
              {t('opendata:portal.resource.details')}
            </a>
          </div>
          <VersionList page={page} dataset={dataset} resource={resource} versions={versions} />
        </div>
      </div>
    </article>
  );
}
