import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import type { Break, WeeklyPeriod } from './calendar/types.ts';

export type BookingStatus = 'held' | 'confirming' | 'booked' | 'arrived' | 'served' | 'no_show' | 'cancelled' | 'expired';
export type BookingChannel = 'online' | 'phone' | 'counter';
export interface BookedService {
  serviceId: string;
  persons: number;
}

/** A JSON column: read as the value, written as its JSON text. */
type Json<T> = ColumnType<T, string, string>;

export type AppointmentTables = {
  appointment_locations: {
    id: Generated<string>;
    office_id: string | null;
    kind: 'counter' | 'video' | 'phone';
    name: string;
    hint: string | null;
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
    hours: ColumnType<WeeklyPeriod[] | null, string | null | undefined, string | null>;
    active: Generated<boolean>;
  };
  appointment_services: {
    location_id: string;
    service_id: string;
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
  };
};

export type AppointmentsDb = Executor<KernelTables & AppointmentTables>;
export type Booking = Selectable<AppointmentTables['appointment_bookings']>;

export function appointmentsDb(db: Executor<KernelTables>): AppointmentsDb {
  return db.withTables<AppointmentTables>();
}

/** Statuses whose booking occupies its counter's time: the exclusion constraint's list. */
export const occupyingStatuses: readonly BookingStatus[] = ['held', 'confirming', 'booked', 'arrived', 'served', 'no_show'];
