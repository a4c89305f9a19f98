import { Heading } from '#kernel/html/components.tsx';
import type { PageContext } from '#kernel/html/page.ts';
import type { PlaceFigures } from '../stats.ts';

const locales = { de: 'de-DE', en: 'en-GB' } as const;

/** Numbers, percentages and days as the page's language writes them ("12,5", "3,2 %", "Donnerstag, 3. Dezember"). */
function formats(page: PageContext) {
  const locale = locales[page.lang];
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const day = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
  return {
    number: (value: number | null) => (value === null ? '–' : decimal.format(value)),
    percent: (value: number | null) => (value === null ? '–' : `${decimal.format(value)} %`),
    day: (date: string) => day.format(new Date(`${date}T12:00:00Z`)),
  };
}

function NextFreeTable({ page, place }: { page: PageContext; place: PlaceFigures }) {
  const { t } = page;
  const format = formats(page);
  return (
    <div class="kern-table-responsive">
      <table class="kern-table kern-table--small">
        <caption class="kern-title">{t('appointments:figures.page.nextFreeCaption', { place: place.name })}</caption>
        <thead class="kern-table__header">
          <tr>
            <th scope="col">{t('appointments:figures.page.service')}</th>
            <th scope="col">{t('appointments:figures.page.nextFree')}</th>
            <th scope="col">{t('appointments:figures.page.daysUntil')}</th>
          </tr>
        </thead>
        <tbody class="kern-table__body">
          {place.services.map((service) => (
            <tr key={service.slug}>
              <th scope="row" class="kern-table__cell">
                {service.title}
              </th>
              <td class="kern-table__cell">{service.date ? <time datetime={service.date}>{format.day(service.date)}</time> : t('appointments:figures.page.noneFree')}</td>
              <td class="kern-table__cell">{service.daysUntil === null ? '–' : format.number(service.daysUntil)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PeriodTable({ page, places, periodDays }: { page: PageContext; places: PlaceFigures[]; periodDays: number }) {
  const { t } = page;
  const format = formats(page);
  return (
    <div class="kern-table-responsive">
      <table class="kern-table kern-table--small">
        <caption class="kern-title">{t('appointments:figures.page.periodCaption', { count: periodDays })}</caption>
        <thead class="kern-table__header">
          <tr>
            <th scope="col">{t('appointments:figures.page.place')}</th>
            <th scope="col">{t('appointments:figures.page.booked')}</th>
            <th scope="col">{t('appointments:figures.page.served')}</th>
            <th scope="col">{t('appointments:figures.page.noShow')}</th>
            <th scope="col">{t('appointments:figures.page.noShowRate')}</th>
            <th scope="col">{t('appointments:figures.page.servedPerDay')}</th>
            <th scope="col">{t('appointments:figures.page.meanWait')}</th>
          </tr>
        </thead>
        <tbody class="kern-table__body">
          {places.map((place) => (
            <tr key={place.id}>
              <th scope="row" class="kern-table__cell">
                {place.name}
              </th>
              <td class="kern-table__cell">{format.number(place.booked)}</td>
              <td class="kern-table__cell">{format.number(place.served)}</td>
              <td class="kern-table__cell">{format.number(place.noShow)}</td>
              <td class="kern-table__cell">{format.percent(place.noShowRate)}</td>
              <td class="kern-table__cell">{format.number(place.servedPerDay)}</td>
              <td class="kern-table__cell">{place.meanWaitMinutes === null ? '–' : t('appointments:figures.page.minutes', { count: place.meanWaitMinutes, value: format.number(place.meanWaitMinutes) })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DaysTable({ page, place }: { page: PageContext; place: PlaceFigures }) {
  const { t } = page;
  const format = formats(page);
  if (place.days.length === 0) return null;
  return (
    <div class="kern-table-responsive">
      <table class="kern-table kern-table--small">
        <caption class="kern-title">{t('appointments:figures.page.daysCaption', { place: place.name })}</caption>
        <thead class="kern-table__header">
          <tr>
            <th scope="col">{t('appointments:figures.page.day')}</th>
            <th scope="col">{t('appointments:figures.page.booked')}</th>
            <th scope="col">{t('appointments:figures.page.served')}</th>
          </tr>
        </thead>
        <tbody class="kern-table__body">
          {place.days.map((day) => (
            <tr key={day.date}>
              <th scope="row" class="kern-table__cell">
                <time datetime={day.date}>{format.day(day.date)}</time>
              </th>
              <td class="kern-table__cell">{format.number(day.booked)}</td>
              <td class="kern-table__cell">{format.number(day.served)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The figures of the places a clerk serves: tables with captions and headers for rows and columns, so a
 * screen reader names the place or service and the column of every number.
 */
export function FiguresPage({ page, places, periodDays }: { page: PageContext; places: PlaceFigures[]; periodDays: number }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('appointments:figures.page.lead')}>{t('appointments:figures.page.title')}</Heading>
      {places.length === 0 ? (
        <p class="kern-body">{t('appointments:figures.page.none')}</p>
      ) : (
        <>
          <PeriodTable page={page} places={places} periodDays={periodDays} />
          {places.map((place) => (
            <section key={place.id} class="kern-stack" aria-labelledby={`ort-${place.id}`}>
              <h2 class="kern-heading-medium" id={`ort-${place.id}`}>
                {place.name}
              </h2>
              <NextFreeTable page={page} place={place} />
              <DaysTable page={page} place={place} />
            </section>
          ))}
          <p class="kern-body">{t('appointments:figures.page.how')}</p>
        </>
      )}
    </div>
  );
}
