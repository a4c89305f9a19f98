import type { AppointmentsDb, Booking } from './repo.ts';

/** Booked appointments starting between the two instants that were not reminded yet. */
export function bookingsToRemind(db: AppointmentsDb, from: Date, to: Date): Promise<{ id: string }[]> {
  return db
    .selectFrom('appointment_bookings')
    .select('id')
    .where('status', '=', 'booked')
    .where('reminded_at', 'is', null)
    .where('starts_at', '>=', from)
    .where('starts_at', '<', to)
    .orderBy('starts_at')
    .execute();
}

/** Bookings of a place that still keep their time (held, being confirmed, booked) and start between the two instants, locked. */
export function keptBookingsBetween(db: AppointmentsDb, locationId: string, from: Date, to: Date): Promise<Booking[]> {
  return db
    .selectFrom('appointment_bookings')
    .selectAll()
    .where('location_id', '=', locationId)
    .where('status', 'in', ['held', 'confirming', 'booked'])
    .where('starts_at', '>=', from)
    .where('starts_at', '<', to)
    .orderBy('starts_at')
    .forUpdate()
    .execute();
}

/** The places that follow a catalogue office's hours. */
export function placesOfOffice(db: AppointmentsDb, officeSlug: string): Promise<{ id: string }[]> {
  return db.selectFrom('appointment_locations').select('id').where('office_slug', '=', officeSlug).where('active', '=', true).execute();
}

/** Blocks the whole place between the two instants, so nobody can book the time. */
export async function blockPlace(db: AppointmentsDb, locationId: string, from: Date, to: Date, reason: string, createdBy: string): Promise<void> {
  await db.insertInto('appointment_blocks').values({ location_id: locationId, counter_id: null, starts_at: from, ends_at: to, reason, created_by: createdBy }).execute();
}
