import { recordAudit } from '#kernel/audit.ts';
import { actorId, isSignedIn, type Actor, type Language } from '#kernel/auth/actor.ts';
import { addDays, todayInBerlin } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import { freeSlots, type RequestedService, type SlotProblem } from './calendar/index.ts';
import { sendWaitlistConfirmJob } from './jobs.waitlist.ts';
import { updateBooking } from './repo.bookings.ts';
import { appointmentsDb } from './repo.ts';
import { findEntry, insertEntry, placeNameOf, lockEntry, setEntryStatus, standingEntriesOf, waitlistDb, waitlistKeyOpens, type WaitlistEntry } from './repo.waitlist.ts';
import { placeCalendar } from './service.calendar.ts';
import { appointmentTimeFreed } from './events.ts';

/*
 * "Tell me when a time frees up": a person who found nothing free in the days they can come leaves their
 * name and address for a place, the services and a period. The entry joins the line only once the address
 * is confirmed by the link in a mail (double opt-in), which keeps bots and mistyped addresses out of the
 * line; an address may have a few entries at once. The offer itself is `service.waitlist.offer.ts`.
 */

/** How many entries one address may have standing at once. */
export const entriesPerAddress = 3;
/** The longest period one entry may ask for, in days. */
export const longestPeriodDays = 60;

export interface JoinInput {
  locationId: string;
  request: readonly RequestedService[];
  fromDay: string;
  toDay: string;
  name: string;
  email: string;
  language: Language;
}

export type JoinProblem = 'from-past' | 'to-before-from' | 'too-long' | 'too-far' | 'too-many';

export type JoinResult =
  | { ok: true; entry: WaitlistEntry }
  | { ok: false; reason: 'unknown-place' }
  | { ok: false; reason: 'request'; problem: SlotProblem }
  | { ok: false; reason: JoinProblem; field: 'fromDay' | 'toDay' | 'email' };

/** What a place offers for the request: its name and the services' booking window; null for an unknown place, a problem for a bad request. */
export async function waitlistPlace(ctx: KernelContext, locationId: string, request: readonly RequestedService[], now = new Date()) {
  // The busy times play no part here: only the request and the window are checked.
  const calendar = await placeCalendar(ctx, locationId, now, { from: now, to: now });
  if (!calendar) return null;
  const today = todayInBerlin(now);
  const checked = freeSlots(calendar.query(request), { from: today, to: today });
  if (!checked.ok) return { ok: false as const, problem: checked.problem, location: calendar.location };
  return { ok: true as const, location: calendar.location, lastDay: checked.window?.last ?? today };
}

/** Stores an entry, unconfirmed, and queues the mail with the confirmation link. */
export async function joinWaitlist(ctx: KernelContext, actor: Actor, input: JoinInput, now = new Date()): Promise<JoinResult> {
  const place = await waitlistPlace(ctx, input.locationId, input.request, now);
  if (!place) return { ok: false, reason: 'unknown-place' };
  if (!place.ok) return { ok: false, reason: 'request', problem: place.problem };
  const today = todayInBerlin(now);
  if (input.fromDay < today) return { ok: false, reason: 'from-past', field: 'fromDay' };
  if (input.toDay < input.fromDay) return { ok: false, reason: 'to-before-from', field: 'toDay' };
  if (input.toDay > addDays(input.fromDay, longestPeriodDays - 1)) return { ok: false, reason: 'too-long', field: 'toDay' };
  if (input.fromDay > place.lastDay) return { ok: false, reason: 'too-far', field: 'fromDay' };
  return ctx.db.transaction().execute(async (trx) => {
    const db = waitlistDb(trx);
    if ((await standingEntriesOf(db, input.email)) >= entriesPerAddress) return { ok: false as const, reason: 'too-many' as const, field: 'email' as const };
    const entry = await insertEntry(db, {
      locationId: input.locationId,
      services: input.request,
      fromDay: input.fromDay,
      toDay: input.toDay > place.lastDay ? place.lastDay : input.toDay,
      name: input.name,
      email: input.email,
      language: input.language,
      userId: isSignedIn(actor) ? actorId(actor) : null,
    });
    await ctx.jobs.enqueue(trx, sendWaitlistConfirmJob, { entryId: entry.id });
    await recordAudit(trx, { actor }, { action: 'appointments.waitlist-joined', subjectType: 'appointments.waitlist', subjectId: entry.id, dataSubjectId: entry.user_id, meta: { locationId: input.locationId } });
    return { ok: true as const, entry };
  });
}

export type LinkResult = { ok: true; entry: WaitlistEntry } | { ok: false; reason: 'not-found' };

/** The entry a link opens and its place's name, for the page that asks before anything changes; not-found for a wrong key. */
export async function entryForLink(ctx: KernelContext, entryId: string, key: string, purpose: 'confirm' | 'leave'): Promise<{ ok: true; entry: WaitlistEntry; place: string } | { ok: false; reason: 'not-found' }> {
  const db = waitlistDb(ctx.db);
  const entry = await findEntry(db, entryId);
  if (!entry || !(await waitlistKeyOpens(db, entryId, key, purpose))) return { ok: false, reason: 'not-found' };
  return { ok: true, entry, place: (await placeNameOf(db, entry.location_id)) ?? '' };
}

/** Follows the confirmation link: the entry joins the line (once; a second click changes nothing). */
export async function confirmEntry(ctx: KernelContext, entryId: string, key: string, now = new Date()): Promise<LinkResult | { ok: false; reason: 'ended' }> {
  return ctx.db.transaction().execute(async (trx) => {
    const db = waitlistDb(trx);
    const entry = await lockEntry(db, entryId);
    if (!entry || !(await waitlistKeyOpens(db, entryId, key, 'confirm'))) return { ok: false as const, reason: 'not-found' as const };
    if (entry.status !== 'unconfirmed') return entry.status === 'waiting' || entry.status === 'offered' ? { ok: true as const, entry } : { ok: false as const, reason: 'ended' as const };
    await setEntryStatus(db, entry.id, { status: 'waiting', confirmed_at: now }, now);
    await recordAudit(trx, { actor: { kind: 'anonymous' } }, { action: 'appointments.waitlist-confirmed', subjectType: 'appointments.waitlist', subjectId: entry.id, dataSubjectId: entry.user_id });
    return { ok: true as const, entry: { ...entry, status: 'waiting' as const, confirmed_at: now } };
  });
}

/**
 * Follows the leave link: the entry leaves the list. A time held for it is given back at once, so the next
 * in line is offered it.
 */
export async function leaveWaitlist(ctx: KernelContext, entryId: string, key: string, now = new Date()): Promise<LinkResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const db = waitlistDb(trx);
    const entry = await lockEntry(db, entryId);
    if (!entry || !(await waitlistKeyOpens(db, entryId, key, 'leave'))) return { ok: false as const, reason: 'not-found' as const };
    if (entry.status === 'unconfirmed' || entry.status === 'waiting' || entry.status === 'offered') {
      await setEntryStatus(db, entry.id, { status: 'left' }, now);
      if (entry.status === 'offered' && entry.booking_id) await giveBackOffer(ctx, trx, entry.booking_id, now);
      await recordAudit(trx, { actor: { kind: 'anonymous' } }, { action: 'appointments.waitlist-left', subjectType: 'appointments.waitlist', subjectId: entry.id, dataSubjectId: entry.user_id });
    }
    return { ok: true as const, entry };
  });
}

/** An offered time not yet confirmed goes back: the booking expires and the next in line is offered the time. */
export async function giveBackOffer(ctx: KernelContext, trx: Parameters<typeof appointmentsDb>[0], bookingId: string, now: Date): Promise<boolean> {
  const db = appointmentsDb(trx);
  const booking = await db.selectFrom('appointment_bookings').selectAll().where('id', '=', bookingId).forUpdate().executeTakeFirst();
  if (booking?.status !== 'confirming' && booking?.status !== 'held') return false;
  await updateBooking(db, booking.id, { status: 'expired' }, now);
  await ctx.events.publish(trx, appointmentTimeFreed, {
    bookingId: booking.id,
    locationId: booking.location_id,
    counterId: booking.counter_id,
    startsAt: booking.starts_at.toISOString(),
    endsAt: booking.ends_at.toISOString(),
    reason: 'expired',
  });
  return true;
}
