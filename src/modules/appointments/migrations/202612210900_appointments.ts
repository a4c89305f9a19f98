import { sql, type Kysely } from 'kysely';

/*
 * Places where people are served (a Bürgerbüro, or a video or phone "place"), their counters, which services
 * each offers at what length, times staff block, and the bookings. A booking occupies one counter for its
 * time; the database itself refuses two bookings of one counter whose times overlap (an exclusion constraint
 * over the time range), so no race between two requests can give a slot twice.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Equality on the counter beside overlap of the times in one GiST index; PostgreSQL ships it as trusted.
  await sql`create extension if not exists btree_gist`.execute(db);

  await db.schema
    .createTable('appointment_locations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // The catalogue's office (its slug, as forms name it) whose opening hours, holidays and closing days the
    // calendar follows.
    .addColumn('office_slug', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('counter', 'video', 'phone')`))
    .addColumn('name', 'text', (c) => c.notNull())
    // Where to go once inside ("dritte Tür rechts"), shown with the booking.
    .addColumn('hint', 'text')
    .addColumn('slot_minutes', 'integer', (c) => c.notNull().defaultTo(10).check(sql`slot_minutes between 5 and 60 and slot_minutes % 5 = 0`))
    // How long a chosen slot is kept for someone entering their details, and for confirming by e-mail.
    .addColumn('hold_minutes', 'integer', (c) => c.notNull().defaultTo(10).check(sql`hold_minutes between 2 and 30`))
    .addColumn('confirm_minutes', 'integer', (c) => c.notNull().defaultTo(30).check(sql`confirm_minutes between 5 and 1440`))
    // For a place without an office in the catalogue (video, phone): its weekly hours [{ day, opens, closes }],
    // closed on public holidays.
    .addColumn('hours', 'jsonb')
    // Weekly breaks: [{ day: 1–7, from: 'HH:MM', to: 'HH:MM' }].
    .addColumn('breaks', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('appointment_counters')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('location_id', 'uuid', (c) => c.notNull().references('appointment_locations.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    // The slugs of the catalogue's services this counter serves.
    .addColumn('services', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    // Weekly periods ([{ day, opens, closes }]) that narrow the location's hours for this counter; null: the location's.
    .addColumn('hours', 'jsonb')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addUniqueConstraint('appointment_counters_location_name', ['location_id', 'name'])
    .execute();

  await db.schema
    .createTable('appointment_services')
    .addColumn('location_id', 'uuid', (c) => c.notNull().references('appointment_locations.id').onDelete('cascade'))
    .addColumn('service_slug', 'text', (c) => c.notNull())
    .addColumn('minutes_per_person', 'integer', (c) => c.notNull().check(sql`minutes_per_person between 5 and 240`))
    .addColumn('max_persons', 'integer', (c) => c.notNull().defaultTo(6).check(sql`max_persons between 1 and 10`))
    // No slot starts sooner than this many minutes from now (time to prepare, to travel).
    .addColumn('lead_minutes', 'integer', (c) => c.notNull().defaultTo(0).check(sql`lead_minutes between 0 and 10080`))
    // The booking window: from this many days ahead (0: today) to the horizon.
    .addColumn('start_in_days', 'integer', (c) => c.notNull().defaultTo(0).check(sql`start_in_days >= 0`))
    .addColumn('horizon_days', 'integer', (c) => c.notNull().defaultTo(60).check(sql`horizon_days between 1 and 366`))
    // The horizon's last day opens each day at this wall-clock time ('07:00'); null: at midnight.
    .addColumn('release_time', 'text', (c) => c.check(sql`release_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`))
    .addPrimaryKeyConstraint('appointment_services_pkey', ['location_id', 'service_slug'])
    .execute();

  await db.schema
    .createTable('appointment_blocks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('location_id', 'uuid', (c) => c.notNull().references('appointment_locations.id').onDelete('cascade'))
    // Null: the whole location (a staff meeting); otherwise one counter (an absence).
    .addColumn('counter_id', 'uuid', (c) => c.references('appointment_counters.id').onDelete('cascade'))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('appointment_blocks_order', sql`ends_at > starts_at`)
    .execute();
  await sql`create index appointment_blocks_time on appointment_blocks (location_id, ends_at)`.execute(db);

  await db.schema
    .createTable('appointment_bookings')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('location_id', 'uuid', (c) => c.notNull().references('appointment_locations.id'))
    .addColumn('counter_id', 'uuid', (c) => c.notNull().references('appointment_counters.id'))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    // held (chosen, details being entered) → confirming (waiting for the e-mail link) → booked → arrived →
    // served | no_show; cancelled and expired give the time back.
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('held', 'confirming', 'booked', 'arrived', 'served', 'no_show', 'cancelled', 'expired')`),
    )
    // Until when a held or confirming booking keeps its time.
    .addColumn('hold_expires_at', 'timestamptz')
    // [{ serviceId, persons }]: the services (catalogue slugs) of the visit and for how many persons each.
    .addColumn('services', 'jsonb', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('online', 'phone', 'counter')`))
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('name', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    // SHA-256 of the secret in the cancel and rebook links.
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('appointment_bookings_order', sql`ends_at > starts_at`)
    .execute();
  await sql`
    alter table appointment_bookings add constraint appointment_bookings_no_overlap
    exclude using gist (counter_id with =, tstzrange(starts_at, ends_at) with &&)
    where (status in ('held', 'confirming', 'booked', 'arrived', 'served', 'no_show'))`.execute(db);
  await sql`create index appointment_bookings_location_time on appointment_bookings (location_id, starts_at)`.execute(db);
  await sql`create index appointment_bookings_user on appointment_bookings (user_id) where user_id is not null`.execute(db);
  await sql`create index appointment_bookings_hold on appointment_bookings (hold_expires_at) where status in ('held', 'confirming')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('appointment_bookings').execute();
  await db.schema.dropTable('appointment_blocks').execute();
  await db.schema.dropTable('appointment_services').execute();
  await db.schema.dropTable('appointment_counters').execute();
  await db.schema.dropTable('appointment_locations').execute();
}
