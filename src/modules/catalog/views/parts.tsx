import type { ComponentChildren } from 'preact';
import type { Language } from '#kernel/auth/actor.ts';
import type { PageContext } from '#kernel/html/page.ts';
import { hoursOn, openingStatus, weekdayOf, type Hours, type OpeningStatus } from '../hours.ts';
import type { OfficeContent } from '../schemas.content.ts';

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

export function formatMoney(cents: number, language: Language): string {
  return money[language].format(cents / 100);
}

/** A calendar date with its weekday; noon UTC keeps the date the same in every zone. */
export function formatDate(date: string, language: Language): string {
  return days[language].format(new Date(`${date}T12:00:00Z`));
}

/** What follows the open/closed badge: "until 12:30" / "opens tomorrow at 07:30", in words a person would use. */
export function statusText(page: PageContext, status: OpeningStatus): string {
  const { t } = page;
  if (status.open) return t('catalog:hours.openUntil', { time: status.closesAt });
  if (!status.next) return t('catalog:hours.closedUntilFurtherNotice');
  const { date, time, daysAhead } = status.next;
  const when =
    daysAhead === 0 ? t('catalog:hours.today', { time }) : daysAhead === 1 ? t('catalog:hours.tomorrow', { time }) : t('catalog:hours.onDate', { date: formatDate(date, page.lang), time });
  const reason = status.todayReason?.kind === 'holiday' ? t('catalog:hours.holidayToday', { name: status.todayReason.text }) : '';
  return `${when}${reason ? ` ${reason}` : ''}`;
}

export function OpenStatus({ page, hours, now }: { page: PageContext; hours: Hours; now: Date }) {
  if (hours.hours.length === 0 && hours.exceptions.length === 0) return null;
  const status = openingStatus(hours, now);
  return (
    <p class={`kern-body catalog-status catalog-status--${status.open ? 'open' : 'closed'}`}>
      <span class={`kern-badge kern-badge--${status.open ? 'success' : 'info'}`}>
        <span class="kern-label">{status.open ? page.t('catalog:hours.open') : page.t('catalog:hours.closed')}</span>
      </span>{' '}
      {statusText(page, status)}
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

/** Days in the coming weeks on which the usual hours do not apply (holidays, announced exceptions). */
export function SpecialDays({ page, hours, from, days = 45 }: { page: PageContext; hours: Hours; from: string; days?: number }) {
  const special: { date: string; text: string }[] = [];
  for (let ahead = 0; ahead < days; ahead += 1) {
    const date = new Date(Date.parse(`${from}T12:00:00Z`) + ahead * 86_400_000).toISOString().slice(0, 10);
    const day = hoursOn(hours, date);
    if (!day.reason) continue;
    const usual = hours.hours.some((period) => period.day === weekdayOf(date));
    if (day.reason.kind === 'holiday' && !usual) continue;
    const when = day.periods.length === 0 ? page.t('catalog:hours.closedDay') : day.periods.map((period) => page.t('catalog:hours.period', period)).join(', ');
    special.push({ date, text: `${when}${day.reason.text ? ` (${day.reason.text})` : ''}` });
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
