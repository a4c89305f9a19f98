import { Heading, SubmitButton, TextField } from '#kernel/html/components.tsx';
import { isoString } from '#kernel/html/format.ts';
import type { PageContext } from '#kernel/html/page.ts';
import type { CalendarEntry } from '../repo.ts';
import { FilterFields, HubLinks, type DirectorySearch } from './directory.tsx';
import { AccessibilityText, berlinDayOf, clock, DemoMark, districtNames, longDay } from './parts.tsx';

/*
 * The shared calendar: the dates of every initiative's events from a day on, grouped by day, filterable like
 * the directory; the same filter gives the iCalendar and Atom feeds, so a filtered view can be subscribed to.
 */

export interface CalendarSearch extends Omit<DirectorySearch, 'text'> {
  /** First day shown, 'YYYY-MM-DD'. */
  from: string;
}

export function calendarQuery(search: Partial<CalendarSearch>, withFrom = true): string {
  const params = new URLSearchParams();
  for (const domain of search.domains ?? []) params.append('bereich', domain);
  if (search.district) params.set('bezirk', search.district);
  for (const feature of search.accessibility ?? []) params.append('barrierefrei', feature);
  if (withFrom && search.from) params.set('ab', search.from);
  const query = params.toString();
  return query ? `?${query}` : '';
}

export function EventLine({ page, entry, showInitiative = true }: { page: PageContext; entry: CalendarEntry; showInitiative?: boolean }) {
  const { t, lang } = page;
  return (
    <li class="search-hit initiatives-event">
      <p class="kern-body initiatives-event__time">
        {entry.allDay ? (
          t('initiatives:calendar.allDay')
        ) : (
          <>
            <time dateTime={isoString(entry.startsAt)}>{clock(entry.startsAt, lang)}</time>–<time dateTime={isoString(entry.endsAt)}>{clock(entry.endsAt, lang)}</time>
          </>
        )}
      </p>
      <h3 class="kern-title">
        <a class="kern-link search-hit__title" href={`/initiativen/termine/${entry.eventId}`}>
          {entry.title}
        </a>
      </h3>
      <dl class="initiatives-facts">
        {showInitiative ? (
          <div>
            <dt>{t('initiatives:calendar.fields.initiative')}</dt>
            <dd>
              <a class="kern-link" href={`/initiativen/${entry.initiative.slug}`}>
                {entry.initiative.name}
              </a>
            </dd>
          </div>
        ) : null}
        {entry.location ? (
          <div>
            <dt>{t('initiatives:calendar.fields.location')}</dt>
            <dd>{entry.location}</dd>
          </div>
        ) : null}
        {/* On an initiative's own page its districts, features and demo mark stand once above the dates. */}
        {showInitiative ? (
          <>
            <div>
              <dt>{t('initiatives:directory.fields.districts')}</dt>
              <dd>{districtNames(page, entry.district ? [entry.district] : entry.initiative.districts)}</dd>
            </div>
            <div>
              <dt>{t('initiatives:directory.fields.accessibility')}</dt>
              <dd>
                <AccessibilityText page={page} features={entry.accessibility} />
              </dd>
            </div>
          </>
        ) : null}
      </dl>
      {entry.demo && showInitiative ? <DemoMark page={page} /> : null}
    </li>
  );
}

/** Entries grouped under a heading per Berlin day. */
export function EventDays({ page, entries, showInitiative = true, level = 2 }: { page: PageContext; entries: readonly CalendarEntry[]; showInitiative?: boolean; level?: 2 | 3 }) {
  const days = new Map<string, CalendarEntry[]>();
  for (const entry of entries) {
    const day = berlinDayOf(entry.startsAt);
    days.set(day, [...(days.get(day) ?? []), entry]);
  }
  const DayHeading = level === 2 ? 'h2' : 'h3';
  return (
    <>
      {[...days].map(([day, list]) => (
        <section key={day} aria-labelledby={`tag-${day}`} class="kern-stack-sm">
          <DayHeading class={level === 2 ? 'kern-heading-medium' : 'kern-heading-small'} id={`tag-${day}`}>
            {longDay(list[0]!.startsAt, page.lang)}
          </DayHeading>
          <ul class="search-hits">
            {list.map((entry) => (
              <EventLine key={`${entry.eventId}-${entry.startsAt.getTime()}`} page={page} entry={entry} showInitiative={showInitiative} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

export function CalendarPage({ page, search, entries, until, next }: { page: PageContext; search: CalendarSearch; entries: CalendarEntry[]; until: string; next: string | null }) {
  const { t } = page;
  const feeds = calendarQuery(search, false);
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('initiatives:calendar.lead')}>{t('initiatives:calendar.title')}</Heading>
      <HubLinks page={page} />
      <details class="initiatives-filter" open={search.domains.length > 0 || search.district !== '' || search.accessibility.length > 0}>
        <summary class="kern-title">{t('initiatives:directory.filter.title')}</summary>
        <form method="get" action="/initiativen/kalender" class="kern-stack-md form">
          <FilterFields page={page} search={search}>
            <TextField name="ab" label={t('initiatives:calendar.from')} hint={t('initiatives:calendar.fromHint')} value={search.from} maxLength={10} />
          </FilterFields>
          <SubmitButton label={t('initiatives:directory.filter.submit')} />
        </form>
      </details>
      <p class="kern-body">{t('initiatives:calendar.range', { from: longDay(new Date(`${search.from}T12:00:00Z`), page.lang), to: longDay(new Date(`${until}T12:00:00Z`), page.lang), count: entries.length })}</p>
      <ul class="kern-list initiatives-links">
        <li>
          <a class="kern-link" href={`/initiativen/kalender.ics${feeds}`} type="text/calendar">
            {t('initiatives:calendar.ics')}
          </a>
        </li>
        <li>
          <a class="kern-link" href={`/initiativen/kalender.atom${feeds}`} type="application/atom+xml">
            {t('initiatives:calendar.atom')}
          </a>
        </li>
      </ul>
      {entries.length > 0 ? <EventDays page={page} entries={entries} /> : <p class="kern-body">{t('initiatives:calendar.none')}</p>}
      {next ? (
        <p class="kern-body">
          <a class="kern-link" href={`/initiativen/kalender${calendarQuery({ ...search, from: next })}`} rel="next">
            {t('initiatives:calendar.later')}
          </a>
        </p>
      ) : null}
    </div>
  );
}
