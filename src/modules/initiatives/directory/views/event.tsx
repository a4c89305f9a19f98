import { Heading } from '#kernel/html/components.tsx';
import type { PageContext } from '#kernel/html/page.ts';
import type { EventRow } from '#modules/initiatives/tables.ts';
import type { AccessibilityFeature } from '#modules/initiatives/vocabulary.ts';
import type { CalendarEntry } from '../repo.ts';
import { AccessibilityText, DemoMark, districtNames, whenText } from './parts.tsx';

/** One event: when (its next dates, for a repeating one), where, by whom, how accessible. */
export function EventPage({ page, event, dates }: { page: PageContext; event: EventRow & { initiative_slug: string; initiative_name: string; initiative_accessibility: AccessibilityFeature[] }; dates: CalendarEntry[] }) {
  const { t } = page;
  const features = event.accessibility.length > 0 ? event.accessibility : event.initiative_accessibility;
  return (
    <article class="kern-stack-lg">
      <Heading lead={t('initiatives:event.by', { name: event.initiative_name })}>{event.title}</Heading>
      {event.demo ? <DemoMark page={page} /> : null}
      <section aria-labelledby="wann" class="kern-stack-sm">
        <h2 class="kern-heading-medium" id="wann">
          {event.rrule ? t('initiatives:event.nextDates') : t('initiatives:event.when')}
        </h2>
        {dates.length > 0 ? (
          <ul class="kern-list">
            {dates.map((entry) => (
              <li key={entry.startsAt.toISOString()}>{whenText(page, entry.startsAt, entry.endsAt, entry.allDay)}</li>
            ))}
          </ul>
        ) : (
          <p class="kern-body">{t('initiatives:event.past')}</p>
        )}
      </section>
      <dl class="kern-description-list">
        {event.location ? (
          <div class="kern-description-list-item">
            <dt class="kern-description-list-item__key">{t('initiatives:calendar.fields.location')}</dt>
            <dd class="kern-description-list-item__value">{event.location}</dd>
          </div>
        ) : null}
        {event.district ? (
          <div class="kern-description-list-item">
            <dt class="kern-description-list-item__key">{t('initiatives:directory.fields.districts')}</dt>
            <dd class="kern-description-list-item__value">{districtNames(page, [event.district])}</dd>
          </div>
        ) : null}
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('initiatives:directory.fields.accessibility')}</dt>
          <dd class="kern-description-list-item__value">
            <AccessibilityText page={page} features={features} />
          </dd>
        </div>
      </dl>
      {event.description ? <p class="kern-body">{event.description}</p> : null}
      <ul class="kern-list">
        <li>
          <a class="kern-link" href={`/initiativen/${event.initiative_slug}`}>
            {t('initiatives:event.initiative', { name: event.initiative_name })}
          </a>
        </li>
        {event.url ? (
          <li>
            <a class="kern-link" href={event.url} rel="external">
              {t('initiatives:event.more')}
            </a>
          </li>
        ) : null}
      </ul>
    </article>
  );
}
