import { sql, type Kysely } from 'kysely';

/*
 * What a booking needs between choosing a time and the visit: the person's language and stated needs, how
 * their contact was confirmed (a link by e-mail, a code by SMS, or staff on the phone), what ended it, and
 * the calendar identity a rebooked appointment keeps. The keys of the links sent to the person live in a
 * table of their own: every mail gets a key of its own, made when it is sent, so no working link ever waits
 * in the job table, and any of them opens the booking until it is over.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('appointment_bookings')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('de').check(sql`language in ('de', 'en')`))
    // What the counter should know beforehand: an interpreter, a step-free counter, more time.
    .addColumn('needs', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('needs_note', 'text')
    // How the contact was confirmed: 'email' (the link), 'sms' (the code), 'staff' (entered for a caller).
    .addColumn('confirmed_by', 'text', (c) => c.check(sql`confirmed_by in ('email', 'sms', 'staff')`))
    .addColumn('confirmed_at', 'timestamptz')
    // The SMS code's hash while a phone number is being confirmed, and how often a wrong code was typed.
    .addColumn('sms_code_hash', 'text')
    .addColumn('sms_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cancelled_at', 'timestamptz')
    // 'person', 'staff', 'office-closed', 'rebooked'.
    .addColumn('cancel_reason', 'text')
    // The iCalendar UID and sequence: a rebooked appointment is the same event in the person's calendar.
    .addColumn('calendar_uid', 'text')
    .addColumn('calendar_sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rebooked_from', 'uuid', (c) => c.references('appointment_bookings.id').onDelete('set null'))
    .addColumn('reminded_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('appointment_booking_keys')
    .addColumn('key_hash', 'text', (c) => c.primaryKey())
    .addColumn('booking_id', 'uuid', (c) => c.notNull().references('appointment_bookings.id').onDelete('cascade'))
    // 'confirm': confirms the e-mail address, until the booking's confirmation time runs out; 'manage': opens
    // the booking to cancel or rebook it.
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('confirm', 'manage')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index appointment_booking_keys_booking on appointment_booking_keys (booking_id)`.execute(db);
  // Limits per address and number count a person's bookings to come.
  await sql`create index appointment_bookings_email on appointment_bookings (lower(email), starts_at) where email is not null`.execute(db);
  await sql`create index appointment_bookings_phone on appointment_bookings (phone, starts_at) where phone is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('appointment_booking_keys').execute();
  await sql`drop index appointment_bookings_email`.execute(db);
  await sql`drop index appointment_bookings_phone`.execute(db);
  for (const column of ['language', 'needs', 'needs_note', 'confirmed_by', 'confirmed_at', 'sms_code_hash', 'sms_attempts', 'cancelled_at', 'cancel_reason', 'calendar_uid', 'calendar_sequence', 'rebooked_from', 'reminded_at']) {
    await db.schema.alterTable('appointment_bookings').dropColumn(column).execute();
  }
}
