import { Heading } from '#kernel/html/components.tsx';
import type { PageContext } from '#kernel/html/page.ts';
import type { StaffPlace } from '#modules/appointments/service.staff.ts';
import { placeHref } from './format.ts';

/** The places whose counters the clerk serves, each with its day, queue, phone booking and display. */
export function PlacesPage({ page, places }: { page: PageContext; places: StaffPlace[] }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('appointments:staff.places.lead')}>{t('appointments:staff.places.title')}</Heading>
      {places.length === 0 ? (
        <p class="kern-body">{t('appointments:staff.places.none')}</p>
      ) : (
        <ul class="kern-list kern-stack-md">
          {places.map((place) => (
            <li key={place.id}>
              <h2 class="kern-heading-small">{place.name}</h2>
              <ul class="kern-list">
                <li>
                  <a class="kern-link" href={placeHref(place.id)}>
                    {t('appointments:staff.places.day')}
                  </a>
                </li>
                <li>
                  <a class="kern-link" href={`${placeHref(place.id)}/warteschlange`}>
                    {t('appointments:staff.places.queue')}
                  </a>
                </li>
                <li>
                  <a class="kern-link" href={`${placeHref(place.id)}/telefon`}>
                    {t('appointments:staff.places.phone')}
                  </a>
                </li>
                <li>
                  <a class="kern-link" href={`/termine/anzeige/${place.id}`}>
                    {t('appointments:staff.places.display')}
                  </a>
                </li>
              </ul>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
