import { rawText, type FormState } from '#kernel/forms/index.ts';
import { ErrorSummary, Heading, Pagination, Select, SubmitButton, TextField } from '#kernel/html/components.tsx';
import type { PageContext } from '#kernel/html/page.ts';
import type { QueueRow } from '../service.casework.ts';
import { caseChannels } from '../tables.ts';
import { caseStates } from '../workflow.case.ts';
import { QueueMarks } from './staff-follow.tsx';

export interface CaseListProps {
  page: PageContext;
  form: Pick<FormState, 'raw' | 'errors'>;
  forms: { key: string; title: string }[];
  rows: QueueRow[];
  total: number;
  pages: number;
  current: number;
  /** The address of another page of the same list, filters kept. */
  pageHref: (n: number) => string;
}

/** The filter as a GET form: every list it makes has an address of its own and works without JavaScript. */
function Filter({ page, form, forms }: Pick<CaseListProps, 'page' | 'form' | 'forms'>) {
  const { t } = page;
  const { raw, errors } = form;
  const any = { value: '', label: t('applications:casework.filter.any') };
  return (
    <form method="get" action="/verwaltung/antraege" class="kern-stack-sm filter-form">
      <Select
        name="status"
        label={t('applications:casework.filter.status')}
        value={rawText(raw, 'status') ?? ''}
        error={errors.status}
        choices={[{ value: '', label: t('applications:casework.filter.open') }, ...caseStates.map((state) => ({ value: state, label: t(`applications:casework.status.${state}`) }))]}
      />
      <Select name="form" label={t('applications:casework.filter.form')} value={rawText(raw, 'form') ?? ''} error={errors.form} choices={[any, ...forms.map((entry) => ({ value: entry.key, label: entry.title }))]} />
      <Select
        name="channel"
        label={t('applications:casework.filter.channel')}
        value={rawText(raw, 'channel') ?? ''}
        error={errors.channel}
        choices={[any, ...caseChannels.map((channel) => ({ value: channel, label: t(`applications:channels.${channel}`) }))]}
      />
      <Select
        name="assigned"
        label={t('applications:casework.filter.assigned')}
        value={rawText(raw, 'assigned') ?? ''}
        error={errors.assigned}
        choices={[any, { value: 'me', label: t('applications:casework.filter.me') }, { value: 'nobody', label: t('applications:casework.filter.nobody') }]}
      />
      <TextField
        name="olderThan"
        label={t('applications:casework.filter.olderThan')}
        hint={t('applications:casework.filter.olderThanHint')}
        value={rawText(raw, 'olderThan')}
        error={errors.olderThan}
        inputmode="numeric"
        width={4}
      />
      <SubmitButton kind="secondary" label={t('applications:casework.filter.submit')} />
    </form>
  );
}

/** The queue of the person's offices, oldest first: what waits longest comes first. */
export function CaseListPage(props: CaseListProps) {
  const { page, rows } = props;
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('applications:casework.list.lead')}>{t('applications:casework.list.title')}</Heading>
      <ErrorSummary page={page} errors={props.form.errors} />
      <Filter page={page} form={props.form} forms={props.forms} />
      {rows.length === 0 ? (
        <p class="kern-body">{t('applications:casework.list.none')}</p>
      ) : (
        <div class="kern-table-responsive">
          <table class="kern-table kern-table--small">
            <caption class="kern-title">{t('applications:casework.list.caption', { count: props.total })}</caption>
            <thead class="kern-table__header">
              <tr>
                <th scope="col">{t('applications:casework.list.reference')}</th>
                <th scope="col">{t('applications:casework.list.form')}</th>
                <th scope="col">{t('applications:casework.list.applicant')}</th>
                <th scope="col">{t('applications:casework.list.channel')}</th>
                <th scope="col">{t('applications:casework.list.age')}</th>
                <th scope="col">{t('applications:casework.list.status')}</th>
                <th scope="col">{t('applications:casework.list.assigned')}</th>
              </tr>
            </thead>
            <tbody class="kern-table__body">
              {rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row" class="kern-table__cell">
                    <a class="kern-link" href={`/verwaltung/antraege/${row.id}`}>
                      {row.reference}
                    </a>
                  </th>
                  <td class="kern-table__cell">{row.formTitle}</td>
                  <td class="kern-table__cell">{row.applicantName || t('applications:casework.noName')}</td>
                  <td class="kern-table__cell">{t(`applications:channels.${row.channel}`)}</td>
                  <td class="kern-table__cell">{t('applications:casework.list.days', { count: row.ageDays })}</td>
                  <td class="kern-table__cell">
                    {t(`applications:casework.status.${row.status}`)}
                    <QueueMarks page={page} row={row} />
                  </td>
                  <td class="kern-table__cell">{row.assignedName ?? t('applications:casework.list.unassigned')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} current={props.current} pages={props.pages} href={props.pageHref} />
    </div>
  );
}
