import { Heading } from '#kernel/html/components.tsx';
import type { PageContext } from '#kernel/html/page.ts';
import type { FormTimes } from '../service.casework.times.ts';

/** A number of days in words ("3 Tage"), or a dash where there is nothing to count. */
function Days({ page, days }: { page: PageContext; days: number | null }) {
  return <>{days === null ? '–' : page.t('applications:casework.list.days', { count: days })}</>;
}

/**
 * Processing times per form for the caseworker's offices: a table with a caption and row headers, so a
 * screen reader names the form and the column of every figure; percentages in words as well as digits.
 */
export function ProcessingTimesPage({ page, forms, periodDays }: { page: PageContext; forms: FormTimes[]; periodDays: number }) {
  const { t } = page;
  const percent = new Intl.NumberFormat(page.lang === 'de' ? 'de-DE' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 });
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('applications:casework.times.lead', { count: periodDays })}>{t('applications:casework.times.title')}</Heading>
      {forms.length === 0 ? (
        <p class="kern-body">{t('applications:casework.times.none')}</p>
      ) : (
        <div class="kern-table-responsive">
          <table class="kern-table kern-table--small">
            <caption class="kern-title">{t('applications:casework.times.caption')}</caption>
            <thead class="kern-table__header">
              <tr>
                <th scope="col">{t('applications:casework.times.form')}</th>
                <th scope="col">{t('applications:casework.times.target')}</th>
                <th scope="col">{t('applications:casework.times.decided')}</th>
                <th scope="col">{t('applications:casework.times.median')}</th>
                <th scope="col">{t('applications:casework.times.ninetieth')}</th>
                <th scope="col">{t('applications:casework.times.withinTarget')}</th>
                <th scope="col">{t('applications:casework.times.open')}</th>
                <th scope="col">{t('applications:casework.times.overTarget')}</th>
                <th scope="col">{t('applications:casework.times.oldest')}</th>
              </tr>
            </thead>
            <tbody class="kern-table__body">
              {forms.map((form) => (
                <tr key={form.formKey}>
                  <th scope="row" class="kern-table__cell">
                    <a class="kern-link" href={`/verwaltung/antraege?${new URLSearchParams({ form: form.formKey }).toString()}`}>
                      {form.title}
                    </a>
                  </th>
                  <td class="kern-table__cell">
                    <Days page={page} days={form.targetDays} />
                  </td>
                  <td class="kern-table__cell">{form.decided}</td>
                  <td class="kern-table__cell">
                    <Days page={page} days={form.medianDays} />
                  </td>
                  <td class="kern-table__cell">
                    <Days page={page} days={form.ninetiethDays} />
                  </td>
                  <td class="kern-table__cell">{form.withinTarget === null ? '–' : percent.format(form.withinTarget)}</td>
                  <td class="kern-table__cell">{form.open}</td>
                  <td class="kern-table__cell">{form.openOverTarget}</td>
                  <td class="kern-table__cell">
                    <Days page={page} days={form.oldestOpenDays} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="kern-body">{t('applications:casework.times.how')}</p>
      {forms.some((form) => form.withdrawn > 0) ? (
        <p class="kern-body">{t('applications:casework.times.withdrawn', { count: forms.reduce((sum, form) => sum + form.withdrawn, 0) })}</p>
      ) : null}
    </div>
  );
}
