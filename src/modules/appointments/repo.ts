import { sql, type ColumnType, type Expression, type Generated, type Selectable } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import type { Break, WeeklyPeriod } from './calendar/types.ts';

export type BookingStatus = 'held' | 'confirming' | 'booked' | 'arrived' | 'served' | 'no_show' | 'cancelled' | 'expired';
export type BookingChannel = 'online' | 'phone' | 'counter';
export type CancelReason = 'person' | 'staff' | 'office-closed' | 'rebooked';
export interface BookedService {
  serviceId: string;
  persons: number;
}

/** A JSON column: read as the value, written as its JSON text. */
type Json<T> = ColumnType<T, string, string>;
/** A JSON column that may be null (SQL null, not JSON null) and is left out on insert. */
type OptionalJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

export type AppointmentTables = {
  appointment_locations: {
    id: Generated<string>;
    office_slug: string | null;
    kind: 'counter' | 'video' | 'phone';
    name: string;
    hint: string | null;
    hours: OptionalJson<WeeklyPeriod[]>;
    slot_minutes: Generated<number>;
    hold_minutes: Generated<number>;
    confirm_minutes: Generated<number>;
    breaks: ColumnType<Break[], string | undefined, string>;
    active: Generated<boolean>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  appointment_counters: {
    id: Generated<string>;
    location_id: string;
    name: string;
    services: Generated<string[]>;
    hours: OptionalJson<WeeklyPeriod[]>;
    active: Generated<boolean>;
  };
  appointment_services: {
    location_id: string;
    service_slug: string;
    minutes_per_person: number;
    max_persons: Generated<number>;
    lead_minutes: Generated<number>;
    start_in_days: Generated<number>;
    horizon_days: Generated<number>;
    release_time: string | null;
  };
  appointment_blocks: {
    id: Generated<string>;
    location_id: string;
    counter_id: string | null;
    starts_at: Date;
    ends_at: Date;
    reason: string | null;
    created_by: string;
    created_at: Generated<Date>;
  };
  appointment_bookings: {
    id: Generated<string>;
    reference: string;
    location_id: string;
    counter_id: string;
    starts_at: Date;
    ends_at: Date;
    status: BookingStatus;
    hold_expires_at: Date | null;
    services: Json<BookedService[]>;
    channel: BookingChannel;
    user_id: string | null;
    name: string | null;
    email: string | null;
    phone: string | null;
    secret_hash: string;
    created_by: string;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
    language: Generated<'de' | 'en'>;
    needs: Generated<string[]>;
    needs_note: string | null;
    confirmed_by: 'email' | 'sms' | 'staff' | null;
    confirmed_at: Date | null;
    sms_code_hash: string | null;
    sms_attempts: Generated<number>;
    cancelled_at: Date | null;
    cancel_reason: CancelReason | null;
    calendar_uid: string | null;
    calendar_sequence: Generated<number>;
    rebooked_from: string | null;
    reminded_at: Date | null;
    arrived_at: Date | null;
    called_at: Date | null;
    called_counter_id: string | null;
    served_at: Date | null;
  };
  appointment_booking_keys: {
    key_hash: string;
    booking_id: string;
    purpose: 'confirm' | 'manage';
    created_at: Generated<Date>;
  };
};

/**
 * The content scope of everything that shows free times and the places that offer them: the place tables'
 * trigger announces it, and so do bookings made and times freed, so cached service pages and places are made
 * again at once.
 */
export const availabilityScope = 'appointments-availability';

export type AppointmentsDb = Executor<KernelTables & AppointmentTables>;
export type Booking = Selectable<AppointmentTables['appointment_bookings']>;

export function appointmentsDb(db: Executor<KernelTables>): AppointmentsDb {
  return db.withTables<AppointmentTables>();
}

/** Statuses of a booking not yet made: it keeps its time until `hold_expires_at`. */
export const holdingStatuses: readonly BookingStatus[] = ['held', 'confirming'];

/** Statuses whose booking occupies its counter's time: the exclusion constraint's list. */
export const occupyingStatuses: readonly BookingStatus[] = ['held', 'confirming', 'booked', 'arrived', 'served', 'no_show'];

export type Location = Selectable<AppointmentTables['appointment_locations']>;

/**
 * A place that takes bookings, with its counters and the services it offers; undefined when there is none or
 * it is closed for booking. One statement: every search for free times starts here.
 */
export async function findPlace(db: AppointmentsDb, locationId: string) {
  const row = await db
    .selectFrom('appointment_locations as l')
    .selectAll('l')
    .select((eb) => [
      jsonArrayFrom(eb.selectFrom('appointment_counters as c').select(['c.id', 'c.name', 'c.services', 'c.hours']).whereRef('c.location_id', '=', 'l.id').where('c.active', '=', true).orderBy('c.name')).as('placeCounters'),
      jsonArrayFrom(eb.selectFrom('appointment_services as s').selectAll('s').whereRef('s.location_id', '=', 'l.id')).as('placeServices'),
    ])
    .where('l.id', '=', locationId)
    .where('l.active', '=', true)
    .executeTakeFirst();
  if (!row) return undefined;
  const { placeCounters: counters, placeServices: services, ...location } = row;
  return { location, counters, services };
}

/**
 * What keeps a place's counters from taking a booking between two instants: bookings that occupy their time
 * (holds only until they run out) and blocked times, of a counter or (null) of the whole place.
 */
export function busyBetween(db: AppointmentsDb, locationId: string, from: Date, to: Date | Expression<Date>, now: Date) {
  const bookings = db
    .selectFrom('appointment_bookings')
    .select((eb) => [eb.cast<string | null>('counter_id', 'uuid').as('counterId'), 'starts_at as from', 'ends_at as to'])
    .where('location_id', '=', locationId)
    .where('status', 'in', [...occupyingStatuses])
    .where((eb) => eb.or([eb('hold_expires_at', 'is', null), eb('hold_expires_at', '>=', now), eb('status', 'not in', [...holdingStatuses])]))
    .where('ends_at', '>', from)
    .where('starts_at', '<', to);
  const blocks = db
    .selectFrom('appointment_blocks')
    .select(['counter_id as counterId', 'starts_at as from', 'ends_at as to'])
    .where('location_id', '=', locationId)
    .where('ends_at', '>', from)
    .where('starts_at', '<', to);
  return bookings.unionAll(blocks).execute();
}

/**
 * The same from now to the end of the place's longest booking window (its services' horizon and two days),
 * the window reckoned in the statement, so it need not wait for the place's services to be read.
 */
export function busyInWindow(db: AppointmentsDb, locationId: string, now: Date) {
  const end = sql<Date>`${now}::timestamptz + make_interval(secs => 86400 * (select coalesce(max(horizon_days), 0) + 2 from appointment_services where location_id = ${locationId}))`;
  return busyBetween(db, locationId, now, end, now);
}
