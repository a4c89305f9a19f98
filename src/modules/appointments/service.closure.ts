import { recordAudit } from '#kernel/audit.ts';
import { actorLabel, systemActor, type Actor } from '#kernel/auth/actor.ts';
import { berlinDay, isCalendarDay, todayInBerlin } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import { subscribe } from '#kernel/events/define.ts';
import { holidaysFor } from '#kernel/holidays/holidays.ts';
import { berlinInstant, berlinTime, hoursOn, publishedOffice, servicePublished } from '#modules/catalog/index.ts';
import { appointmentsPermissions } from './permissions.ts';
import { updateBooking } from './repo.bookings.ts';
import { blockPlace, keptBookingsBetween, placesOfOffice } from './repo.notices.ts';
import { appointmentsDb, findPlace, type Booking } from './repo.ts';
import { bookingValues, rebookPath, tellAboutBooking } from './service.notices.ts';

/*
 * An office that closes on a day it was open: every booking of that day is cancelled ('office-closed') and
 * each person is told by their channel, with a link to book again. Two ways in: staff close a place for a
 * day (`closePlaceFor`, which also blocks the day so nobody books it again), or the catalogue publishes an
 * office whose hours (a closing day, an exception) no longer cover bookings already made.
 */

const day = 86_400_000;

/** Cancels one booking because the office is closed, and tells the person; returns how they were told. */
async function cancelForClosure(ctx: KernelContext, trx: Executor<KernelTables>, booking: Booking, actor: Actor, now: Date) {
  const cancelled = await updateBooking(appointmentsDb(trx), booking.id, { status: 'cancelled', cancelled_at: now, cancel_reason: 'office-closed' }, now);
  // A hold nobody finished has no one to tell yet.
  const told =
    booking.status === 'held'
      ? 'nobody'
      : await tellAboutBooking(ctx, trx, cancelled, {
          purpose: 'appointment-office-closed',
          cause: `appointments:office-closed:${booking.id}`,
          link: rebookPath(booking),
          sms: 'office-closed',
          values: (facts) => ({ ...bookingValues(cancelled, facts), rebookLink: rebookPath(booking) }),
        });
  await recordAudit(trx, { actor }, { action: 'appointments.booking-cancelled', subjectType: 'appointments.booking', subjectId: booking.id, dataSubjectId: booking.user_id, meta: { reason: 'office-closed', told } });
  return told;
}

export type ClosePlaceResult = { ok: true; cancelled: number } | { ok: false; reason: 'not-found' | 'invalid-day' | 'invalid-reason' };

/**
 * Closes a place for a day (staff, for the place's office): the whole day is blocked and every booking of
 * it cancelled, each person told. Someone without the right for that place's office gets `not-found`, as
 * for a place that does not exist.
 */
export async function closePlaceFor(ctx: KernelContext, actor: Actor, placeId: string, date: string, reason: string, now = new Date()): Promise<ClosePlaceResult> {
  const place = await findPlace(appointmentsDb(ctx.db), placeId);
  if (!place) return { ok: false, reason: 'not-found' };
  const office = place.location.office_slug ? await publishedOffice(ctx, place.location.office_slug) : null;
  const scope = office ? { kind: 'office', id: office.id } : undefined;
  if (!ctx.permissions.can(actor, appointmentsPermissions.serveCounters, scope)) return { ok: false, reason: 'not-found' };
  if (!isCalendarDay(date) || date < todayInBerlin(now)) return { ok: false, reason: 'invalid-day' };
  const why = reason.trim();
  if (why.length === 0 || why.length > 200) return { ok: false, reason: 'invalid-reason' };
  const { from, to } = berlinDay(date);
  return ctx.db.transaction().execute(async (trx) => {
    const db = appointmentsDb(trx);
    await blockPlace(db, placeId, from, to, why, actorLabel(actor));
    const bookings = await keptBookingsBetween(db, placeId, from, to);
    for (const booking of bookings) await cancelForClosure(ctx, trx, booking, actor, now);
    await recordAudit(trx, { actor }, { action: 'appointments.place-closed', subjectType: 'appointments.location', subjectId: placeId, reason: why, meta: { day: date, cancelled: bookings.length } });
    return { ok: true as const, cancelled: bookings.length };
  });
}

/** Whether the office's hours on the booking's day cover its whole time. */
function covered(periods: readonly { opens: string; closes: string }[], date: string, booking: Booking): boolean {
  return periods.some((period) => berlinInstant(date, period.opens) <= booking.starts_at && booking.ends_at <= berlinInstant(date, period.closes));
}

/**
 * After the catalogue published an office: the bookings to come at its places that its hours no longer
 * cover (a closing day or an exception added) are cancelled, and the people told. Runs in `trx`.
 */
export async function cancelOutsideOfficeHours(ctx: KernelContext, trx: Executor<KernelTables>, officeSlug: string, now = new Date()): Promise<number> {
  const inTrx: KernelContext = { ...ctx, db: trx };
  const db = appointmentsDb(trx);
  const places = await placesOfOffice(db, officeSlug);
  if (places.length === 0) return 0;
  const office = await publishedOffice(inTrx, officeSlug);
  if (!office) return 0;
  const holidays = holidaysFor(ctx.config);
  const actor = systemActor('appointments.office-hours');
  let cancelled = 0;
  for (const place of places) {
    for (const booking of await keptBookingsBetween(db, place.id, now, new Date(now.getTime() + 400 * day))) {
      const date = berlinTime(booking.starts_at).date;
      if (covered(hoursOn(office.content, date, holidays).periods, date, booking)) continue;
      await cancelForClosure(ctx, trx, booking, actor, now);
      cancelled += 1;
    }
  }
  return cancelled;
}

/** The catalogue's publication of an office is where its closing days and exceptions change. */
export const cancelForClosedOffice = subscribe(servicePublished, 'appointments.cancel-for-closed-office', async (event, trx, ctx) => {
  if (event.payload.kind !== 'office') return;
  const cancelled = await cancelOutsideOfficeHours(ctx, trx, event.payload.slug);
  if (cancelled > 0) ctx.log.info({ office: event.payload.slug, cancelled }, 'appointments cancelled: office closed');
});
