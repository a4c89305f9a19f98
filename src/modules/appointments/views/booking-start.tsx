import { ErrorSummary, Heading, Select } from '#kernel/html/components.tsx';
import type { PageContext } from '#kernel/html/page.ts';
import { countField, type PlaceOffer } from '../service.request.ts';

export interface StartProps {
  page: PageContext;
  /** The place whose services are asked for; null while the person still chooses among `places`. */
  place: PlaceOffer | null;
  places: readonly PlaceOffer[];
  /** Services asked for in the link (`?leistung=`), counted one person unless `counts` says otherwise. */
  preselected: readonly string[];
  counts: Record<string, number>;
  errors: Record<string, string>;
  /** Query that keeps the preselected services when a place is chosen. */
  keep: string;
}

/**
 * The first step: where (when more than one place offers what the person needs), then how many persons come
 * for which service; the next page shows the free days at once. Plain forms and links sent with GET, so it
 * works without JavaScript and every step can be bookmarked.
 */
export function BookingStartPage(props: StartProps) {
  const { t } = props.page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t(props.place ? 'appointments:start.lead' : 'appointments:start.choosePlace')}>{t('appointments:start.title')}</Heading>
      {props.place ? <PlaceForm {...props} place={props.place} /> : <PlaceList {...props} />}
      <p class="kern-body">{t('appointments:start.analog')}</p>
    </div>
  );
}

function PlaceList({ page, places, keep }: StartProps) {
  const { t } = page;
  if (places.length === 0) return <p>{t('appointments:start.none')}</p>;
  return (
    <ul class="kern-list booking-places">
      {places.map((place) => (
        <li key={place.id}>
          <a class="kern-link" href={`/termine/buchen?ort=${place.id}${keep ? `&${keep}` : ''}`}>
            {place.name}
          </a>
          <span class="kern-body--small">
            {' '}
            – {t(`appointments:kind.${place.kind}`)}: {place.services.map((service) => service.title).join(', ')}
          </span>
        </li>
      ))}
    </ul>
  );
}

function PlaceForm({ page, place, preselected, counts, errors }: StartProps & { place: PlaceOffer }) {
  const { t } = page;
  return (
    <section aria-labelledby="place" class="kern-stack-md">
      <h2 id="place" class="kern-heading-medium">
        {place.name}
      </h2>
      <p class="kern-body--small">
        {t(`appointments:kind.${place.kind}`)}
        {place.hint ? ` · ${place.hint}` : ''}
      </p>
      <ErrorSummary page={page} errors={errors} />
      <form method="get" action="/termine/buchen/zeiten" class="kern-stack-md form" novalidate>
        <input type="hidden" name="ort" value={place.id} />
        <fieldset class="kern-fieldset">
          <legend class="kern-label">{t('appointments:start.legend')}</legend>
          <div class="kern-fieldset__body booking-counts">
            {place.services.map((service) => {
              const count = counts[service.slug] ?? (preselected.includes(service.slug) ? 1 : 0);
              return (
                <Select
                  key={service.slug}
                  name={countField(service.slug)}
                  label={t('appointments:start.persons', { service: service.title })}
                  hint={t('appointments:start.minutes', { count: service.minutesPerPerson })}
                  value={String(count)}
                  error={errors[countField(service.slug)]}
                  choices={Array.from({ length: service.maxPersons + 1 }, (_, persons) => ({ value: String(persons), label: persons === 0 ? t('appointments:start.notNeeded') : t('appointments:start.personCount', { count: persons }) }))}
                />
              );
            })}
          </div>
        </fieldset>
        <button type="submit" class="kern-btn kern-btn--primary">
          <span class="kern-label">{t('appointments:start.show')}</span>
        </button>
      </form>
      <p>
        <a class="kern-link" href="/termine/buchen">
          {t('appointments:start.otherPlace')}
        </a>
      </p>
    </section>
  );
}
