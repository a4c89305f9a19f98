import { Heading } from '#kernel/html/components.tsx';
import type { PageContext } from '#kernel/html/page.ts';
import type { BookingStatus } from '../repo.ts';
import { dayText, timeText } from '../service.facts.ts';

export interface MyBooking {
  id: string;
  reference: string;
  startsAt: Date;
  status: BookingStatus;
  place: string;
  services: string;
}

/** "Meine Termine": what is coming first, then what is over; each opens its booking page. */
export function MyBookingsPage({ page, coming, past }: { page: PageContext; coming: readonly MyBooking[]; past: readonly MyBooking[] }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('appointments:mine.lead')}>{t('appointments:mine.title')}</Heading>
      <section aria-labelledby="coming" class="kern-stack-sm">
        <h2 id="coming" class="kern-heading-medium">
          {t('appointments:mine.coming')}
        </h2>
        {coming.length === 0 ? <p>{t('appointments:mine.noneComing')}</p> : <BookingTable page={page} rows={coming} caption={t('appointments:mine.coming')} />}
        <p>
          <a class="kern-link" href="/termine/buchen">
            {t('appointments:mine.book')}
          </a>
        </p>
      </section>
      {past.length > 0 ? (
        <section aria-labelledby="past" class="kern-stack-sm">
          <h2 id="past" class="kern-heading-medium">
            {t('appointments:mine.past')}
          </h2>
          <BookingTable page={page} rows={past} caption={t('appointments:mine.past')} />
        </section>
      ) : null}
    </div>
  );
}

function BookingTable({ page, rows, caption }: { page: PageContext; rows: readonly MyBooking[]; caption: string }) {
  const { t, lang } = page;
  return (
    <div class="kern-table-responsive">
      <table class="kern-table">
        <caption class="kern-title">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('appointments:mine.when')}</th>
            <th scope="col">{t('appointments:mine.what')}</th>
            <th scope="col">{t('appointments:mine.where')}</th>
            <th scope="col">{t('appointments:mine.status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>
                <a class="kern-link" href={`/termine/buchung/${row.id}`}>
                  {dayText(row.startsAt, lang)}, {timeText(row.startsAt, lang)}
                </a>
              </td>
              <td>{row.services}</td>
              <td>{row.place}</td>
              <td>{t(`appointments:personalData.values.status.${row.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
