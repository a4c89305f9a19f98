import { holdingStatuses, type AppointmentsDb } from './repo.ts';

/** Days after the visit that the name, address and phone number of a booking are kept (for questions about it). */
export const contactKeptDays = 30;

/** Days a missed appointment keeps its address and phone number: the no-show rule counts a year back. */
export const noShowKeptDays = 365;

/**
 * Keeps each booking (the figures of served, missed and waiting count them) but removes who booked it: a
 * visit `contactKeptDays` after it ended, a hold nobody completed or a cancelled booking a day after. A
 * missed appointment loses the name, account and needs with the others but keeps address and number for
 * `noShowKeptDays`, which the no-show rule counts by.
 */
export async function anonymiseBookings(db: AppointmentsDb, now: Date): Promise<number> {
  const visited = new Date(now.getTime() - contactKeptDays * 86_400_000);
  const missedLongAgo = new Date(now.getTime() - noShowKeptDays * 86_400_000);
  const abandoned = new Date(now.getTime() - 86_400_000);
  const person = await db
    .updateTable('appointment_bookings')
    .set({ name: null, user_id: null, needs: [], needs_note: null, updated_at: now })
    .where((eb) => eb.or([eb('ends_at', '<', visited), eb.and([eb('status', 'in', ['cancelled', 'expired']), eb('updated_at', '<', abandoned)])]))
    .where((eb) => eb.or([eb('name', 'is not', null), eb('user_id', 'is not', null), eb('needs_note', 'is not', null), eb(eb.fn('cardinality', ['needs']), '>', 0)]))
    .executeTakeFirst();
  const contact = await db
    .updateTable('appointment_bookings')
    .set({ email: null, phone: null, updated_at: now })
    .where((eb) =>
      eb.or([
        eb.and([eb('ends_at', '<', visited), eb('status', '!=', 'no_show')]),
        eb('ends_at', '<', missedLongAgo),
        eb.and([eb('status', 'in', ['cancelled', 'expired']), eb('updated_at', '<', abandoned)]),
      ]),
    )
    .where((eb) => eb.or([eb('email', 'is not', null), eb('phone', 'is not', null)]))
    .executeTakeFirst();
  return Number(person.numUpdatedRows) + Number(contact.numUpdatedRows);
}

/** A person's bookings as their data download shows them. */
export async function bookingsOf(db: AppointmentsDb, userId: string) {
  return db
    .selectFrom('appointment_bookings as b')
    .innerJoin('appointment_locations as l', 'l.id', 'b.location_id')
    .select(['b.reference', 'l.name as place', 'b.starts_at', 'b.ends_at', 'b.status', 'b.services', 'b.channel', 'b.name', 'b.email', 'b.phone', 'b.needs', 'b.needs_note', 'b.created_at'])
    .where('b.user_id', '=', userId)
    .orderBy('b.starts_at')
    .execute();
}

/**
 * On deleting an account: bookings still to come are cancelled, which gives their time back, and every
 * booking loses who made it; the rows stay for the office's figures.
 */
export async function eraseBookingsOf(db: AppointmentsDb, userId: string, now: Date): Promise<void> {
  await db
    .updateTable('appointment_bookings')
    .set({ status: 'cancelled', updated_at: now })
    .where('user_id', '=', userId)
    .where('status', 'in', [...holdingStatuses, 'booked'])
    .where('starts_at', '>', now)
    .execute();
  await db.updateTable('appointment_bookings').set({ name: null, email: null, phone: null, user_id: null, updated_at: now }).where('user_id', '=', userId).execute();
}
