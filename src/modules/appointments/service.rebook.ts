import type { KernelContext } from '#kernel/context.ts';
import { lockBooking, updateBooking } from './repo.bookings.ts';
import { appointmentsDb, type Booking } from './repo.ts';
import { cancelBooking, publishBooked, publishFreed } from './service.book.ts';
import { holdTime, type HoldResult } from './service.hold.ts';

export type RebookResult = { ok: true; booking: Booking } | { ok: false; reason: 'gone' | 'past' } | Exclude<HoldResult, { ok: true }>;

/**
 * Moves a booking to another time of the same place, for the same services and persons: the new time is
 * held first (so the old one is kept if the new one is gone), then the new booking takes the person's
 * details and confirmed contact, and the calendar entry's UID with the next sequence, so the person's
 * calendar moves the entry instead of showing two; the old time is given back.
 */
export async function rebook(ctx: KernelContext, bookingId: string, start: Date, now = new Date()): Promise<RebookResult> {
  const old = await appointmentsDb(ctx.db).selectFrom('appointment_bookings').selectAll().where('id', '=', bookingId).executeTakeFirst();
  if (!old || old.status !== 'booked') return { ok: false, reason: 'gone' };
  if (old.starts_at <= now) return { ok: false, reason: 'past' };
  const held = await holdTime(ctx, { locationId: old.location_id, request: old.services, start, channel: old.channel, userId: old.user_id, createdBy: old.created_by }, now);
  if (!held.ok) return held;
  const moved = await ctx.db.transaction().execute(async (trx) => {
    const db = appointmentsDb(trx);
    const current = await lockBooking(db, old.id);
    if (!current || current.status !== 'booked') return null;
    const booking = await updateBooking(
      db,
      held.booking.id,
      {
        status: 'booked',
        hold_expires_at: null,
        name: current.name,
        email: current.email,
        phone: current.phone,
        language: current.language,
        needs: current.needs,
        needs_note: current.needs_note,
        confirmed_by: current.confirmed_by,
        confirmed_at: current.confirmed_at,
        // The browser and the links that opened the old booking open this one too.
        secret_hash: current.secret_hash,
        calendar_uid: current.calendar_uid,
        calendar_sequence: current.calendar_sequence + 1,
        rebooked_from: current.id,
      },
      now,
    );
    await db.updateTable('appointment_booking_keys').set({ booking_id: booking.id }).where('booking_id', '=', current.id).where('purpose', '=', 'manage').execute();
    await updateBooking(db, current.id, { status: 'cancelled', cancelled_at: now, cancel_reason: 'rebooked' }, now);
    await publishFreed(ctx, db, current, 'rebooked');
    await publishBooked(ctx, db, booking);
    return booking;
  });
  if (!moved) {
    // The old booking ended meanwhile (cancelled in another tab): the new hold is given back.
    await cancelBooking(ctx, held.booking.id, 'person', now);
    return { ok: false, reason: 'gone' };
  }
  return { ok: true, booking: moved };
}
