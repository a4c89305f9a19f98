import { sql, type Kysely } from 'kysely';

/*
 * The waiting list: someone who found no free time in the days they can come leaves their name and address
 * for a place, the services (× persons) and a period. An entry counts once its address is confirmed by the
 * link in a mail (double opt-in); when a time frees up, the first confirmed entry in line whose request fits
 * is offered a time, held for them for a while. The keys of the links sent (confirm, leave the list) live
 * in a table of their own, hashed, made when each mail is sent.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('appointment_waitlist')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('location_id', 'uuid', (c) => c.notNull().references('appointment_locations.id').onDelete('cascade'))
    // [{ serviceId, persons }], as a booking's services.
    .addColumn('services', 'jsonb', (c) => c.notNull())
    // The days (Berlin) the person can come, both included.
    .addColumn('from_day', 'date', (c) => c.notNull())
    .addColumn('to_day', 'date', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('email', 'text')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('de').check(sql`language in ('de', 'en')`))
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    // unconfirmed (mail sent) → waiting (confirmed, in line) → offered (a time held) → booked | lapsed (the
    // offer ran out); left (the person left the list), ended (the period passed, or never confirmed).
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('unconfirmed').check(sql`status in ('unconfirmed', 'waiting', 'offered', 'booked', 'lapsed', 'left', 'ended')`))
    // The place in line: when the address was confirmed.
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('offered_at', 'timestamptz')
    .addColumn('booking_id', 'uuid', (c) => c.references('appointment_bookings.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('appointment_waitlist_period', sql`to_day >= from_day`)
    .execute();
  await sql`create index appointment_waitlist_line on appointment_waitlist (location_id, confirmed_at) where status = 'waiting'`.execute(db);
  await sql`create index appointment_waitlist_email on appointment_waitlist (lower(email)) where email is not null`.execute(db);
  await sql`create index appointment_waitlist_user on appointment_waitlist (user_id) where user_id is not null`.execute(db);

  await db.schema
    .createTable('appointment_waitlist_keys')
    .addColumn('key_hash', 'text', (c) => c.primaryKey())
    .addColumn('entry_id', 'uuid', (c) => c.notNull().references('appointment_waitlist.id').onDelete('cascade'))
    // 'confirm': confirms the address (the entry joins the line); 'leave': takes the entry off the list.
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('confirm', 'leave')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index appointment_waitlist_keys_entry on appointment_waitlist_keys (entry_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('appointment_waitlist_keys').execute();
  await db.schema.dropTable('appointment_waitlist').execute();
}
