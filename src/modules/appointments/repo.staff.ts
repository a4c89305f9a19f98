import type { Generated, Selectable } from 'kysely';
import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import type { AppointmentTables, BookingStatus } from './repo.ts';

export type TicketStatus = 'waiting' | 'called' | 'served' | 'gone';

/** The walk-ins' waiting numbers, per place and day (`migrations/202612221000_appointment_queue.ts`). */
export type StaffTables = {
  appointment_tickets: {
    id: Generated<string>;
    location_id: string;
    day: string;
    number: number;
    services: Generated<string[]>;
    status: Generated<TicketStatus>;
    counter_id: string | null;
    created_by: string;
    created_at: Generated<Date>;
    called_at: Date | null;
    served_at: Date | null;
  };
};

export type StaffDb = Executor<KernelTables & AppointmentTables & StaffTables>;
export type Ticket = Selectable<StaffTables['appointment_tickets']>;

export function staffDb(db: Executor<KernelTables>): StaffDb {
  return db.withTables<AppointmentTables & StaffTables>();
}

/** Every place that takes bookings, by name, with the catalogue office (slug) whose clerks serve it. */
export function activePlaces(db: StaffDb) {
  return db.selectFrom('appointment_locations').select(['id', 'name', 'kind', 'office_slug', 'hint']).where('active', '=', true).orderBy('name').execute();
}

export function placeById(db: StaffDb, id: string) {
  return db.selectFrom('appointment_locations').select(['id', 'name', 'kind', 'office_slug', 'hint']).where('id', '=', id).where('active', '=', true).executeTakeFirst();
}

export function countersOf(db: StaffDb, locationId: string) {
  return db.selectFrom('appointment_counters').select(['id', 'name', 'services']).where('location_id', '=', locationId).where('active', '=', true).orderBy('name').execute();
}

/** Statuses a booking has once it is made; held and confirming ones are not yet anyone's appointment. */
export const madeStatuses: readonly BookingStatus[] = ['booked', 'arrived', 'served', 'no_show'];

/** The bookings made for a place between two instants, by time, with who booked and what they need. */
export function bookingsBetween(db: StaffDb, locationId: string, from: Date, to: Date) {
  return db
    .selectFrom('appointment_bookings')
    .select(['id', 'reference', 'counter_id', 'starts_at', 'ends_at', 'status', 'services', 'channel', 'name', 'email', 'phone', 'user_id', 'needs', 'needs_note', 'arrived_at', 'called_at', 'called_counter_id', 'served_at'])
    .where('location_id', '=', locationId)
    .where('status', 'in', [...madeStatuses])
    .where('starts_at', '<', to)
    .where('ends_at', '>', from)
    .orderBy('starts_at')
    .orderBy('counter_id')
    .execute();
}

export type DayBooking = Awaited<ReturnType<typeof bookingsBetween>>[number];

/** Blocked times of a place overlapping two instants, of a counter or of the whole place. */
export function blocksBetween(db: StaffDb, locationId: string, from: Date, to: Date) {
  return db
    .selectFrom('appointment_blocks')
    .select(['id', 'counter_id', 'starts_at', 'ends_at', 'reason', 'created_by'])
    .where('location_id', '=', locationId)
    .where('starts_at', '<', to)
    .where('ends_at', '>', from)
    .orderBy('starts_at')
    .execute();
}

export function bookingOfPlace(db: StaffDb, locationId: string, bookingId: string) {
  return db.selectFrom('appointment_bookings').selectAll().where('id', '=', bookingId).where('location_id', '=', locationId).executeTakeFirst();
}

/**
 * Moves a booking on only from the status it must have: two clerks pressing at once change it once, and
 * the second gets undefined.
 */
export function moveBooking(
  db: StaffDb,
  bookingId: string,
  from: BookingStatus,
  change: { status: BookingStatus; arrived_at?: Date; served_at?: Date; called_at?: Date; called_counter_id?: string },
  now: Date,
) {
  return db
    .updateTable('appointment_bookings')
    .set({ ...change, updated_at: now })
    .where('id', '=', bookingId)
    .where('status', '=', from)
    .returning(['id', 'reference', 'status', 'user_id'])
    .executeTakeFirst();
}

export function insertBlock(db: StaffDb, block: { locationId: string; counterId: string | null; startsAt: Date; endsAt: Date; reason: string | null; createdBy: string }) {
  return db
    .insertInto('appointment_blocks')
    .values({ location_id: block.locationId, counter_id: block.counterId, starts_at: block.startsAt, ends_at: block.endsAt, reason: block.reason, created_by: block.createdBy })
    .returning(['id'])
    .executeTakeFirstOrThrow();
}

export function deleteBlock(db: StaffDb, locationId: string, blockId: string) {
  return db.deleteFrom('appointment_blocks').where('id', '=', blockId).where('location_id', '=', locationId).returning(['id', 'starts_at', 'ends_at', 'counter_id']).executeTakeFirst();
}

/** Bookings (made, or held until they run out) a block over these times would fall on. */
export function bookingsUnder(db: StaffDb, block: { locationId: string; counterId: string | null; startsAt: Date; endsAt: Date }, now: Date) {
  return db
    .selectFrom('appointment_bookings')
    .select(['id', 'reference', 'starts_at', 'counter_id', 'status'])
    .where('location_id', '=', block.locationId)
    .where((eb) => eb.or([eb('status', 'in', ['booked', 'arrived']), eb.and([eb('status', 'in', ['held', 'confirming']), eb('hold_expires_at', '>=', now)])]))
    .$if(block.counterId !== null, (q) => q.where('counter_id', '=', block.counterId!))
    .where('starts_at', '<', block.endsAt)
    .where('ends_at', '>', block.startsAt)
    .orderBy('starts_at')
    .execute();
}

/** Makes a held time a booking confirmed by staff, with the caller's contact and needs; undefined once the hold is gone. */
export function confirmForCaller(
  db: StaffDb,
  bookingId: string,
  contact: { name: string; phone: string | null; email: string | null; needs: string[]; needsNote: string | null; calendarUid: string },
  now: Date,
) {
  return db
    .updateTable('appointment_bookings')
    .set({
      status: 'booked',
      confirmed_by: 'staff',
      confirmed_at: now,
      hold_expires_at: null,
      name: contact.name,
      phone: contact.phone,
      email: contact.email,
      needs: contact.needs,
      needs_note: contact.needsNote,
      calendar_uid: contact.calendarUid,
      updated_at: now,
    })
    .where('id', '=', bookingId)
    .where('status', '=', 'held')
    .returning(['id'])
    .executeTakeFirst();
}
