import { sql, type Kysely } from 'kysely';

/*
 * The queue at the counters on the day: booked people who have arrived and walk-ins with a waiting number,
 * called in one order. A booking records when the person arrived, was called (and to which counter) and was
 * served, so the waiting time is known; a walk-in gets a ticket with a running number per place and day.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('appointment_bookings')
    .addColumn('arrived_at', 'timestamptz')
    .addColumn('called_at', 'timestamptz')
    // The counter that called the person: usually the booked one, but any free counter may call the next.
    .addColumn('called_counter_id', 'uuid', (c) => c.references('appointment_counters.id').onDelete('set null'))
    .addColumn('served_at', 'timestamptz')
    .execute();
  await sql`create index appointment_bookings_arrived on appointment_bookings (location_id, arrived_at) where status = 'arrived'`.execute(db);

  await db.schema
    .createTable('appointment_tickets')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('location_id', 'uuid', (c) => c.notNull().references('appointment_locations.id').onDelete('cascade'))
    // The place's day in Berlin time: the numbers start at 1 each day.
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number > 0`))
    // The catalogue's service slugs the person came for.
    .addColumn('services', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('waiting').check(sql`status in ('waiting', 'called', 'served', 'gone')`))
    .addColumn('counter_id', 'uuid', (c) => c.references('appointment_counters.id').onDelete('set null'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('called_at', 'timestamptz')
    .addColumn('served_at', 'timestamptz')
    .addUniqueConstraint('appointment_tickets_number', ['location_id', 'day', 'number'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('appointment_tickets').execute();
  await sql`drop index appointment_bookings_arrived`.execute(db);
  for (const column of ['arrived_at', 'called_at', 'called_counter_id', 'served_at']) {
    await db.schema.alterTable('appointment_bookings').dropColumn(column).execute();
  }
}
