import { recordAudit } from '#kernel/audit.ts';
import { actorId, type Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { berlinInstant } from '#modules/catalog/index.ts';
import { bookingsUnder, countersOf, deleteBlock, insertBlock, staffDb } from './repo.staff.ts';
import { placeForStaff } from './service.staff.ts';

export interface BlockInput {
  day: string;
  from: string;
  to: string;
  /** Null: the whole place. */
  counterId: string | null;
  reason: string | null;
}

export type BlockResult =
  | { ok: true; id: string }
  | { ok: false; reason: 'not-found' | 'unknown-counter' | 'order' }
  | { ok: false; reason: 'bookings'; bookings: { reference: string; startsAt: Date }[] };

/**
 * Blocks a time of a place or of one of its counters. A block never cancels anyone silently: over bookings
 * already made (or held right now) it is refused, naming them, and the clerk moves or cancels them first.
 */
export async function blockTime(ctx: KernelContext, actor: Actor, placeId: string, input: BlockInput, now = new Date()): Promise<BlockResult> {
  const place = await placeForStaff(ctx, actor, placeId);
  if (!place) return { ok: false, reason: 'not-found' };
  const startsAt = berlinInstant(input.day, input.from);
  const endsAt = berlinInstant(input.day, input.to);
  if (endsAt <= startsAt) return { ok: false, reason: 'order' };
  return ctx.db.transaction().execute(async (trx) => {
    const db = staffDb(trx);
    if (input.counterId && !(await countersOf(db, place.id)).some((counter) => counter.id === input.counterId)) return { ok: false, reason: 'unknown-counter' } as const;
    const block = { locationId: place.id, counterId: input.counterId, startsAt, endsAt };
    const under = await bookingsUnder(db, block, now);
    if (under.length > 0) return { ok: false, reason: 'bookings', bookings: under.map((booking) => ({ reference: booking.reference, startsAt: booking.starts_at })) } as const;
    const { id } = await insertBlock(db, { ...block, reason: input.reason, createdBy: `staff:${actorId(actor) ?? ''}` });
    await recordAudit(trx, { actor }, { action: 'appointments.time-blocked', subjectType: 'appointments.location', subjectId: place.id, meta: { blockId: id, counterId: input.counterId, from: startsAt.toISOString(), to: endsAt.toISOString() } });
    return { ok: true, id } as const;
  });
}

/** Gives a blocked time back to the calendar. */
export async function unblockTime(ctx: KernelContext, actor: Actor, placeId: string, blockId: string): Promise<{ ok: boolean }> {
  const place = await placeForStaff(ctx, actor, placeId);
  if (!place) return { ok: false };
  return ctx.db.transaction().execute(async (trx) => {
    const removed = await deleteBlock(staffDb(trx), place.id, blockId);
    if (!removed) return { ok: false };
    await recordAudit(trx, { actor }, { action: 'appointments.block-removed', subjectType: 'appointments.location', subjectId: place.id, meta: { blockId, counterId: removed.counter_id, from: removed.starts_at.toISOString(), to: removed.ends_at.toISOString() } });
    return { ok: true };
  });
}
