import { sql } from 'kysely';
import { holdingStatuses, occupyingStatuses, type AppointmentsDb, type BookedService, type Booking, type BookingChannel } from './repo.ts';

export interface NewHold {
  reference: string;
  locationId: string;
  startsAt: Date;
  endsAt: Date;
  holdExpiresAt: Date;
  services: readonly BookedService[];
  channel: BookingChannel;
  userId: string | null;
  secretHash: string;
  createdBy: string;
}

/** Gives back the time of holds nobody completed: they no longer keep anyone else from booking it. */
export async function expireHolds(db: AppointmentsDb, counterIds: readonly string[], now: Date): Promise<number> {
  if (counterIds.length === 0) return 0;
  const result = await db
    .updateTable('appointment_bookings')
    .set({ status: 'expired', updated_at: now })
    .where('counter_id', 'in', [...counterIds])
    .where('status', 'in', [...holdingStatuses])
    .where('hold_expires_at', '<', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Holds the time on the first of the counters (in the order given) that has it free and is not blocked, in
 * one statement; undefined when none has. Two requests for the same time may both find a counter free: the
 * exclusion constraint then lets the first in and turns the second's insert into nothing (`on conflict do
 * nothing` waits for the first to finish).
 */
async function insertHold(db: AppointmentsDb, hold: NewHold, counterIds: readonly string[]): Promise<Booking | undefined> {
  const { rows } = await sql<Booking>`
    insert into appointment_bookings
      (reference, location_id, counter_id, starts_at, ends_at, status, hold_expires_at, services, channel, user_id, secret_hash, created_by)
    select ${hold.reference}, ${hold.locationId}, c.id, ${hold.startsAt}, ${hold.endsAt}, 'held', ${hold.holdExpiresAt},
      ${JSON.stringify(hold.services)}::jsonb, ${hold.channel}, ${hold.userId}, ${hold.secretHash}, ${hold.createdBy}
    from unnest(${sql.val([...counterIds])}::uuid[]) with ordinality as c(id, position)
    where not exists (
        select 1 from appointment_bookings b
        where b.counter_id = c.id and b.status = any(${sql.val([...occupyingStatuses])}::text[])
          and tstzrange(b.starts_at, b.ends_at) && tstzrange(${hold.startsAt}, ${hold.endsAt}))
      and not exists (
        select 1 from appointment_blocks k
        where k.location_id = ${hold.locationId} and (k.counter_id is null or k.counter_id = c.id)
          and tstzrange(k.starts_at, k.ends_at) && tstzrange(${hold.startsAt}, ${hold.endsAt}))
    order by c.position
    limit 1
    on conflict do nothing
    returning *`.execute(db);
  return rows[0];
}

/**
 * Holds the time on a free counter of those given, or answers undefined when none has it. A request that
 * lost a counter to one that came at the same moment asks again, seeing what the other committed; each loss
 * means one counter fewer, so it asks at most once per counter.
 */
export async function holdFreeCounter(db: AppointmentsDb, hold: NewHold, counterIds: readonly string[]): Promise<Booking | undefined> {
  for (let attempt = 0; attempt < counterIds.length; attempt += 1) {
    const held = await insertHold(db, hold, counterIds);
    if (held) return held;
  }
  return undefined;
}
