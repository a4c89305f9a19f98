import { sql, type Kysely } from 'kysely';

/*
 * How far ahead the places are booked, once a day: per place and service, the days from that day (Berlin) to
 * the first free time for one person, null when none is free in the service's window. Computing it needs the
 * catalogue's opening hours, which the statistics and open-data declarations cannot read, so a job writes it
 * here and they read the history. Counts only, no person's data.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('appointment_availability_snapshots')
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('location_id', 'uuid', (c) => c.notNull().references('appointment_locations.id').onDelete('cascade'))
    .addColumn('service_slug', 'text', (c) => c.notNull())
    .addColumn('days_until_free', 'integer', (c) => c.check(sql`days_until_free >= 0`))
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('appointment_availability_snapshots_pkey', ['day', 'location_id', 'service_slug'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('appointment_availability_snapshots').execute();
}
