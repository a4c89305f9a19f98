import Type from 'typebox';
import { recordAudit } from '#kernel/audit.ts';
import { systemActor } from '#kernel/auth/actor.ts';
import { todayInBerlin } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { Trx } from '#kernel/db/database.ts';
import { subscribe } from '#kernel/events/define.ts';
import { defineJob } from '#kernel/jobs.ts';
import { freeSlots } from './calendar/index.ts';
import { appointmentTimeFreed } from './events.ts';
import { sendWaitlistOfferJob } from './jobs.waitlist.ts';
import { lockBooking, updateBooking } from './repo.bookings.ts';
import { appointmentsDb } from './repo.ts';
import { endStaleEntries, lineOf, lockEntry, lockWaiting, setEntryStatus, settledOffers, waitlistDb, type WaitlistEntry } from './repo.waitlist.ts';
import { placeCalendar } from './service.calendar.ts';
import { holdTime } from './service.hold.ts';
import { giveBackOffer } from './service.waitlist.ts';

/*
 * When a time of a place is free again, the first confirmed entry in line whose request fits a free time in
 * its period is offered one: the engine is asked again for the entry's request, the first free time is held
 * for the person (status 'confirming', their name and address) for `offerHours`, and a mail with a link to
 * confirm it is sent. One freed time makes one offer; an event delivered twice is handled once by the
 * kernel, and two freed times handled at once never go to the same entry (the line is read with its rows
 * locked, skipping those another offer holds). An offer not confirmed in time is given back by the sweep,
 * which frees the time again for the next in line.
 */

/** How long an offered time is held for the person to confirm it. */
export const offerHours = 12;

const actor = systemActor('appointments.waitlist');

/** The first free time in the entry's period for its request, or undefined. */
function firstFit(calendar: NonNullable<Awaited<ReturnType<typeof placeCalendar>>>, entry: WaitlistEntry, today: string) {
  const free = freeSlots(calendar.query(entry.services), { from: entry.from_day < today ? today : entry.from_day, to: entry.to_day });
  if (!free.ok) return undefined;
  return free.days.find((day) => day.slots.length > 0)?.slots[0];
}

/** Tries a few times: a time found free may be taken by an offer or a booking made at the same moment. */
const attemptsPerEntry = 3;

/** Offers a free time of the place to the first in line it fits; the entry's id, or null when nobody was offered one. */
export async function offerFreedTime(ctx: KernelContext, trx: Trx, locationId: string, now = new Date()): Promise<{ entryId: string; bookingId: string } | null> {
  const db = waitlistDb(trx);
  const today = todayInBerlin(now);
  // Everything here reads and writes in the delivery's transaction.
  const inTrx: KernelContext = { ...ctx, db: trx };
  for (const candidate of await lineOf(db, locationId, today)) {
    const entry = await lockWaiting(db, candidate.id);
    if (!entry) continue;
    for (let attempt = 0; attempt < attemptsPerEntry; attempt += 1) {
      const calendar = await placeCalendar(inTrx, locationId, now);
      const slot = calendar ? firstFit(calendar, entry, today) : undefined;
      if (!slot) break;
      const held = await holdTime(inTrx, { locationId, request: entry.services, start: slot.start, channel: 'online', userId: entry.user_id, createdBy: `waitlist:${entry.id}` }, now);
      if (!held.ok) continue;
      await makeOffer(ctx, trx, entry, held.booking.id, now);
      return { entryId: entry.id, bookingId: held.booking.id };
    }
  }
  return null;
}

/** The held time becomes the person's to confirm: their name and address on it, kept for `offerHours`; the mail is queued. */
async function makeOffer(ctx: KernelContext, trx: Trx, entry: WaitlistEntry, bookingId: string, now: Date): Promise<void> {
  const until = new Date(now.getTime() + offerHours * 3_600_000);
  const booking = await updateBooking(appointmentsDb(trx), bookingId, { status: 'confirming', name: entry.name, email: entry.email, language: entry.language, hold_expires_at: until }, now);
  await setEntryStatus(waitlistDb(trx), entry.id, { status: 'offered', offered_at: now, booking_id: bookingId }, now);
  await ctx.jobs.enqueue(trx, sendWaitlistOfferJob, { entryId: entry.id });
  await recordAudit(trx, { actor }, { action: 'appointments.waitlist-offered', subjectType: 'appointments.waitlist', subjectId: entry.id, dataSubjectId: entry.user_id, meta: { bookingId, startsAt: booking.starts_at.toISOString() } });
}

export const offerToWaitlist = subscribe(appointmentTimeFreed, 'appointments.offer-to-waitlist', async (event, trx, ctx) => {
  await offerFreedTime(ctx, trx, event.payload.locationId);
});

/**
 * Settles offers: one whose booking was made is booked; one not confirmed in time is given back (the time
 * is free again, the next in line gets it) and lapses. Entries whose period passed, or never confirmed
 * within a day, end. Returns how many offers lapsed.
 */
export async function sweepWaitlist(ctx: KernelContext, now = new Date()): Promise<number> {
  let lapsed = 0;
  for (const offer of await settledOffers(waitlistDb(ctx.db), now)) {
    const gone = await ctx.db.transaction().execute(async (trx) => {
      const db = waitlistDb(trx);
      const entry = await lockEntry(db, offer.id);
      if (entry?.status !== 'offered') return false;
      const booking = await lockBooking(appointmentsDb(trx), offer.bookingId);
      if (booking && !['held', 'confirming', 'cancelled', 'expired'].includes(booking.status)) {
        await setEntryStatus(db, entry.id, { status: 'booked' }, now);
        return false;
      }
      if (booking?.status === 'confirming' || booking?.status === 'held') {
        if (!booking.hold_expires_at || booking.hold_expires_at >= now) return false;
        await giveBackOffer(ctx, trx, booking.id, now);
      }
      await setEntryStatus(db, entry.id, { status: 'lapsed' }, now);
      await recordAudit(trx, { actor }, { action: 'appointments.waitlist-lapsed', subjectType: 'appointments.waitlist', subjectId: entry.id, dataSubjectId: entry.user_id });
      return true;
    });
    if (gone) lapsed += 1;
  }
  await endStaleEntries(waitlistDb(ctx.db), todayInBerlin(now), now);
  return lapsed;
}

/** Every five minutes: an offer that ran out goes to the next in line soon after. */
export const sweepWaitlistJob = defineJob({
  name: 'appointments.sweep-waitlist',
  payload: Type.Object({}),
  cron: '*/5 * * * *',
  handler: async (_payload, ctx) => {
    const lapsed = await sweepWaitlist(ctx);
    if (lapsed > 0) ctx.log.info({ lapsed }, 'waiting-list offers lapsed');
  },
});
