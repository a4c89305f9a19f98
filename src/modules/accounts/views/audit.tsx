import { auditActionLabel } from '#kernel/audit.ts';
import { ErrorSummary, Heading, Pagination, SubmitButton, TextField } from '#kernel/html/components.tsx';
import { formatDateTime, isoString } from '#kernel/html/format.ts';
import type { FieldErrors, PageContext } from '#kernel/html/page.ts';
import { auditExportLimit, type AuditFilter, type AuditRow } from '../service.audit.ts';

export interface AuditLogPageProps {
  page: PageContext;
  filter: AuditFilter;
  errors: FieldErrors;
  rows: AuditRow[];
  total: number;
  pages: number;
}

export function AuditLogPage({ page, filter, errors, rows, total, pages }: AuditLogPageProps) {
  const { t } = page;
  const href = (n: number) => `/verwaltung/protokoll?${new URLSearchParams({ from: filter.from, to: filter.to, action: filter.action, person: filter.person, page: String(n) }).toString()}`;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('accounts:auditLog.intro')}>{t('accounts:auditLog.title')}</Heading>
      <ErrorSummary page={page} errors={errors} />
      <form method="get" action="/verwaltung/protokoll" class="kern-stack-sm filter-form">
        <TextField name="from" label={t('accounts:auditLog.from')} hint={t('accounts:auditLog.dayHint')} value={filter.from} maxLength={10} width={4} error={errors.from} />
        <TextField name="to" label={t('accounts:auditLog.to')} hint={t('accounts:auditLog.dayHint')} value={filter.to} maxLength={10} width={4} error={errors.to} />
        <TextField name="action" label={t('accounts:auditLog.action')} hint={t('accounts:auditLog.actionHint')} value={filter.action} maxLength={80} error={errors.action} />
        <TextField name="person" type="email" label={t('accounts:auditLog.person')} hint={t('accounts:auditLog.personHint')} value={filter.person} maxLength={254} error={errors.person} />
        <SubmitButton kind="secondary" label={t('accounts:auditLog.show')} />
      </form>
      {Object.keys(errors).length > 0 ? null : <AuditTable page={page} rows={rows} total={total} />}
      {rows.length > 0 ? (
        <p class="kern-body">
          <a class="kern-link" href={`/verwaltung/protokoll.csv?${new URLSearchParams({ from: filter.from, to: filter.to, action: filter.action, person: filter.person }).toString()}`} download>
            {t('accounts:auditLog.download')}
          </a>{' '}
          {t('accounts:auditLog.downloadHint', { limit: auditExportLimit.toLocaleString(page.lang) })}
        </p>
      ) : null}
      <Pagination page={page} current={filter.page} pages={pages} href={href} />
    </div>
  );
}

function AuditTable({ page, rows, total }: { page: PageContext; rows: AuditRow[]; total: number }) {
  const { t, lang } = page;
  if (rows.length === 0) return <p class="kern-body">{t('accounts:auditLog.none')}</p>;
  return (
    <div class="kern-table-responsive">
      <table class="kern-table kern-table--small">
        <caption class="kern-title">{t('accounts:auditLog.count', { count: total })}</caption>
        <thead class="kern-table__header">
          <tr>
            <th scope="col">{t('accounts:auditLog.when')}</th>
            <th scope="col">{t('accounts:auditLog.who')}</th>
            <th scope="col">{t('accounts:auditLog.what')}</th>
            <th scope="col">{t('accounts:auditLog.whose')}</th>
            <th scope="col">{t('accounts:auditLog.subject')}</th>
          </tr>
        </thead>
        <tbody class="kern-table__body">
          {rows.map((row) => (
            <tr key={row.id}>
              <td class="kern-table__cell">
                <time datetime={isoString(row.at)}>{formatDateTime(row.at, lang)}</time>
              </td>
              <td class="kern-table__cell">{row.actorLabel}</td>
              <td class="kern-table__cell">
                {auditActionLabel(t, row.action)}
                <div class="kern-body kern-body--small">
                  <code>{row.action}</code>
                  {row.reason ? ` – ${row.reason}` : ''}
                </div>
              </td>
              <td class="kern-table__cell">{row.dataSubject ?? '–'}</td>
              <td class="kern-table__cell">
                {row.subject}
                {row.requestId ? <div class="kern-body kern-body--small">{t('accounts:auditLog.request', { id: row.requestId })}</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
