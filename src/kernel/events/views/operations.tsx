import type { ComponentChildren } from 'preact';
import { Alert, Heading } from '#kernel/html/components.tsx';
import { formatDateTime, isoString } from '#kernel/html/format.ts';
import type { PageContext } from '#kernel/html/page.ts';
import type { FailedDeliveryRow, FailedJobRow } from '../repo.failures.ts';
import type { FailedWork } from '../service.operations.ts';

export interface OperationsPageProps {
  page: PageContext;
  work: FailedWork;
  /** i18n keys. */
  notice?: string | undefined;
  problem?: string | undefined;
}

export function OperationsPage({ page, work, notice, problem }: OperationsPageProps) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('kernel:operations.intro')}>{t('kernel:operations.title')}</Heading>
      {problem ? <Alert kind="danger" title={t(problem)} /> : null}
      {notice ? <Alert kind="success" title={t(notice)} /> : null}
      <section class="kern-stack-md" aria-labelledby="deliveries-heading">
        <h2 class="kern-heading-medium" id="deliveries-heading">
          {t('kernel:operations.deliveries.title')}
        </h2>
        <p class="kern-body">{t('kernel:operations.deliveries.intro')}</p>
        <FailureTable page={page} caption={t('kernel:operations.deliveries.count', { count: work.deliveries.total })} rows={work.deliveries.rows} total={work.deliveries.total} delivery />
      </section>
      <section class="kern-stack-md" aria-labelledby="jobs-heading">
        <h2 class="kern-heading-medium" id="jobs-heading">
          {t('kernel:operations.jobs.title')}
        </h2>
        <FailureTable page={page} caption={t('kernel:operations.jobs.count', { count: work.jobs.total })} rows={work.jobs.rows} total={work.jobs.total} />
      </section>
    </div>
  );
}

interface FailureTableProps {
  page: PageContext;
  caption: string;
  rows: readonly (FailedJobRow | FailedDeliveryRow)[];
  total: number;
  delivery?: boolean;
}

function FailureTable({ page, caption, rows, total, delivery = false }: FailureTableProps) {
  const { t } = page;
  if (rows.length === 0) return <p class="kern-body">{t(delivery ? 'kernel:operations.deliveries.none' : 'kernel:operations.jobs.none')}</p>;
  return (
    <>
      <div class="kern-table-responsive">
        <table class="kern-table kern-table--small">
          <caption class="kern-title">{caption}</caption>
          <thead class="kern-table__header">
            <tr>
              <th scope="col">{t(delivery ? 'kernel:operations.deliveries.what' : 'kernel:operations.jobs.what')}</th>
              <th scope="col">{t('kernel:operations.failedAt')}</th>
              <th scope="col">{t('kernel:operations.attempts')}</th>
              <th scope="col">{t('kernel:operations.error')}</th>
              <th scope="col">{t('kernel:operations.action')}</th>
            </tr>
          </thead>
          <tbody class="kern-table__body">
            {rows.map((row) => (
              <tr key={row.id}>
                <td class="kern-table__cell">{delivery ? <DeliveryCell page={page} row={row as FailedDeliveryRow} /> : <code>{row.queue}</code>}</td>
                <td class="kern-table__cell">{row.failed_at ? <time datetime={isoString(row.failed_at)}>{formatDateTime(row.failed_at, page.lang)}</time> : '–'}</td>
                <td class="kern-table__cell">{row.attempts}</td>
                <td class="kern-table__cell">{row.error ?? t('kernel:operations.noError')}</td>
                <td class="kern-table__cell">
                  <ReplayForm page={page} row={row} label={t('kernel:operations.replay')}>
                    {delivery ? eventLabel(row as FailedDeliveryRow) : row.queue}
                  </ReplayForm>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > rows.length ? <p class="kern-body">{t('kernel:operations.newestOnly', { shown: rows.length, total })}</p> : null}
    </>
  );
}

function eventLabel(row: FailedDeliveryRow): string {
  return row.event_name ? `${row.event_name} v${row.event_version ?? '?'} → ${row.queue}` : row.queue;
}

function DeliveryCell({ page, row }: { page: PageContext; row: FailedDeliveryRow }) {
  const { t } = page;
  return (
    <>
      <code>{row.event_name ? `${row.event_name} v${row.event_version ?? '?'}` : t('kernel:operations.deliveries.eventGone')}</code>
      <div class="kern-body kern-body--small">{t('kernel:operations.deliveries.subscriber', { subscriber: row.queue })}</div>
      {row.published_at ? (
        <div class="kern-body kern-body--small">
          {t('kernel:operations.deliveries.published')} <time datetime={isoString(row.published_at)}>{formatDateTime(row.published_at, page.lang)}</time>
        </div>
      ) : null}
      {row.event_id ? <div class="kern-body kern-body--small">{t('kernel:operations.deliveries.eventId', { id: row.event_id })}</div> : null}
    </>
  );
}

/** One small form per row: a plain POST with the CSRF token, so a replay needs no JavaScript. */
function ReplayForm({ page, row, label, children }: { page: PageContext; row: FailedJobRow; label: string; children: ComponentChildren }) {
  return (
    <form method="post" action="/verwaltung/betrieb/wiederholen">
      <input type="hidden" name="_csrf" value={page.csrfToken()} />
      <input type="hidden" name="queue" value={row.queue} />
      <input type="hidden" name="id" value={row.id} />
      <button type="submit" class="kern-btn kern-btn--secondary">
        <span class="kern-label">{label}</span>
        {/* Every row has the same button; a screen reader's list of buttons tells them apart by this. */}
        <span class="kern-sr-only"> – {children}</span>
      </button>
    </form>
  );
}
