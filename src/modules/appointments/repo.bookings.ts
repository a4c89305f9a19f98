import { sql, type ExpressionBuilder, type Updateable } from 'kysely';
import { holdingStatuses, occupyingStatuses, type AppointmentTables, type AppointmentsDb, type BookedService, type Booking, type BookingChannel } from './repo.ts';

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

/** A booking by id, locked for the change the caller is about to make. */
export function lockBooking(db: AppointmentsDb, id: string): Promise<Booking | undefined> {
  return db.selectFrom('appointment_bookings').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findBooking(db: AppointmentsDb, id: string): Promise<Booking | undefined> {
  return db.selectFrom('appointment_bookings').selectAll().where('id', '=', id).executeTakeFirst();
}

export type BookingChange = Updateable<AppointmentTables['appointment_bookings']>;

export async function updateBooking(db: AppointmentsDb, id: string, change: BookingChange, now: Date): Promise<Booking> {
  return db.updateTable('appointment_bookings').set({ ...change, updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** A person's contact as the limits count it: the address in lower case, the number as E.164. */
export interface Contact {
  email: string | null;
  phone: string | null;
}

const contactMatches = (contact: Contact) => (eb: ExpressionBuilder<AppointmentTables, 'appointment_bookings'>) =>
  eb.or([...(contact.email ? [eb(eb.fn('lower', ['email']), '=', contact.email.toLowerCase())] : []), ...(contact.phone ? [eb('phone', '=', contact.phone)] : [])]);

/** Bookings to come, made or being confirmed, under the address or number; `except` is the one being made. */
export async function upcomingOf(db: AppointmentsDb, contact: Contact, now: Date, except: string): Promise<number> {
  if (!contact.email && !contact.phone) return 0;
  const row = await db
    .selectFrom('appointment_bookings')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where(contactMatches(contact))
    .where('id', '!=', except)
    .where('starts_at', '>', now)
    .where((eb) => eb.or([eb('status', '=', 'booked'), eb.and([eb('status', '=', 'confirming'), eb('hold_expires_at', '>', now)])]))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Missed appointments under the address or number since `since`, with the last one's day. */
export async function noShowsOf(db: AppointmentsDb, contact: Contact, since: Date): Promise<{ count: number; last: Date | null }> {
  if (!contact.email && !contact.phone) return { count: 0, last: null };
  const row = await db
    .selectFrom('appointment_bookings')
    .select((eb) => [eb.fn.countAll<string>().as('count'), eb.fn.max('starts_at').as('last')])
    .where(contactMatches(contact))
    .where('status', '=', 'no_show')
    .where('starts_at', '>=', since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), last: row.last ? new Date(row.last) : null };
}

/** A signed-in person's bookings that were made (not holds nobody finished), newest first. */
export function bookingsOfUser(db: AppointmentsDb, userId: string) {
  return db
    .selectFrom('appointment_bookings as b')
    .innerJoin('appointment_locations as l', 'l.id', 'b.location_id')
    .select(['b.id', 'b.reference', 'b.starts_at', 'b.ends_at', 'b.status', 'b.services', 'b.location_id', 'l.name as place', 'b.cancel_reason'])
    .where('b.user_id', '=', userId)
    .where('b.status', 'not in', ['held', 'expired'])
    .orderBy('b.starts_at', 'desc')
    .limit(100)
    .execute();
}
