import { ErrorSummary, Heading, Pagination, Select, SubmitButton, TextField } from '#kernel/html/components.tsx';
import { DateField } from '#kernel/forms/index.ts';
import { formatDateTime, isoString } from '#kernel/html/format.ts';
import type { FieldErrors, PageContext } from '#kernel/html/page.ts';
import type { ActionGroup } from '../audit-words.ts';
import { auditExportLimit, type AuditFilter, type AuditRow } from '../service.audit.ts';

export interface AuditLogPageProps {
  page: PageContext;
  filter: AuditFilter;
  actions: ActionGroup[];
  errors: FieldErrors;
  rows: AuditRow[];
  total: number;
  pages: number;
}

/** Every module, and each of its actions: choosing a module shows all it recorded. */
function actionChoices(page: PageContext, actions: readonly ActionGroup[]) {
  return actions.map((group) => ({
    label: group.label,
    choices: [{ value: `${group.module}.`, label: page.t('accounts:auditLog.allOfModule', { module: group.label }) }, ...group.actions.map((action) => ({ value: action.code, label: action.label }))],
  }));
}

export function AuditLogPage({ page, filter, actions, errors, rows, total, pages }: AuditLogPageProps) {
  const { t } = page;
  const selection = { from: filter.from, to: filter.to, action: filter.action, person: filter.person };
  const href = (n: number) => `/verwaltung/protokoll?${new URLSearchParams({ ...selection, page: String(n) }).toString()}`;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('accounts:auditLog.intro')}>{t('accounts:auditLog.title')}</Heading>
      <ErrorSummary page={page} errors={errors} />
      <form method="get" action="/verwaltung/protokoll" class="kern-stack-sm filter-form">
        <DateField page={page} name="from" label={t('accounts:auditLog.from')} value={filter.from} error={errors.from} />
        <DateField page={page} name="to" label={t('accounts:auditLog.to')} value={filter.to} error={errors.to} />
        <Select
          name="action"
          label={t('accounts:auditLog.action')}
          hint={t('accounts:auditLog.actionHint')}
          value={filter.action}
          error={errors.action}
          choices={[{ value: '', label: t('accounts:auditLog.allActions') }]}
          groups={actionChoices(page, actions)}
        />
        <TextField name="person" type="email" label={t('accounts:auditLog.person')} hint={t('accounts:auditLog.personHint')} value={filter.person} maxLength={254} error={errors.person} />
        <SubmitButton kind="secondary" label={t('accounts:auditLog.show')} />
      </form>
      {Object.keys(errors).length > 0 ? null : <AuditTable page={page} rows={rows} total={total} />}
      {rows.length > 0 ? (
        <p class="kern-body">
          <a class="kern-link" href={`/verwaltung/protokoll.csv?${new URLSearchParams(selection).toString()}`} download>
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
              <td class="kern-table__cell">{row.who}</td>
              <td class="kern-table__cell">
                {row.what}
                {row.reason ? ` – ${row.reason}` : ''}
              </td>
              <td class="kern-table__cell">{row.whose ?? '–'}</td>
              <td class="kern-table__cell">
                {row.subject}
                {/* The codes stay within reach for questions the words cannot answer, below the words. */}
                <div class="kern-body kern-body--small">
                  <code>{row.action}</code> · <code>{row.subjectCode}</code>
                  {row.requestId ? ` · ${t('accounts:auditLog.request', { id: row.requestId })}` : null}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
