import { formatDay } from '#kernel/dates.ts';
import { FormFields, formatPhone, type Raw } from '#kernel/forms/index.ts';
import { formatDateTime } from '#kernel/html/format.ts';
import { Alert, ErrorSummary, Heading, PostForm, SubmitButton } from '#kernel/html/components.tsx';
import type { FieldErrors, PageContext } from '#kernel/html/page.ts';
import { answerForm } from '../forms.ts';
import type { RequestView } from '../repo.ts';

export const requestsPath = '/verwaltung/initiativen/anfragen';
export const requestHref = (id: string) => `${requestsPath}/${id}`;

export const staffCrumbs = (page: PageContext) => [
  { label: page.t('accounts:staff.dashboardTitle'), href: '/verwaltung' },
  { label: page.t('initiatives:resources.staff.title'), href: requestsPath },
];

/** The requests for the keeper's offices' resources, open ones first. */
export function RequestsPage({ page, rows }: { page: PageContext; rows: readonly RequestView[] }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('initiatives:resources.staff.lead')}>{t('initiatives:resources.staff.title')}</Heading>
      {rows.length === 0 ? (
        <p>{t('initiatives:resources.staff.none')}</p>
      ) : (
        <table class="kern-table">
          <caption class="kern-table__caption">{t('initiatives:resources.staff.caption', { count: rows.length })}</caption>
          <thead class="kern-table__head">
            <tr class="kern-table__row">
              <th scope="col" class="kern-table__header">{t('initiatives:resources.staff.reference')}</th>
              <th scope="col" class="kern-table__header">{t('initiatives:resources.staff.resource')}</th>
              <th scope="col" class="kern-table__header">{t('initiatives:resources.staff.for')}</th>
              <th scope="col" class="kern-table__header">{t('initiatives:resources.staff.received')}</th>
              <th scope="col" class="kern-table__header">{t('initiatives:resources.staff.status')}</th>
            </tr>
          </thead>
          <tbody class="kern-table__body">
            {rows.map((row) => (
              <tr key={row.id} class="kern-table__row">
                <td class="kern-table__cell">
                  <a class="kern-link" href={requestHref(row.id)}>
                    {row.reference}
                  </a>
                </td>
                <td class="kern-table__cell">{row.resource_title}</td>
                <td class="kern-table__cell">{row.initiative_name ?? row.organisation ?? '–'}</td>
                <td class="kern-table__cell">{formatDateTime(row.created_at, page.lang)}</td>
                <td class="kern-table__cell">{t(`initiatives:resources.status.${row.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div class="kern-description-list-item">
      <dt class="kern-description-list-item__key">{label}</dt>
      <dd class="kern-description-list-item__value">{value}</dd>
    </div>
  );
}

/** A request with the requester's data, and the answer form while it is open. */
export function RequestPage({ page, request, form, notice }: { page: PageContext; request: RequestView; form: { raw: Raw; errors: FieldErrors }; notice?: 'answered' | undefined }) {
  const { t } = page;
  const none = '–';
  return (
    <div class="kern-stack-lg">
      <Heading lead={request.resource_title}>{t('initiatives:resources.staff.requestTitle', { reference: request.reference })}</Heading>
      {notice ? <Alert kind="success" title={t('initiatives:resources.staff.answered')} /> : null}
      <ErrorSummary page={page} errors={form.errors} />
      <dl class="kern-description-list">
        <Fact label={t('initiatives:resources.staff.status')} value={t(`initiatives:resources.status.${request.status}`)} />
        <Fact label={t('initiatives:resources.staff.received')} value={formatDateTime(request.created_at, page.lang)} />
        <Fact label={t('initiatives:resources.form.initiative')} value={request.initiative_name ?? none} />
        <Fact label={t('initiatives:resources.form.organisation')} value={request.organisation ?? none} />
        <Fact label={t('initiatives:resources.form.name')} value={request.name ?? none} />
        <Fact label={t('initiatives:resources.form.email')} value={request.email ?? none} />
        <Fact label={t('initiatives:resources.form.phone')} value={request.phone ? formatPhone(request.phone) : none} />
        <Fact label={t('initiatives:resources.form.wantedOn')} value={request.wanted_on ? formatDay(request.wanted_on) : none} />
        <Fact label={t('initiatives:resources.form.message')} value={request.message || none} />
        {request.answer ? <Fact label={t('initiatives:resources.staff.answer')} value={request.answer} /> : null}
      </dl>
      {request.status === 'received' ? (
        <section aria-labelledby="antwort" class="kern-stack-sm">
          <h2 id="antwort" class="kern-heading-medium">
            {t('initiatives:resources.staff.answerTitle')}
          </h2>
          <PostForm page={page} action={`${requestHref(request.id)}/antworten`}>
            <FormFields page={page} form={answerForm} raw={form.raw} errors={form.errors} />
            <SubmitButton label={t('initiatives:resources.staff.send')} />
          </PostForm>
        </section>
      ) : null}
      <p>
        <a class="kern-link" href={requestsPath}>
          {t('initiatives:resources.staff.back')}
        </a>
      </p>
    </div>
  );
}
