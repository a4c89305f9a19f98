import { sql, type ColumnType } from 'kysely';
import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import type { AppointmentTables } from './repo.ts';

/*
 * The daily snapshots of how far ahead each place's services are booked (`service.snapshots.ts` writes them,
 * the figures read them). Counts only.
 */

export type SnapshotTables = {
  appointment_availability_snapshots: {
    // Read through `to_char` (below), so a day is always the string 'YYYY-MM-DD'.
    day: ColumnType<string, string, string>;
    location_id: string;
    service_slug: string;
    days_until_free: number | null;
    computed_at: ColumnType<Date, Date | undefined, Date>;
  };
};

export type SnapshotsDb = Executor<KernelTables & AppointmentTables & SnapshotTables>;

export function snapshotsDb(db: Executor<KernelTables>): SnapshotsDb {
  return db.withTables<AppointmentTables & SnapshotTables>();
}

export interface Snapshot {
  day: string;
  locationId: string;
  serviceSlug: string;
  /** Days from `day` to the first free time for one person; null when none is free in the window. */
  daysUntilFree: number | null;
}

/** Writes the day's snapshot of each place and service, replacing one written earlier the same day. */
export async function upsertSnapshots(db: SnapshotsDb, snapshots: readonly Snapshot[], computedAt: Date): Promise<void> {
  if (snapshots.length === 0) return;
  await db
    .insertInto('appointment_availability_snapshots')
    .values(snapshots.map((snapshot) => ({ day: snapshot.day, location_id: snapshot.locationId, service_slug: snapshot.serviceSlug, days_until_free: snapshot.daysUntilFree, computed_at: computedAt })))
    .onConflict((conflict) => conflict.columns(['day', 'location_id', 'service_slug']).doUpdateSet((eb) => ({ days_until_free: eb.ref('excluded.days_until_free'), computed_at: eb.ref('excluded.computed_at') })))
    .execute();
}

/** Whether any snapshot was written for the day. */
export async function hasSnapshotsOf(db: SnapshotsDb, day: string): Promise<boolean> {
  const row = await db.selectFrom('appointment_availability_snapshots').select('day').where('day', '=', day).limit(1).executeTakeFirst();
  return row !== undefined;
}

const snapshotColumns = [sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'), 'location_id', 'service_slug', 'days_until_free'] as const;

const toSnapshot = (row: { day: string; location_id: string; service_slug: string; days_until_free: number | null }): Snapshot => ({
  day: row.day,
  locationId: row.location_id,
  serviceSlug: row.service_slug,
  daysUntilFree: row.days_until_free,
});

/** The snapshots of the latest day written, by place and service. */
export async function latestSnapshots(db: SnapshotsDb): Promise<Snapshot[]> {
  const rows = await db
    .selectFrom('appointment_availability_snapshots')
    .select([...snapshotColumns])
    .where('day', '=', (eb) => eb.selectFrom('appointment_availability_snapshots').select((inner) => inner.fn.max('day').as('day')))
    .orderBy('location_id')
    .orderBy('service_slug')
    .execute();
  return rows.map(toSnapshot);
}

/** Every snapshot from the day `from` on, by day, place and service. */
export async function snapshotsSince(db: SnapshotsDb, from: string): Promise<Snapshot[]> {
  const rows = await db.selectFrom('appointment_availability_snapshots').select([...snapshotColumns]).where('day', '>=', from).orderBy('day').orderBy('location_id').orderBy('service_slug').execute();
  return rows.map(toSnapshot);
}
