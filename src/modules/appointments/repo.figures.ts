import { sql } from 'kysely';
import type { AppointmentsDb } from './repo.ts';

/*
 * What the figures, the service pages and the API read: the active places with their services, and counts
 * over bookings. Counts only: no name, address or contact leaves these queries.
 */

export interface PlaceWithServices {
  id: string;
  name: string;
  kind: 'counter' | 'video' | 'phone';
  officeSlug: string | null;
  hint: string | null;
  services: { slug: string; minutesPerPerson: number; maxPersons: number; horizonDays: number; startInDays: number }[];
}

/** Every place open for booking, by name, each with its services by slug. */
export async function activePlaces(db: AppointmentsDb): Promise<PlaceWithServices[]> {
  const [places, services] = await Promise.all([
    db.selectFrom('appointment_locations').select(['id', 'name', 'kind', 'office_slug', 'hint']).where('active', '=', true).orderBy('name').orderBy('id').execute(),
    db
      .selectFrom('appointment_services')
      .innerJoin('appointment_locations', 'appointment_locations.id', 'appointment_services.location_id')
      .select(['location_id', 'service_slug', 'minutes_per_person', 'max_persons', 'horizon_days', 'start_in_days'])
      .where('appointment_locations.active', '=', true)
      .orderBy('service_slug')
      .execute(),
  ]);
  return places.map((place) => ({
    id: place.id,
    name: place.name,
    kind: place.kind,
    officeSlug: place.office_slug,
    hint: place.hint,
    services: services
      .filter((service) => service.location_id === place.id)
      .map((service) => ({ slug: service.service_slug, minutesPerPerson: service.minutes_per_person, maxPersons: service.max_persons, horizonDays: service.horizon_days, startInDays: service.start_in_days })),
  }));
}

/** The names of all places, those no longer taking bookings too, by id. */
export async function placeNames(db: AppointmentsDb): Promise<Map<string, string>> {
  const rows = await db.selectFrom('appointment_locations').select(['id', 'name']).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Bookings that were made and whose time came: the ones an outcome is counted for. */
const madeStatuses = ['booked', 'arrived', 'served', 'no_show'] as const;

export interface PlaceCounts {
  locationId: string;
  /** `YYYY-MM` or `YYYY-MM-DD` in Berlin, as grouped. */
  period: string;
  booked: number;
  served: number;
  noShow: number;
  /** Bookings with both an arrival and a call: the base of the mean wait. */
  waited: number;
  /** Mean minutes from arrival to being called; null when nobody waited. */
  meanWaitMinutes: number | null;
}

/**
 * Per place and Berlin month or day, over bookings whose time starts within [from, to): how many were made,
 * served, missed, and the mean wait between arrival and call.
 */
export async function countsPerPlace(db: AppointmentsDb, from: Date, to: Date, per: 'month' | 'day'): Promise<PlaceCounts[]> {
  const format = per === 'month' ? 'YYYY-MM' : 'YYYY-MM-DD';
  const period = sql<string>`to_char(starts_at at time zone 'Europe/Berlin', ${sql.lit(format)})`;
  const wait = sql`extract(epoch from (called_at - arrived_at))`;
  const rows = await db
    .selectFrom('appointment_bookings')
    .select([
      'location_id',
      period.as('period'),
      sql<string>`count(*)`.as('booked'),
      sql<string>`count(*) filter (where status = 'served')`.as('served'),
      sql<string>`count(*) filter (where status = 'no_show')`.as('no_show'),
      sql<string>`count(*) filter (where called_at is not null and arrived_at is not null and called_at >= arrived_at)`.as('waited'),
      sql<string | null>`avg(${wait}) filter (where called_at is not null and arrived_at is not null and called_at >= arrived_at)`.as('mean_wait_seconds'),
    ])
    .where('status', 'in', [...madeStatuses])
    .where('starts_at', '>=', from)
    .where('starts_at', '<', to)
    .groupBy(['location_id', period])
    .orderBy(period)
    .orderBy('location_id')
    .execute();
  return rows.map((row) => ({
    locationId: row.location_id,
    period: row.period,
    booked: Number(row.booked),
    served: Number(row.served),
    noShow: Number(row.no_show),
    waited: Number(row.waited),
    meanWaitMinutes: row.mean_wait_seconds === null ? null : Math.round(Number(row.mean_wait_seconds) / 6) / 10,
  }));
}

/**
 * Per Berlin month, over bookings whose time starts within [from, to), the mean minutes from arrival to being
 * called, with one decimal; months in which nobody was called after arriving are left out.
 */
export async function meanWaitPerMonth(db: AppointmentsDb, from: Date, to: Date): Promise<{ month: string; minutes: number }[]> {
  const month = sql<string>`to_char(starts_at at time zone 'Europe/Berlin', 'YYYY-MM')`;
  const rows = await db
    .selectFrom('appointment_bookings')
    .select([month.as('month'), sql<string>`avg(extract(epoch from (called_at - arrived_at)))`.as('seconds')])
    .where('status', 'in', [...madeStatuses])
    .where('starts_at', '>=', from)
    .where('starts_at', '<', to)
    .where('arrived_at', 'is not', null)
    .where('called_at', 'is not', null)
    .where(sql<boolean>`called_at >= arrived_at`)
    .groupBy(month)
    .orderBy(month)
    .execute();
  return rows.map((row) => ({ month: row.month, minutes: Math.round(Number(row.seconds) / 6) / 10 }));
}
