import { sql } from 'kysely';
import type { StaffDb, Ticket } from './repo.staff.ts';

/**
 * A new waiting number for the day: the next after the day's highest. Two clerks issuing at the same moment
 * may pick the same number; the unique constraint lets one in, and the other asks again.
 */
export async function insertTicket(db: StaffDb, ticket: { locationId: string; day: string; services: readonly string[]; createdBy: string; now: Date }): Promise<Ticket> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const { rows } = await sql<Ticket>`
      insert into appointment_tickets (location_id, day, number, services, created_by, created_at)
      select ${ticket.locationId}, ${ticket.day}::date, coalesce(max(number), 0) + 1, ${sql.val([...ticket.services])}::text[], ${ticket.createdBy}, ${ticket.now}
      from appointment_tickets where location_id = ${ticket.locationId} and day = ${ticket.day}::date
      on conflict do nothing
      returning *`.execute(db);
    if (rows[0]) return rows[0];
  }
  throw new Error('No waiting number could be issued after five attempts');
}

/** Who waits to be called at a place: booked people who have arrived, and walk-ins with a number. */
export async function waitingAt(db: StaffDb, locationId: string, day: string, from: Date, to: Date) {
  const [booked, walkIns] = await Promise.all([
    db
      .selectFrom('appointment_bookings')
      .select(['id', 'reference', 'starts_at', 'arrived_at', 'services', 'counter_id', 'needs'])
      .where('location_id', '=', locationId)
      .where('status', '=', 'arrived')
      .where('called_at', 'is', null)
      .where('starts_at', '>=', from)
      .where('starts_at', '<', to)
      .execute(),
    db.selectFrom('appointment_tickets').select(['id', 'number', 'created_at', 'services']).where('location_id', '=', locationId).where('day', '=', day).where('status', '=', 'waiting').execute(),
  ]);
  return { booked, walkIns };
}

/** Booked people called today and not yet marked served, with the counter that called them. */
export function calledBookings(db: StaffDb, locationId: string, from: Date, to: Date) {
  return db
    .selectFrom('appointment_bookings')
    .select(['id', 'reference', 'called_at', 'called_counter_id'])
    .where('location_id', '=', locationId)
    .where('status', '=', 'arrived')
    .where('called_at', 'is not', null)
    .where('starts_at', '>=', from)
    .where('starts_at', '<', to)
    .orderBy('called_at')
    .execute();
}

/** Calls an arrived booking to a counter, unless someone called it first. */
export async function callBooking(db: StaffDb, bookingId: string, counterId: string, now: Date): Promise<boolean> {
  const called = await db
    .updateTable('appointment_bookings')
    .set({ called_at: now, called_counter_id: counterId, updated_at: now })
    .where('id', '=', bookingId)
    .where('status', '=', 'arrived')
    .where('called_at', 'is', null)
    .executeTakeFirst();
  return Number(called.numUpdatedRows) === 1;
}

/** Calls a waiting number to a counter, unless someone called it first. */
export async function callTicket(db: StaffDb, ticketId: string, counterId: string, now: Date): Promise<boolean> {
  const called = await db.updateTable('appointment_tickets').set({ status: 'called', called_at: now, counter_id: counterId }).where('id', '=', ticketId).where('status', '=', 'waiting').executeTakeFirst();
  return Number(called.numUpdatedRows) === 1;
}

export function ticketOfPlace(db: StaffDb, locationId: string, ticketId: string) {
  return db.selectFrom('appointment_tickets').selectAll().where('id', '=', ticketId).where('location_id', '=', locationId).executeTakeFirst();
}

/** Ends a called number: served, or gone (did not come when called, or left before). */
export function closeTicket(db: StaffDb, ticketId: string, status: 'served' | 'gone', now: Date) {
  return db
    .updateTable('appointment_tickets')
    .set({ status, ...(status === 'served' ? { served_at: now } : {}) })
    .where('id', '=', ticketId)
    .where('status', 'in', status === 'served' ? ['called'] : ['waiting', 'called'])
    .returning(['id', 'number'])
    .executeTakeFirst();
}

/** The day's tickets, by number, with the counter that called each. */
export function ticketsOfDay(db: StaffDb, locationId: string, day: string) {
  return db.selectFrom('appointment_tickets').selectAll().where('location_id', '=', locationId).where('day', '=', day).orderBy('number').execute();
}

/**
 * The last numbers called at a place since an instant, newest first: only what the call display shows
 * (the booking's reference, the ticket's number, the counter's name), no one's name.
 */
export async function lastCalled(db: StaffDb, locationId: string, day: string, since: Date, limit: number) {
  const booked = db
    .selectFrom('appointment_bookings as b')
    .innerJoin('appointment_counters as c', 'c.id', 'b.called_counter_id')
    .select([sql<string>`'booking'`.as('kind'), 'b.reference as label', sql<number | null>`null::integer`.as('number'), 'c.name as counter', 'b.called_at as calledAt'])
    .where('b.location_id', '=', locationId)
    .where('b.called_at', '>=', since);
  const walkIns = db
    .selectFrom('appointment_tickets as t')
    .innerJoin('appointment_counters as c', 'c.id', 't.counter_id')
    .select([sql<string>`'ticket'`.as('kind'), sql<string>`''`.as('label'), 't.number', 'c.name as counter', 't.called_at as calledAt'])
    .where('t.location_id', '=', locationId)
    .where('t.day', '=', day)
    .where('t.called_at', 'is not', null);
  const rows = await booked.unionAll(walkIns).orderBy('calledAt', 'desc').limit(limit).execute();
  return rows.map((row) => ({ ...row, calledAt: row.calledAt as Date }));
}
