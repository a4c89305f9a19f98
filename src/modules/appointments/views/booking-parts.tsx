import type { PageContext } from '#kernel/html/page.ts';
import type { Booking } from '../repo.ts';
import { dayText, timeText, type PlaceFacts, type ServiceLine } from '../service.facts.ts';

/** What, when and where: the facts a person checks first on every page of a booking. */
export function BookingSummary({ page, booking, place, services }: { page: PageContext; booking: Pick<Booking, 'starts_at' | 'ends_at'>; place: PlaceFacts; services: readonly ServiceLine[] }) {
  const { t, lang } = page;
  return (
    <dl class="booking-summary">
      <div>
        <dt>{t('appointments:summary.when')}</dt>
        <dd>
          <time datetime={booking.starts_at.toISOString()}>{t('appointments:summary.at', { day: dayText(booking.starts_at, lang), time: timeText(booking.starts_at, lang) })}</time>
          <br />
          <span class="kern-body--small">{t('appointments:summary.until', { time: timeText(booking.ends_at, lang) })}</span>
        </dd>
      </div>
      <div>
        <dt>{t('appointments:summary.where')}</dt>
        <dd>
          {place.name}
          {place.kind !== 'counter' ? (
            <>
              <br />
              {t(`appointments:kind.${place.kind}`)}
            </>
          ) : null}
          {place.address ? (
            <>
              <br />
              {place.address}
            </>
          ) : null}
          {place.hint ? (
            <>
              <br />
              {place.hint}
            </>
          ) : null}
        </dd>
      </div>
      <div>
        <dt>{t('appointments:summary.what')}</dt>
        <dd>
          <ul class="booking-summary__services">
            {services.map((service) => (
              <li key={service.slug}>{t('appointments:book.serviceLine', { title: service.title, count: service.persons })}</li>
            ))}
          </ul>
        </dd>
      </div>
    </dl>
  );
}

/** What to bring, from the catalogue's services, each document once. */
export function DocumentsToBring({ page, services }: { page: PageContext; services: readonly ServiceLine[] }) {
  const documents = [...new Set(services.flatMap((service) => service.documents))];
  if (documents.length === 0) return null;
  return (
    <section aria-labelledby="bring" class="kern-stack-sm">
      <h2 id="bring" class="kern-heading-medium">
        {page.t('appointments:summary.bring')}
      </h2>
      <ul class="kern-list">
        {documents.map((document) => (
          <li key={document}>{document}</li>
        ))}
      </ul>
    </section>
  );
}

export function BackLink({ href, label }: { href: string; label: string }) {
  return (
    <p>
      <a href={href} class="kern-link">
        {label}
      </a>
    </p>
  );
}
