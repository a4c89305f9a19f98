import Type from 'typebox';
import type { Language } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import { formatDateTime } from '#kernel/html/format.ts';
import { defineJob } from '#kernel/jobs.ts';
import { publishedService } from '#modules/catalog/index.ts';
import { sendNotification } from '#modules/notify/index.ts';
import { findBooking } from './repo.bookings.ts';
import { appointmentsDb, type Booking } from './repo.ts';

/*
 * What the office tells a person about their booking (the reminder the day before, a cancellation because
 * the office closes): through notify by the person's channel, an account by its preferences, a guest by the
 * address given; a booking with only a phone number gets a short message instead, sent by a job queued in
 * the same transaction.
 */

export type SmsKind = 'reminder' | 'office-closed';

export interface BookingFacts {
  place: string;
  /** The services' titles, joined. */
  services: string;
  /** What to bring, one line each, from the catalogue's service texts. */
  documents: string[];
}

/** The services' titles by slug, in the language asked for where the catalogue has it, the slug where it has none. */
export async function serviceTitles(ctx: KernelContext, slugs: readonly string[], language: Language): Promise<string[]> {
  const services = await Promise.all(slugs.map((slug) => publishedService(ctx, slug)));
  return services.map((service, index) => (language === 'en' ? service?.content.en?.title : undefined) || service?.content.title || slugs[index]!);
}

/** The place, the services' titles and the documents to bring, in the language asked for where the catalogue has it. */
export async function bookingFacts(ctx: KernelContext, booking: Booking, language: Language): Promise<BookingFacts> {
  const place = await appointmentsDb(ctx.db).selectFrom('appointment_locations').select(['name', 'hint']).where('id', '=', booking.location_id).executeTakeFirst();
  const titles: string[] = [];
  const documents: string[] = [];
  for (const { serviceId } of booking.services) {
    const service = await publishedService(ctx, serviceId);
    const english = language === 'en' ? service?.content.en : undefined;
    titles.push(english?.title || service?.content.title || serviceId);
    const lines = english?.documents?.length ? english.documents : (service?.content.documents ?? []);
    for (const line of lines) if (!documents.includes(line)) documents.push(line);
  }
  const where = place ? [place.name, place.hint].filter(Boolean).join(', ') : '';
  return { place: where, services: titles.join(', '), documents };
}

/** The rebooking page for the booking's services. */
export const rebookPath = (booking: Booking) => `/termine/buchen?leistung=${encodeURIComponent(booking.services.map((service) => service.serviceId).join(','))}`;

export interface Notice {
  purpose: string;
  cause: string;
  link: string;
  sms: SmsKind;
  values: (facts: BookingFacts, language: Language) => Record<string, string>;
}

export type Told = 'notify' | 'sms' | 'nobody';

/**
 * Tells the person by their channel, inside `trx` (outbox). An account or an address gets the template;
 * a phone number alone, or an account notify cannot reach, gets an SMS.
 */
export async function tellAboutBooking(ctx: KernelContext, trx: Executor<KernelTables>, booking: Booking, notice: Notice): Promise<Told> {
  const inTrx: KernelContext = { ...ctx, db: trx };
  const language = booking.language;
  if (booking.user_id || booking.email) {
    const facts = await bookingFacts(inTrx, booking, language);
    const recipient = booking.user_id ? { userId: booking.user_id } : { name: booking.name ?? booking.email!, language, email: booking.email };
    const sent = await sendNotification(ctx, trx, { purpose: notice.purpose, recipient, values: notice.values(facts, language), cause: notice.cause, link: notice.link });
    if (sent.ok) return 'notify';
    ctx.log.warn({ bookingId: booking.id, reason: sent.reason, purpose: notice.purpose }, 'appointment notice not sent');
  }
  if (booking.phone) {
    await ctx.jobs.enqueue(trx, sendBookingSmsJob, { bookingId: booking.id, kind: notice.sms });
    return 'sms';
  }
  return 'nobody';
}

/** Values the appointment templates share. */
export function bookingValues(booking: Booking, facts: BookingFacts): Record<string, string> {
  return { service: facts.services, startsAt: booking.starts_at.toISOString(), location: facts.place, bookingReference: booking.reference };
}

/** The text of a short message about the booking, in its language. */
export async function smsText(ctx: KernelContext, booking: Booking, kind: SmsKind): Promise<string> {
  const t = ctx.i18n.getFixedT(booking.language);
  const facts = await bookingFacts(ctx, booking, booking.language);
  const values = { time: formatDateTime(booking.starts_at, booking.language), place: facts.place, reference: booking.reference, link: `${ctx.config.PUBLIC_URL}${rebookPath(booking)}` };
  if (kind === 'office-closed') return t('appointments:waitlist.sms.officeClosed', values);
  const bring = facts.documents.length > 0 ? ` ${t('appointments:waitlist.sms.bring', { documents: facts.documents.join(', ') })}` : '';
  return `${t('appointments:waitlist.sms.reminder', values)}${bring}`;
}

export const sendBookingSmsJob = defineJob({
  name: 'appointments.send-booking-sms',
  payload: Type.Object({ bookingId: Type.String({ format: 'uuid' }), kind: Type.Union([Type.Literal('reminder'), Type.Literal('office-closed')]) }),
  handler: async ({ bookingId, kind }, ctx) => {
    const booking = await findBooking(appointmentsDb(ctx.db), bookingId);
    // Removed or anonymised meanwhile: nobody to tell.
    if (!booking?.phone) return;
    await ctx.sms.send({ to: booking.phone, text: await smsText(ctx, booking, kind) });
  },
});
