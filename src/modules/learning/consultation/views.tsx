import { Heading } from '#kernel/html/components.tsx';
import type { PageContext } from '#kernel/html/page.ts';
import type { Language } from '#kernel/auth/actor.ts';
import { assessmentPath } from '#modules/learning/assessment/views.tsx';
import { consultationPath, type ConsultationBooking, type ConsultationOffer, type ConsultationPlace } from './offer.ts';

/*
 * The consultation hours' own page, and the box the self-assessment's result and the course pages show.
 * Booking is one link to the appointments module's pages; the phone stands beside it as an equal way in.
 */

const longDays: Record<Language, Intl.DateTimeFormat> = {
  de: new Intl.DateTimeFormat('de-DE', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }),
};

/** "Dienstag, 3. März" for a calendar day (noon UTC, so no zone moves it to another day). */
const dayText = (day: string, lang: Language) => longDays[lang].format(new Date(`${day}T12:00:00Z`));

const telHref = (number: string) => `tel:${number.replace(/[^0-9+]/g, '')}`;

/** The next free day as a sentence, or that none is free online. */
function NextFree({ page, booking }: { page: PageContext; booking: ConsultationBooking }) {
  const { t } = page;
  if (booking.nextFreeDay === null) return <p class="kern-body">{t('learning:consultation.book.noneFree')}</p>;
  const key = { today: 'nextFreeToday', tomorrow: 'nextFreeTomorrow', later: 'nextFree' }[booking.when ?? 'later'];
  return <p class="kern-body">{t(`learning:consultation.book.${key}`, { day: dayText(booking.nextFreeDay, page.lang) })}</p>;
}

function BookingLink({ page, booking }: { page: PageContext; booking: ConsultationBooking }) {
  return (
    <p class="kern-body">
      <a class="kern-btn kern-btn--primary" href={booking.href}>
        <span class="kern-label">{page.t('learning:consultation.book.button')}</span>
      </a>
    </p>
  );
}

function Where({ page, place }: { page: PageContext; place: ConsultationPlace }) {
  const { t } = page;
  return (
    <section class="kern-stack-sm" aria-labelledby="wo-und-wann">
      <h2 class="kern-heading-medium" id="wo-und-wann">
        {t('learning:consultation.where.heading')}
      </h2>
      <ul class="kern-list">
        <li>{t('learning:consultation.where.runBy', { office: place.office })}</li>
        <li>{t('learning:consultation.where.address', { address: place.address })}</li>
        {place.hoursNote ? <li>{place.hoursNote}</li> : null}
        <li>{t('learning:consultation.where.length')}</li>
        {place.stepFree === null ? null : <li>{t(place.stepFree ? 'learning:consultation.where.stepFree' : 'learning:consultation.where.notStepFree')}</li>}
      </ul>
      {place.accessibilityNote ? <p class="kern-body kern-hint">{place.accessibilityNote}</p> : null}
    </section>
  );
}

function Phone({ page, place }: { page: PageContext; place: ConsultationPlace }) {
  const { t } = page;
  if (!place.phone && !place.email) return null;
  return (
    <section class="kern-stack-sm" aria-labelledby="telefon">
      <h2 class="kern-heading-medium" id="telefon">
        {t('learning:consultation.phone.heading')}
      </h2>
      {place.phone ? (
        <p class="kern-body">
          {t('learning:consultation.phone.text')}{' '}
          <a class="kern-link" href={telHref(place.phone)}>
            {place.phone}
          </a>
        </p>
      ) : null}
      {place.email ? (
        <p class="kern-body">
          {t('learning:consultation.phone.email')}{' '}
          <a class="kern-link" href={`mailto:${place.email}`}>
            {place.email}
          </a>
        </p>
      ) : null}
    </section>
  );
}

const helpPoints = ['device', 'contact', 'safety', 'services', 'learning'] as const;

export function ConsultationPage({ page, offer }: { page: PageContext; offer: ConsultationOffer | null }) {
  const { t } = page;
  if (!offer) {
    return (
      <div class="kern-stack-lg">
        <Heading>{t('learning:consultation.title')}</Heading>
        <p class="kern-body">{t('learning:consultation.missing')}</p>
        <p class="kern-body">
          <a class="kern-link" href="/leistungen">
            {t('learning:consultation.missingLink')}
          </a>
        </p>
      </div>
    );
  }
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('learning:consultation.lead')}>{t('learning:consultation.title')}</Heading>
      <section class="kern-stack-sm" aria-labelledby="hilfe">
        <h2 class="kern-heading-medium" id="hilfe">
          {t('learning:consultation.help.heading')}
        </h2>
        <p class="kern-body">{t('learning:consultation.help.intro')}</p>
        <ul class="kern-list">
          {helpPoints.map((point) => (
            <li key={point}>{t(`learning:consultation.help.points.${point}`)}</li>
          ))}
        </ul>
      </section>
      <section class="kern-stack-sm" aria-labelledby="lotsen">
        <h2 class="kern-heading-medium" id="lotsen">
          {t('learning:consultation.pilots.heading')}
        </h2>
        <p class="kern-body">{t('learning:consultation.pilots.text')}</p>
        <p class="kern-body">{t('learning:consultation.pilots.privacy')}</p>
      </section>
      {offer.place ? <Where page={page} place={offer.place} /> : null}
      <section class="kern-stack-sm" aria-labelledby="buchen">
        <h2 class="kern-heading-medium" id="buchen">
          {t('learning:consultation.book.heading')}
        </h2>
        {offer.booking ? (
          <>
            <NextFree page={page} booking={offer.booking} />
            <BookingLink page={page} booking={offer.booking} />
            <p class="kern-body kern-hint">{t('learning:consultation.book.noAccount')}</p>
          </>
        ) : null}
        <p class="kern-body">
          <a class="kern-link" href={offer.servicePath}>
            {t('learning:consultation.more.service')}
          </a>
        </p>
      </section>
      {offer.place ? <Phone page={page} place={offer.place} /> : null}
      <p class="kern-body">
        <a class="kern-link" href={assessmentPath}>
          {t('learning:consultation.more.assessment')}
        </a>
      </p>
    </div>
  );
}

/**
 * The consultation hours in a few lines, for the self-assessment's result and the course pages: what they
 * are, the next free day and the way to book. `headingLevel` fits the box under the page's own headings.
 */
export function ConsultationBox({ page, offer, headingLevel = 2 }: { page: PageContext; offer: ConsultationOffer | null; headingLevel?: 2 | 3 }) {
  if (!offer) return null;
  const { t } = page;
  const Title = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section class="kern-stack-sm consultation-box" aria-labelledby="digitalsprechstunde">
      <Title class="kern-heading-medium" id="digitalsprechstunde">
        {t('learning:consultation.box.heading')}
      </Title>
      <p class="kern-body">{t('learning:consultation.box.text')}</p>
      {offer.booking ? <NextFree page={page} booking={offer.booking} /> : null}
      {offer.booking ? <BookingLink page={page} booking={offer.booking} /> : null}
      {offer.place?.phone ? (
        <p class="kern-body">
          {t('learning:consultation.phone.text')}{' '}
          <a class="kern-link" href={telHref(offer.place.phone)}>
            {offer.place.phone}
          </a>
        </p>
      ) : null}
      <p class="kern-body">
        <a class="kern-link" href={consultationPath}>
          {t('learning:consultation.box.more')}
        </a>
      </p>
    </section>
  );
}
