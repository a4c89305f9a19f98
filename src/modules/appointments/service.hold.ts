import type { KernelContext } from '#kernel/context.ts';
import { newLinkKey } from '#kernel/auth/link-keys.ts';
import { berlinDay } from '#kernel/calendar.ts';
import { newReference } from '#kernel/reference.ts';
import { berlinTime } from '#modules/catalog/index.ts';
import { freeSlots, type RequestedService, type SlotProblem } from './calendar/index.ts';
import { expireHolds, holdFreeCounter } from './repo.bookings.ts';
import { appointmentsDb, type Booking, type BookingChannel } from './repo.ts';
import { placeCalendar } from './service.calendar.ts';

export interface HoldRequest {
  locationId: string;
  request: readonly RequestedService[];
  start: Date;
  channel: BookingChannel;
  userId: string | null;
  /** Who asked: `citizen:<id>`, `guest`, `staff:<id>`. */
  createdBy: string;
}

export type HoldResult =
  | { ok: true; booking: Booking; secret: string }
  | { ok: false; reason: 'unknown-place' }
  | { ok: false; reason: 'not-offered' }
  | { ok: false; reason: 'taken' }
  | { ok: false; reason: 'request'; problem: SlotProblem };

/**
 * Keeps a chosen time for the person while they give their details: only a time the calendar offers (open,
 * within the window, not blocked, free on a counter serving every service asked for), held on the first such
 * counter that is still free when the hold is written. The database has the last word: a request that came at
 * the same moment and took the counter makes this one try the next, or answer `taken`.
 */
export async function holdTime(ctx: KernelContext, hold: HoldRequest, now = new Date()): Promise<HoldResult> {
  const date = berlinTime(hold.start).date;
  // Only the chosen day's busy times matter here, not those of the whole booking window.
  const calendar = await placeCalendar(ctx, hold.locationId, now, berlinDay(date));
  if (!calendar) return { ok: false, reason: 'unknown-place' };
  const free = freeSlots(calendar.query(hold.request), { from: date, to: date });
  if (!free.ok) return { ok: false, reason: 'request', problem: free.problem };
  const slot = free.days[0]?.slots.find((candidate) => candidate.start.getTime() === hold.start.getTime());
  if (!slot) return { ok: false, reason: 'not-offered' };
  const db = appointmentsDb(ctx.db);
  await expireHolds(db, slot.counters, now);
  const { key: secret, hash: secretHash } = newLinkKey();
  const booking = await holdFreeCounter(
    db,
    {
      reference: newReference('T'),
      locationId: hold.locationId,
      startsAt: slot.start,
      endsAt: slot.end,
      holdExpiresAt: new Date(now.getTime() + calendar.location.hold_minutes * 60_000),
      services: hold.request,
      channel: hold.channel,
      userId: hold.userId,
      secretHash,
      createdBy: hold.createdBy,
    },
    slot.counters,
  );
  return booking ? { ok: true, booking, secret } : { ok: false, reason: 'taken' };
}
