import type { ComponentChildren } from 'preact';
import type { Language } from '#kernel/auth/actor.ts';
import { weekdayOf } from '#kernel/calendar.ts';
import type { PageContext } from '#kernel/html/page.ts';
import type { HolidayCalendar } from '#kernel/holidays/holidays.ts';
import { namedDayOn } from '#kernel/holidays/holidays.ts';
import { berlinTime, hoursOn, openingStatus, type DayReason, type Hours, type OpeningStatus } from '../hours.ts';
import type { ClosingDay, OfficeContent } from '../schemas.content.ts';

/** Catalogue texts are German; on an English page they carry lang="de" so screen readers switch voice. */
export function contentLang(page: PageContext): string | undefined {
  return page.lang === 'de' ? undefined : 'de';
}

/** Plain text with blank lines between paragraphs; rendered as text, so nothing in it becomes markup. */
export function Paragraphs({ text, lang }: { text: string; lang?: string }) {
  const paragraphs = text.split(/\n\s*\n/).map((paragraph) => paragraph.trim()).filter(Boolean);
  return (
    <>
      {paragraphs.map((paragraph, index) => (
        <p class="kern-body catalog-text" key={index} lang={lang}>
          {paragraph}
        </p>
      ))}
    </>
  );
}

export function BulletList({ items, lang }: { items: readonly string[]; lang?: string }) {
  return (
    <ul class="kern-list kern-list--bullet" lang={lang}>
      {items.map((item, index) => (
        <li key={index}>{item}</li>
      ))}
    </ul>
  );
}

export function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={id} class="catalog-section">
      <h2 class="kern-heading-medium" id={id}>
        {title}
      </h2>
      {children}
    </section>
  );
}

// Building an Intl formatter costs far more than using one; pages format many amounts and dates.
const money = { de: new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }), en: new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }) };
const dayOptions = { weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' } as const;
const days = { de: new Intl.DateTimeFormat('de-DE', dayOptions), en: new Intl.DateTimeFormat('en-GB', dayOptions) };

const dayOfYearOptions = { day: 'numeric', month: 'long', timeZone: 'UTC' } as const;
const daysOfYear = { de: new Intl.DateTimeFormat('de-DE', dayOfYearOptions), en: new Intl.DateTimeFormat('en-GB', dayOfYearOptions) };

export function formatMoney(cents: number, language: Language): string {
  return money[language].format(cents / 100);
}

/** A calendar date with its weekday; noon UTC keeps the date the same in every zone. */
export function formatDate(date: string, language: Language): string {
  return days[language].format(new Date(`${date}T12:00:00Z`));
}

/**
 * A closing day in words: the editor's note, else the named day it is ("Rosenmontag", also for "24.12."
 * as Heiligabend), else just "closing day". `date` is the day it closes on, when there is one.
 */
export function closingDayName(page: PageContext, closing: ClosingDay, date?: string): string {
  if (closing.note) return closing.note;
  const named = /^[a-z]/.test(closing.day) ? closing.day : date ? namedDayOn(date) : undefined;
  return named ? page.t(`kernel:holidays.namedDays.${named}`) : page.t('catalog:hours.closingDay');
}

/** Why today is not as usual, after the status: "(heute ist Karfreitag)", "(heute geschlossen: Rosenmontag)". */
function reasonToday(page: PageContext, reason: DayReason | undefined, today: string): string {
  if (reason?.kind === 'holiday') return page.t('catalog:hours.holidayToday', { name: page.t(`kernel:holidays.names.${reason.holiday}`) });
  if (reason?.kind !== 'closing') return '';
  const name = closingDayName(page, reason.closing, today);
  return reason.closing.from ? page.t('catalog:hours.closedTodayFrom', { name, time: reason.closing.from }) : page.t('catalog:hours.closedToday', { name });
}

/** What follows the open/closed badge: "until 12:30" / "opens tomorrow at 07:30", in words a person would use. */
export function statusText(page: PageContext, status: OpeningStatus, today: string): string {
  const { t } = page;
  const join = (text: string, reason: string) => `${text}${reason ? ` ${reason}` : ''}`;
  if (status.open) return join(t('catalog:hours.openUntil', { time: status.closesAt }), reasonToday(page, status.reason?.kind === 'closing' ? status.reason : undefined, today));
  if (!status.next) return join(t('catalog:hours.closedUntilFurtherNotice'), reasonToday(page, status.todayReason, today));
  const { date, time, daysAhead } = status.next;
  const when =
    daysAhead === 0 ? t('catalog:hours.today', { time }) : daysAhead === 1 ? t('catalog:hours.tomorrow', { time }) : t('catalog:hours.onDate', { date: formatDate(date, page.lang), time });
  return join(when, reasonToday(page, status.todayReason, today));
}

export function OpenStatus({ page, hours, now, holidays }: { page: PageContext; hours: Hours; now: Date; holidays: HolidayCalendar }) {
  if (hours.hours.length === 0 && hours.exceptions.length === 0) return null;
  const status = openingStatus(hours, now, holidays);
  return (
    <p class={`kern-body catalog-status catalog-status--${status.open ? 'open' : 'closed'}`}>
      <span class={`kern-badge kern-badge--${status.open ? 'success' : 'info'}`}>
        <span class="kern-label">{status.open ? page.t('catalog:hours.open') : page.t('catalog:hours.closed')}</span>
      </span>{' '}
      {statusText(page, status, berlinTime(now).date)}
    </p>
  );
}

/** The week as a table: one row per day, the periods joined; days without hours say "closed". */
export function WeekHours({ page, office }: { page: PageContext; office: Pick<OfficeContent, 'hours'> }) {
  const { t } = page;
  return (
    <div class="kern-table-responsive">
      <table class="kern-table kern-table--small">
        <caption class="kern-sr-only">{t('catalog:hours.caption')}</caption>
        <tbody class="kern-table__body">
          {[1, 2, 3, 4, 5, 6, 7].map((day) => {
            const periods = office.hours.filter((period) => period.day === day).sort((a, b) => a.opens.localeCompare(b.opens));
            return (
              <tr key={day}>
                <th scope="row" class="kern-table__cell">
                  {t(`catalog:weekdays.${day}`)}
                </th>
                <td class="kern-table__cell">
                  {periods.length === 0 ? t('catalog:hours.closedDay') : periods.map((period) => t('catalog:hours.period', { opens: period.opens, closes: period.closes })).join(', ')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A closing day as the office page lists it: "Rosenmontag", "Weiberfastnacht ab 12:00 Uhr", "24. Dezember (Heiligabend)". */
export function closingDayLabel(page: PageContext, closing: ClosingDay): string {
  const named = /^[a-z]/.test(closing.day);
  const everyYear = closing.day.length === 5;
  // Any leap year shows every day of the year; only the day and month are printed.
  const when = named ? page.t(`kernel:holidays.namedDays.${closing.day}`) : everyYear ? daysOfYear[page.lang].format(new Date(`2028-${closing.day}T12:00:00Z`)) : formatDate(closing.day, page.lang);
  const name = named ? closing.note : closing.note || (everyYear ? namedDayOn(`2028-${closing.day}`) && closingDayName(page, closing, `2028-${closing.day}`) : undefined);
  const from = closing.from ? ` ${page.t('catalog:hours.fromTime', { time: closing.from })}` : '';
  return `${when}${from}${name ? ` (${name})` : ''}`;
}

/** The office's own closing days besides the public holidays, in one sentence. */
export function ClosingDays({ page, closingDays }: { page: PageContext; closingDays: readonly ClosingDay[] | undefined }) {
  if (!closingDays || closingDays.length === 0) return null;
  return <p class="kern-body">{page.t('catalog:office.closingDays', { days: closingDays.map((closing) => closingDayLabel(page, closing)).join(', ') })}</p>;
}

/** The reason a day's hours differ, in words, for the list of special days. */
function reasonName(page: PageContext, reason: DayReason, date: string): string {
  if (reason.kind === 'holiday') return page.t(`kernel:holidays.names.${reason.holiday}`);
  if (reason.kind === 'closing') return closingDayName(page, reason.closing, date);
  return reason.text;
}

/** Days in the coming weeks on which the usual hours do not apply (holidays, closing days, announced exceptions). */
export function SpecialDays({ page, hours, from, holidays, days = 45 }: { page: PageContext; hours: Hours; from: string; holidays: HolidayCalendar; days?: number }) {
  const special: { date: string; text: string }[] = [];
  for (let ahead = 0; ahead < days; ahead += 1) {
    const date = new Date(Date.parse(`${from}T12:00:00Z`) + ahead * 86_400_000).toISOString().slice(0, 10);
    const day = hoursOn(hours, date, holidays);
    if (!day.reason) continue;
    const usual = hours.hours.filter((period) => period.day === weekdayOf(date));
    // A holiday or closing day on which the office would be closed anyway changes nothing worth a line.
    if (day.reason.kind !== 'exception' && day.periods.length === usual.length && day.periods.every((period, index) => period.closes === usual[index]?.closes)) continue;
    const when = day.periods.length === 0 ? page.t('catalog:hours.closedDay') : day.periods.map((period) => page.t('catalog:hours.period', period)).join(', ');
    const why = reasonName(page, day.reason, date);
    special.push({ date, text: `${when}${why ? ` (${why})` : ''}` });
  }
  if (special.length === 0) return null;
  return (
    <>
      <h3 class="kern-heading-small">{page.t('catalog:hours.specialDays')}</h3>
      <ul class="kern-list">
        {special.map((day) => (
          <li key={day.date}>
            <time datetime={day.date}>{formatDate(day.date, page.lang)}</time>: {day.text}
          </li>
        ))}
      </ul>
    </>
  );
}

export function telHref(number: string): string {
  return `tel:${number.replace(/[^0-9+]/g, '')}`;
}

export function Address({ office, lang }: { office: Pick<OfficeContent, 'title' | 'street' | 'postalCode' | 'city'>; lang?: string }) {
  return (
    <address class="catalog-address" lang={lang}>
      {office.title}
      <br />
      {office.street}
      <br />
      {office.postalCode} {office.city}
    </address>
  );
}

/** A JSON-LD data block: not executed, so the script-src policy does not apply to it. `<` is escaped so text cannot end the block. */
export function JsonLd({ data }: { data: object }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: JSON.stringify(data).replace(/</g, '\\u003c') }} />;
}

export function DemoBadge({ page }: { page: PageContext }) {
  return (
    <span class="kern-badge kern-badge--warning">
      <span class="kern-label">{page.t('catalog:staff.demo')}</span>
    </span>
  );
}
