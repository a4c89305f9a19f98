import Type from 'typebox';
import type { KernelContext } from '#kernel/context.ts';
import { subscribe } from '#kernel/events/define.ts';
import { calendarAttachment, calendarFile, cancelled, type CalendarEvent } from '#kernel/ical/ical.ts';
import { defineJob } from '#kernel/jobs.ts';
import { appointmentBooked } from './events.ts';
import { findBooking } from './repo.bookings.ts';
import { confirmPath, issueKey, managePath } from './repo.keys.ts';
import { appointmentsDb, type Booking, type Location } from './repo.ts';
import { dayText, placeFacts, type PlaceFacts, serviceLines, shortDayText, timeText } from './service.facts.ts';

/*
 * The messages of a booking that carry a link with a key: the confirmation link, the booking with its
 * calendar entry and the link to cancel or rebook, the cancellation. Each job makes its key when it sends,
 * so no working link waits in the job table; they go to the person's address (or phone) directly, not through
 * notify, whose messages are kept a year and never carry a key.
 */

const BookingPayload = Type.Object({ bookingId: Type.String({ format: 'uuid' }) });

async function loaded(ctx: KernelContext, bookingId: string) {
  const db = appointmentsDb(ctx.db);
  const booking = await findBooking(db, bookingId);
  if (!booking) return null;
  const location = await db.selectFrom('appointment_locations').selectAll().where('id', '=', booking.location_id).executeTakeFirstOrThrow();
  return { db, booking, location };
}

async function mailValues(ctx: KernelContext, booking: Booking, location: Location) {
  const language = booking.language;
  const [place, services] = await Promise.all([placeFacts(ctx, location), serviceLines(ctx, booking.services, language)]);
  const t = ctx.i18n.getFixedT(language);
  const serviceList = services.map((service) => `- ${t('appointments:book.serviceLine', { title: service.title, count: service.persons })}`).join('\n');
  const documents = [...new Set(services.flatMap((service) => service.documents))];
  return {
    place,
    services,
    values: {
      name: booking.name ?? '',
      reference: booking.reference,
      day: dayText(booking.starts_at, language),
      time: timeText(booking.starts_at, language),
      shortDay: shortDayText(booking.starts_at, language),
      place: place.name,
      where: [place.address, place.hint].filter(Boolean).join(' – ') || place.name,
      services: serviceList,
      documents: documents.length > 0 ? documents.map((document) => `- ${document}`).join('\n') : t('appointments:mail.noDocuments'),
      city: ctx.config.CITY_NAME,
    },
  };
}

const messageId = (ctx: KernelContext, kind: string, booking: Booking) => `<termin-${kind}-${booking.id}-${Date.now()}@${new URL(ctx.config.PUBLIC_URL).hostname}>`;
const thread = (ctx: KernelContext, booking: Booking) => [`<termin-${booking.calendar_uid ?? booking.id}@${new URL(ctx.config.PUBLIC_URL).hostname}>`];

export const sendConfirmLinkJob = defineJob({
  name: 'appointments.send-confirm-link',
  payload: BookingPayload,
  handler: async ({ bookingId }, ctx) => {
    const found = await loaded(ctx, bookingId);
    const email = found?.booking.email;
    if (!found || found.booking.status !== 'confirming' || !email) return;
    const { db, booking, location } = found;
    const key = await issueKey(db, booking.id, 'confirm');
    const { values } = await mailValues(ctx, booking, location);
    const t = ctx.i18n.getFixedT(booking.language);
    const link = `${ctx.config.PUBLIC_URL}${confirmPath(booking.id, key)}`;
    const until = timeText(booking.hold_expires_at!, booking.language);
    await ctx.mailer.send({ to: email, subject: t('appointments:mail.confirm.subject', values), text: t('appointments:mail.confirm.text', { ...values, link, until }), messageId: messageId(ctx, 'confirm', booking) });
  },
});

/** The office's address as organiser (RFC 5546: updates are matched by it), the platform's sender otherwise. */
function organizer(ctx: KernelContext, place: PlaceFacts) {
  const sender = /<([^>]+)>/.exec(ctx.config.MAIL_FROM)?.[1] ?? ctx.config.MAIL_FROM;
  return { name: place.name, email: place.email ?? sender };
}

function calendarEvent(ctx: KernelContext, booking: Booking, place: PlaceFacts, text: { summary: string; description: string; where: string }): CalendarEvent {
  return {
    organizer: organizer(ctx, place),
    ...(booking.email ? { attendees: [{ name: booking.name ?? booking.email, email: booking.email }] } : {}),
    uid: booking.calendar_uid ?? booking.id,
    sequence: booking.calendar_sequence,
    start: booking.starts_at,
    end: booking.ends_at,
    summary: text.summary,
    description: text.description,
    location: text.where,
    status: 'CONFIRMED',
    // A reminder the evening before is the city's job; the calendar adds one an hour before.
    alarms: [60],
    created: booking.created_at,
    lastModified: booking.updated_at,
    url: `${ctx.config.PUBLIC_URL}/termine`,
  };
}

/** The booking as an entry for the person's calendar, as the confirmation mail carries it and the booking page offers it. */
export async function bookingCalendarEvent(ctx: KernelContext, booking: Booking): Promise<CalendarEvent> {
  const location = await appointmentsDb(ctx.db).selectFrom('appointment_locations').selectAll().where('id', '=', booking.location_id).executeTakeFirstOrThrow();
  const { values, place } = await mailValues(ctx, booking, location);
  const t = ctx.i18n.getFixedT(booking.language);
  return calendarEvent(ctx, booking, place, { summary: t('appointments:mail.calendarSummary', values), description: t('appointments:mail.calendarDescription', values), where: values.where });
}

export const sendConfirmationJob = defineJob({
  name: 'appointments.send-confirmation',
  payload: BookingPayload,
  handler: async ({ bookingId }, ctx) => {
    const found = await loaded(ctx, bookingId);
    if (!found || found.booking.status !== 'booked') return;
    const { db, booking, location } = found;
    if (!booking.email && !booking.phone) return;
    const key = await issueKey(db, booking.id, 'manage');
    const link = `${ctx.config.PUBLIC_URL}${managePath(booking.id, key)}`;
    const { values } = await mailValues(ctx, booking, location);
    const t = ctx.i18n.getFixedT(booking.language);
    if (!booking.email) {
      await ctx.sms.send({ to: booking.phone!, text: t('appointments:sms.booked', { ...values, link }) });
      return;
    }
    const rebooked = booking.rebooked_from !== null;
    const event = await bookingCalendarEvent(ctx, booking);
    const file = calendarFile({ cityName: ctx.config.CITY_NAME, method: 'REQUEST', events: [event] });
    await ctx.mailer.send({
      to: booking.email,
      subject: t(rebooked ? 'appointments:mail.rebooked.subject' : 'appointments:mail.booked.subject', values),
      text: t(rebooked ? 'appointments:mail.rebooked.text' : 'appointments:mail.booked.text', { ...values, link }),
      attachments: [calendarAttachment(file, { name: t('appointments:mail.calendarFile', values), method: 'REQUEST' })],
      messageId: messageId(ctx, 'booked', booking),
      references: thread(ctx, booking),
    });
  },
});

export const sendCancellationJob = defineJob({
  name: 'appointments.send-cancellation',
  payload: BookingPayload,
  handler: async ({ bookingId }, ctx) => {
    const found = await loaded(ctx, bookingId);
    if (!found || found.booking.status !== 'cancelled') return;
    const { booking, location } = found;
    const { values, services, place } = await mailValues(ctx, booking, location);
    const t = ctx.i18n.getFixedT(booking.language);
    const reason = t(`appointments:mail.cancelled.reason.${booking.cancel_reason ?? 'person'}`);
    const again = `${ctx.config.PUBLIC_URL}/termine/buchen?${services.map((service) => `leistung=${encodeURIComponent(service.slug)}`).join('&')}`;
    if (!booking.email) {
      if (booking.phone) await ctx.sms.send({ to: booking.phone, text: t('appointments:sms.cancelled', { ...values, reason, again }) });
      return;
    }
    const summary = t('appointments:mail.calendarSummary', values);
    const event = cancelled(calendarEvent(ctx, booking, place, { summary, description: reason, where: values.where }));
    const file = calendarFile({ cityName: ctx.config.CITY_NAME, method: 'CANCEL', events: [event] });
    await ctx.mailer.send({
      to: booking.email,
      subject: t('appointments:mail.cancelled.subject', values),
      text: t('appointments:mail.cancelled.text', { ...values, reason, again }),
      attachments: [calendarAttachment(file, { name: t('appointments:mail.calendarFile', values), method: 'CANCEL' })],
      messageId: messageId(ctx, 'cancelled', booking),
      references: thread(ctx, booking),
    });
  },
});

/** Every booking made, online or by staff for a caller, gets its confirmation with the calendar entry. */
export const confirmOnBooked = subscribe(appointmentBooked, 'appointments.confirm-booking', async (event, trx, ctx) => {
  await ctx.jobs.enqueue(trx, sendConfirmationJob, { bookingId: event.payload.bookingId });
});
