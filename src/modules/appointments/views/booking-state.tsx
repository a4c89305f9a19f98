import { FormFields, type Raw } from '#kernel/forms/index.ts';
import { Alert, ErrorSummary, Heading, PostForm, SubmitButton } from '#kernel/html/components.tsx';
import type { PageContext } from '#kernel/html/page.ts';
import { codeForm } from '../forms.booking.ts';
import type { Booking } from '../repo.ts';
import { timeText, type PlaceFacts, type ServiceLine } from '../service.facts.ts';
import { BookingSummary, DocumentsToBring } from './booking-parts.tsx';

export interface StateProps {
  page: PageContext;
  booking: Booking;
  place: PlaceFacts;
  services: readonly ServiceLine[];
  /** For the code form: what was typed and what was wrong with it. */
  raw?: Raw;
  messages?: Record<string, string>;
  notice?: string | null;
  againHref: string;
}

const base = (booking: Booking) => `/termine/buchung/${booking.id}`;

/** Waiting for the person's contact: the link in the mail, or the code from the SMS typed here. */
export function ConfirmingPage({ page, booking, place, services, raw, messages, notice }: StateProps) {
  const { t, lang } = page;
  const until = timeText(booking.hold_expires_at!, lang);
  if (booking.email) {
    return (
      <div class="kern-stack-lg">
        <Heading lead={t('appointments:confirming.mailLead', { email: booking.email, until })}>{t('appointments:confirming.mailTitle')}</Heading>
        <BookingSummary page={page} booking={booking} place={place} services={services} />
        <p>{t('appointments:confirming.noMail')}</p>
      </div>
    );
  }
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('appointments:confirming.smsLead', { until })}>{t('appointments:confirming.smsTitle')}</Heading>
      {notice ? (
        <div class="kern-alert kern-alert--info" role="status">
          <div class="kern-alert__body">
            <p>{notice}</p>
          </div>
        </div>
      ) : null}
      <ErrorSummary page={page} errors={messages ?? {}} />
      <PostForm page={page} action={`${base(booking)}/code`}>
        <FormFields page={page} form={codeForm} raw={raw ?? {}} errors={messages ?? {}} />
        <SubmitButton label={t('appointments:code.submit')} />
      </PostForm>
      <PostForm page={page} action={`${base(booking)}/code-neu`}>
        <SubmitButton kind="tertiary" label={t('appointments:code.resend')} />
      </PostForm>
      <BookingSummary page={page} booking={booking} place={place} services={services} />
    </div>
  );
}

/** The booking is made: the reference to give at the counter, what to bring, the calendar entry, changes. */
export function BookedPage({ page, booking, place, services, notice }: StateProps) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <div class="kern-alert kern-alert--success" role="status">
        <div class="kern-alert__header">
          <h1 class="kern-title">{t('appointments:booked.title')}</h1>
        </div>
        <div class="kern-alert__body kern-stack-sm">
          <p class="kern-body">
            {t('appointments:booked.reference')}
            <br />
            <strong class="booking-reference">{booking.reference}</strong>
          </p>
          <p class="kern-body">{booking.email ? t('appointments:booked.byMail', { email: booking.email }) : booking.phone ? t('appointments:booked.bySms') : t('appointments:booked.keep')}</p>
        </div>
      </div>
      {notice ? <p role="status">{notice}</p> : null}
      <BookingSummary page={page} booking={booking} place={place} services={services} />
      <DocumentsToBring page={page} services={services} />
      {booking.needs.length > 0 ? (
        <p>
          {t('appointments:booked.needs', { needs: booking.needs.map((need) => t(`appointments:needs.${need}`)).join(', ') })}
        </p>
      ) : null}
      <ul class="kern-list booking-actions">
        <li>
          <a class="kern-link" href={`${base(booking)}/termin.ics`} download>
            {t('appointments:booked.calendar')}
          </a>
        </li>
        <li>
          <a class="kern-link" href={`${base(booking)}/umbuchen`}>
            {t('appointments:booked.rebook')}
          </a>
        </li>
        <li>
          <a class="kern-link" href={`${base(booking)}/absagen`}>
            {t('appointments:booked.cancel')}
          </a>
        </li>
      </ul>
    </div>
  );
}

/** Asks before a booking is cancelled: a link followed by mistake changes nothing. */
export function CancelPage({ page, booking, place, services }: StateProps) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('appointments:cancel.lead')}>{t('appointments:cancel.title')}</Heading>
      <BookingSummary page={page} booking={booking} place={place} services={services} />
      <PostForm page={page} action={`${base(booking)}/absagen`}>
        <SubmitButton label={t('appointments:cancel.submit')} />
      </PostForm>
      <p>
        <a class="kern-link" href={base(booking)}>
          {t('appointments:cancel.keep')}
        </a>
      </p>
    </div>
  );
}

/** The link from the mail opens this page; only its button books (mail programs open links to check them). */
export function ConfirmLinkPage({ page, booking, place, services, action }: StateProps & { action: string }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('appointments:confirmLink.lead')}>{t('appointments:confirmLink.title')}</Heading>
      <BookingSummary page={page} booking={booking} place={place} services={services} />
      <PostForm page={page} action={action}>
        <SubmitButton label={t('appointments:confirmLink.submit')} />
      </PostForm>
    </div>
  );
}

/** A booking that is over before it was made or kept: why, and the way to book again. */
export function EndedPage({ page, booking, againHref }: StateProps) {
  const { t } = page;
  const unfinished = booking.status === 'expired' || booking.status === 'held' || booking.status === 'confirming';
  const why = booking.status === 'cancelled' ? `cancelled.${booking.cancel_reason ?? 'person'}` : unfinished ? 'expired' : 'past';
  return (
    <div class="kern-stack-lg">
      <Heading>{t(`appointments:ended.${why}`)}</Heading>
      <Alert kind="info" title={t('appointments:ended.againTitle')}>
        <p>
          <a class="kern-link" href={againHref}>
            {t('appointments:ended.again')}
          </a>
        </p>
      </Alert>
    </div>
  );
}
