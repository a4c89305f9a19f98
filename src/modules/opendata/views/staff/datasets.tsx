import { Heading, PostForm, SubmitButton } from '#kernel/html/components.tsx';
import type { PageContext } from '#kernel/html/page.ts';
import { datasetPath } from '#modules/opendata/addresses.ts';
import type { Dataset } from '#modules/opendata/model.ts';
import type { DatasetQuality } from '#modules/opendata/quality/checks.ts';
import { QualityBadge, QualityCell } from '#modules/opendata/views/quality.tsx';
import type { VersionStatus } from '#modules/opendata/tables.ts';
import { StaffTable } from '#kernel/html/staff-table.tsx';
import { formatInstant, Notice, StateBadge, StatusBadge } from './parts.tsx';
import { staffDatasetPath, staffDeletePath, staffEditPath, staffNewDatasetPath, staffNewResourcePath, staffResourcePath, staffStatePath, staffVersionPath } from './paths.ts';

type Newest = Map<string, { version: number; status: VersionStatus }>;

/** The datasets a publisher may publish, drafts first in mind: state, last change, resources and their newest upload. */
export function DatasetListPage({ page, datasets, newest, notice, quality }: { page: PageContext; datasets: Dataset[]; newest: Newest; notice?: string; quality: ReadonlyMap<string, DatasetQuality> }) {
  const t = page.t;
  return (
    <>
      <Heading lead={t('opendata:staff.lead')}>{t('opendata:staff.title')}</Heading>
      <Notice page={page} code={notice} />
      <p>
        <a class="kern-btn kern-btn--primary" href={staffNewDatasetPath}>
          <span class="kern-label">{t('opendata:staff.newDataset')}</span>
        </a>
      </p>
      {datasets.length === 0 ? (
        <p>{t('opendata:staff.empty')}</p>
      ) : (
        <StaffTable caption={t('opendata:staff.title')} columns={[t('opendata:staff.columns.dataset'), t('opendata:staff.columns.state'), t('opendata:qualityBadge.column'), t('opendata:staff.columns.modified'), t('opendata:staff.columns.resources')]}>
          {datasets.map((dataset) => (
            <tr key={dataset.id}>
              <td>
                <a class="kern-link" href={staffDatasetPath(dataset.name)}>
                  {dataset.title}
                </a>
                <br />
                <small>{dataset.organization.title}</small>
              </td>
              <td>
                <StateBadge page={page} state={dataset.state} />
              </td>
              <td>
                <QualityCell page={page} quality={quality.get(dataset.id)} />
              </td>
              <td>{formatInstant(page, dataset.modifiedAt)}</td>
              <td>
                {dataset.resources.length === 0 ? t('opendata:staff.noResources') : null}
                <ul class="kern-list kern-list--unstyled">
                  {dataset.resources.map((resource) => {
                    const last = newest.get(resource.id);
                    return (
                      <li key={resource.id}>
                        {resource.title} ({resource.format}){' '}
                        {last ? (
                          <a class="kern-link" href={staffVersionPath(dataset.name, resource.id, last.version)}>
                            {t('opendata:staff.versionShort', { version: last.version })} <StatusBadge page={page} status={last.status} />
                          </a>
                        ) : null}
                      </li>
                    );
                  })}
                </ul>
              </td>
            </tr>
          ))}
        </StaffTable>
      )}
    </>
  );
}

/** One dataset for its publisher: its state with the buttons that change it, its resources, the way to edit. */
export function DatasetPage({ page, dataset, newest, notice, quality }: { page: PageContext; dataset: Dataset; newest: Newest; notice?: string; quality: DatasetQuality }) {
  const t = page.t;
  return (
    <>
      <Heading lead={dataset.organization.title}>{dataset.title}</Heading>
      <Notice page={page} code={notice} />
      <section aria-labelledby="qualitaet" class="kern-stack-sm">
        <h2 class="kern-heading-medium" id="qualitaet">
          {t('opendata:qualityBadge.column')}
        </h2>
        <QualityBadge page={page} quality={quality} />
      </section>
      <p>
        {t('opendata:staff.columns.state')}: <StateBadge page={page} state={dataset.state} /> · {t('opendata:staff.columns.modified')}: {formatInstant(page, dataset.modifiedAt)}
      </p>
      <div class="kern-stack-sm">
        <p>
          <a class="kern-link" href={staffEditPath(dataset.name)}>
            {t('opendata:staff.edit')}
          </a>
          {dataset.state === 'active' ? (
            <>
              {' · '}
              <a class="kern-link" href={datasetPath(dataset.name)}>
                {t('opendata:staff.publicPage')}
              </a>
            </>
          ) : null}
        </p>
        <PostForm page={page} action={staffStatePath(dataset.name, dataset.state === 'active' ? 'zurueckziehen' : 'veroeffentlichen')}>
          <SubmitButton kind={dataset.state === 'active' ? 'secondary' : 'primary'} label={t(dataset.state === 'active' ? 'opendata:staff.withdraw' : 'opendata:staff.publish')} />
        </PostForm>
      </div>
      <h2 class="kern-heading-medium">{t('opendata:staff.resourcesTitle')}</h2>
      {dataset.resources.length === 0 ? <p>{t('opendata:staff.noResources')}</p> : null}
      <ul class="kern-list">
        {dataset.resources.map((resource) => {
          const last = newest.get(resource.id);
          return (
            <li key={resource.id}>
              <a class="kern-link" href={staffResourcePath(dataset.name, resource.id)}>
                {resource.title}
              </a>{' '}
              ({resource.format}) {last ? <StatusBadge page={page} status={last.status} /> : t('opendata:staff.noVersion')}
            </li>
          );
        })}
      </ul>
      <p>
        <a class="kern-btn kern-btn--secondary" href={staffNewResourcePath(dataset.name)}>
          <span class="kern-label">{t('opendata:staff.resource.add')}</span>
        </a>
      </p>
      <h2 class="kern-heading-medium">{t('opendata:staff.delete.title')}</h2>
      <p>
        <a class="kern-link" href={staffDeletePath(dataset.name)}>
          {t('opendata:staff.delete.link')}
        </a>
      </p>
    </>
  );
}

/** Deleting asks once more, on a page of its own: harvesters then report the dataset as gone. */
export function DeletePage({ page, dataset }: { page: PageContext; dataset: Dataset }) {
  const t = page.t;
  return (
    <>
      <Heading>{t('opendata:staff.delete.confirmTitle', { title: dataset.title })}</Heading>
      <p>{t('opendata:staff.delete.explain')}</p>
      <PostForm page={page} action={staffDeletePath(dataset.name)}>
        <SubmitButton label={t('opendata:staff.delete.confirm')} />
      </PostForm>
      <p>
        <a class="kern-link" href={staffDatasetPath(dataset.name)}>
          {t('opendata:staff.delete.cancel')}
        </a>
      </p>
    </>
  );
}
