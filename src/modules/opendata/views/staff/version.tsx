import { Heading } from '#kernel/html/components.tsx';
import { Island } from '#kernel/html/islands.tsx';
import type { PageContext } from '#kernel/html/page.ts';
import { describeProblem } from '#modules/opendata/ingest/index.ts';
import { finishedStatuses, type VersionDetail } from '#modules/opendata/service.staff.ts';
import { formatBytes, formatNumber } from '../portal-parts.tsx';
import { StaffTable } from '#kernel/html/staff-table.tsx';
import { formatInstant, StatusBadge } from './parts.tsx';
import { staffProgressPath, staffResourcePath, staffVersionPath } from './paths.ts';

/** What the progress says in words: rows loaded so far, of how many when known. */
export function progressText(page: Pick<PageContext, 't' | 'lang'>, detail: Pick<VersionDetail, 'rowsLoaded' | 'version'>): string {
  const { status, rowCount } = detail.version;
  if (status === 'received') return page.t('opendata:staff.progress.waiting');
  if (status === 'checking') return page.t('opendata:staff.progress.checking', { rows: formatNumber(detail.rowsLoaded, page.lang) });
  if (status === 'loaded') return page.t('opendata:staff.progress.loaded', { rows: formatNumber(rowCount ?? detail.rowsLoaded, page.lang) });
  return page.t(`opendata:staff.progress.${status}`);
}

/**
 * One version's way through the checks: its status, the rows loaded so far and, for a file that failed, the
 * problems the check found. Without JavaScript "Aktualisieren" reloads; with it, the island asks every two
 * seconds and updates the progress until the version is finished.
 */
export function VersionPage({ page, detail }: { page: PageContext; detail: VersionDetail }) {
  const t = page.t;
  const { dataset, resource, version, report } = detail;
  const finished = finishedStatuses.includes(version.status);
  const path = staffVersionPath(dataset.name, resource.id, version.version);
  return (
    <>
      <Heading lead={`${resource.title} · ${version.filename} (${formatBytes(version.byteSize, page.lang)})`}>{t('opendata:staff.version.title', { version: version.version })}</Heading>
      <div class="version-progress kern-stack-sm" data-progress-url={finished ? undefined : staffProgressPath(dataset.name, resource.id, version.version)}>
        <p>
          {t('opendata:staff.versions.status')}: <span class="version-progress__status">
            <StatusBadge page={page} status={version.status} />
          </span>
        </p>
        <p aria-live="polite">
          <label for="version-rows">{t('opendata:staff.progress.label')}</label>
          <br />
          <progress id="version-rows" max={version.rowCount ?? undefined} value={finished ? (version.rowCount ?? 0) : detail.rowsLoaded} />{' '}
          <span class="version-progress__text">{progressText(page, detail)}</span>
        </p>
        {finished ? null : (
          <p>
            <a class="kern-link version-progress__refresh" href={path}>
              {t('opendata:staff.version.refresh')}
            </a>
          </p>
        )}
      </div>
      <p>
        {t('opendata:staff.versions.received')}: {formatInstant(page, version.createdAt)}
        {detail.finishedAt ? ` · ${t('opendata:staff.version.finished')}: ${formatInstant(page, detail.finishedAt)}` : null}
      </p>
      {detail.note ? <p>{t('opendata:staff.version.note', { note: detail.note })}</p> : null}
      {report && report.errors.length > 0 ? (
        <section aria-labelledby="report-title">
          <h2 class="kern-heading-medium" id="report-title">
            {t('opendata:staff.report.title', { count: report.errorCount })}
          </h2>
          {report.truncated ? <p>{t('opendata:staff.report.truncated', { shown: report.errors.length })}</p> : null}
          <StaffTable caption={t('opendata:staff.report.caption')} columns={[t('opendata:staff.report.row'), t('opendata:staff.report.column'), t('opendata:staff.report.field'), t('opendata:staff.report.problem')]}>
            {report.errors.map((problem, index) => (
              <tr key={index}>
                <td>{problem.row ?? '–'}</td>
                <td>{problem.column ?? '–'}</td>
                <td>{problem.field ?? '–'}</td>
                <td>{describeProblem(problem, t)}</td>
              </tr>
            ))}
          </StaffTable>
        </section>
      ) : null}
      {report && report.notes.length > 0 ? (
        <ul class="kern-list">
          {report.notes.map((note) => (
            <li key={note}>{t(note)}</li>
          ))}
        </ul>
      ) : null}
      <p>
        <a class="kern-link" href={staffResourcePath(dataset.name, resource.id)}>
          {t('opendata:staff.version.back')}
        </a>
      </p>
      {finished ? null : <Island name="opendata/upload-status" />}
    </>
  );
}
