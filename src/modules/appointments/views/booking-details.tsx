import { FormFields, type Raw } from '#kernel/forms/index.ts';
import { ErrorSummary, Heading, PostForm, SubmitButton } from '#kernel/html/components.tsx';
import { Island } from '#kernel/html/islands.tsx';
import type { PageContext } from '#kernel/html/page.ts';
import { detailsForm } from '../forms.booking.ts';
import type { Booking } from '../repo.ts';
import { timeText, type PlaceFacts, type ServiceLine } from '../service.facts.ts';
import { BackLink, BookingSummary } from './booking-parts.tsx';

export interface DetailsProps {
  page: PageContext;
  booking: Booking;
  place: PlaceFacts;
  services: readonly ServiceLine[];
  raw: Raw;
  /** Field messages, translated (`formMessages`). */
  messages: Record<string, string>;
  /** A refusal that is about the booking, not one field: the limit per address, the no-show rule. */
  problem: string | null;
  backHref: string;
  retentionText: string;
  noShowText: string | null;
}

/**
 * The held time and the person's details. The page says until when the time is kept; with JavaScript a
 * warning shortly before offers more time without leaving the page (WCAG 2.2.1), without it the same
 * button is always there.
 */
export function BookingDetailsPage(props: DetailsProps) {
  const { page, booking } = props;
  const { t, lang } = page;
  const base = `/termine/buchung/${booking.id}`;
  return (
    <div class="kern-stack-lg">
      <BackLink href={props.backHref} label={t('appointments:details.otherTime')} />
      <Heading lead={t('appointments:details.lead')}>{t('appointments:details.title')}</Heading>
      <BookingSummary page={page} booking={booking} place={props.place} services={props.services} />
      <div class="hold-timeout kern-stack-sm" data-hold-timeout data-expires-at={booking.hold_expires_at?.toISOString()} data-ended={t('appointments:hold.ended')}>
        <p class="kern-body">
          <strong class="hold-timeout__until">{t('appointments:hold.until', { time: timeText(booking.hold_expires_at!, lang) })}</strong>
        </p>
        <div class="kern-alert kern-alert--warning hold-timeout__warning" role="alert" hidden>
          <div class="kern-alert__body">
            <p class="hold-timeout__text">{t('appointments:hold.warning')}</p>
          </div>
        </div>
        <form method="post" action={`${base}/verlaengern`} class="hold-timeout__form">
          <input type="hidden" name="_csrf" value={page.csrfToken()} />
          <button type="submit" class="kern-btn kern-btn--secondary">
            <span class="kern-label">{t('appointments:hold.extend')}</span>
          </button>
        </form>
        <Island name="appointments/hold-timeout" />
      </div>
      {props.problem ? (
        <div class="kern-alert kern-alert--danger" role="alert">
          <div class="kern-alert__body">
            <p>{props.problem}</p>
          </div>
        </div>
      ) : null}
      <ErrorSummary page={page} errors={props.messages} />
      <PostForm page={page} action={`${base}/angaben`}>
        <FormFields page={page} form={detailsForm} raw={props.raw} errors={props.messages} />
        <p class="kern-body--small">{props.retentionText}</p>
        {props.noShowText ? <p class="kern-body--small">{props.noShowText}</p> : null}
        <SubmitButton label={t('appointments:details.submit')} />
      </PostForm>
    </div>
  );
}
