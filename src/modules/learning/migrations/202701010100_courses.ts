import { sql, type Kysely } from 'kysely';

/*
 * Courses for citizens and staff. A course is what is offered (its title, level, the DigComp competences it
 * covers, who it is for); a session is one run of it with its meetings, place or online link, capacity and
 * minimum; a registration is one person's place in a session, or their place in its waiting line. The
 * line is the order of arrival: registrations are numbered by `seq` under the session's lock, and the first
 * one waiting moves up when a place frees.
 *
 * Lists of fixed values are stored as the slugs the pages' addresses use, each checked against its set.
 */
const levels = sql.raw(`array['foundation', 'intermediate', 'advanced', 'highly-specialised']`);
const access = sql.raw(`array['stufenlos', 'hoeranlage', 'grossdruck', 'leihgeraete', 'leichte-sprache']`);
const needs = sql.raw(`array['grossdruck', 'hoerschleife', 'leihgeraet', 'begleitung']`);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('learning_courses')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    // citizens: open to everyone; staff: for the city's own staff, registered with their staff account.
    .addColumn('audience', 'text', (c) => c.notNull().check(sql`audience in ('citizens', 'staff')`))
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level = any(${levels})`))
    // Who it is meant for, in words ("Seniorinnen und Senioren", "Eltern").
    .addColumn('target_group', 'text', (c) => c.notNull())
    // DigComp 2.2 competences covered, as `1.1` … `5.4`.
    .addColumn('competences', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('accessibility', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('de'))
    // Price in cents, paid at the venue until online payment exists; 0 is free.
    .addColumn('price_cents', 'integer', (c) => c.notNull().defaultTo(0).check(sql`price_cents >= 0`))
    .addColumn('provider', 'text', (c) => c.notNull())
    // Where people call to register or cancel: named in every notice, so no one needs the platform for either.
    .addColumn('contact_phone', 'text', (c) => c.notNull())
    // The required staff training this course fulfils (`training_requirements.key`), for staff courses.
    .addColumn('training_key', 'text')
    .addColumn('published', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('learning_courses_accessibility', sql`accessibility <@ ${access}`)
    .addCheckConstraint('learning_courses_competences', sql`array_to_string(competences, ',') ~ '^([1-5]\\.[1-6](,|$))*$'`)
    .execute();

  await db.schema
    .createTable('learning_sessions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('course_id', 'uuid', (c) => c.notNull().references('learning_courses.id').onDelete('cascade'))
    // Where: a place with its address, or an online meeting's address (sent with the confirmation), or both.
    .addColumn('place', 'text')
    .addColumn('address', 'text')
    .addColumn('online_url', 'text')
    .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity between 1 and 500`))
    .addColumn('min_participants', 'integer', (c) => c.notNull().defaultTo(1).check(sql`min_participants >= 1`))
    // By then the session needs its minimum, or it is called off and everyone is told (`learning.check-minimum`).
    .addColumn('decide_by', 'timestamptz', (c) => c.notNull())
    .addColumn('trainer_user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    // The first and last meeting, kept with the meetings so lists need no join.
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    // open → held (attendance taken) | cancelled (below its minimum, or by the coordinator).
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open', 'held', 'cancelled')`))
    .addColumn('cancel_reason', 'text')
    // Set when the minimum was checked at `decide_by` and held: the session takes place, whoever cancels later.
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('next_seq', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('learning_sessions_where', sql`place is not null or online_url is not null`)
    .addCheckConstraint('learning_sessions_minimum', sql`min_participants <= capacity`)
    .addCheckConstraint('learning_sessions_times', sql`ends_at > starts_at and decide_by <= starts_at`)
    .execute();
  await sql`create index learning_sessions_course on learning_sessions (course_id, starts_at)`.execute(db);
  await sql`create index learning_sessions_open on learning_sessions (decide_by) where status = 'open' and confirmed_at is null`.execute(db);

  await db.schema
    .createTable('learning_meetings')
    .addColumn('session_id', 'uuid', (c) => c.notNull().references('learning_sessions.id').onDelete('cascade'))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('learning_meetings_pk', ['session_id', 'starts_at'])
    .addCheckConstraint('learning_meetings_times', sql`ends_at > starts_at`)
    .execute();

  await db.schema
    .createTable('learning_registrations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('session_id', 'uuid', (c) => c.notNull().references('learning_sessions.id').onDelete('cascade'))
    // Order of arrival within the session.
    .addColumn('seq', 'integer', (c) => c.notNull())
    // A short number to name the registration on the phone and in letters ("K-7QX4-93").
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    // A guest's name and ways to reach them; an account's come from the account.
    .addColumn('name', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    // { street, houseNumber, postalCode, city }: for letters, when registered without an e-mail address.
    .addColumn('postal_address', 'jsonb')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('de').check(sql`language in ('de', 'en')`))
    .addColumn('support_needs', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('support_note', 'text')
    // online (by the person), phone or counter (by staff for them).
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('online', 'phone', 'counter')`))
    .addColumn('registered_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    // placed (has a place) | waiting (in line) → placed; cancelled (by the person or for them); dropped (the
    // session was called off).
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('placed', 'waiting', 'cancelled', 'dropped')`))
    .addColumn('placed_at', 'timestamptz')
    // Moved up from the line too late for a letter: staff are asked to phone; `called_at` when they did.
    .addColumn('call_requested_at', 'timestamptz')
    .addColumn('called_at', 'timestamptz')
    // Taken by the trainer on the attendance list: true, false, or null while not yet taken.
    .addColumn('attended', 'boolean')
    .addColumn('reminded_at', 'timestamptz')
    .addColumn('cancelled_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('learning_registrations_needs', sql`support_needs <@ ${needs}`)
    .addCheckConstraint('learning_registrations_contact', sql`user_id is not null or name is not null`)
    .execute();
  await sql`create unique index learning_registrations_seq on learning_registrations (session_id, seq)`.execute(db);
  await sql`create index learning_registrations_line on learning_registrations (session_id, seq) where status = 'waiting'`.execute(db);
  await sql`create index learning_registrations_user on learning_registrations (user_id) where user_id is not null`.execute(db);
  // One active registration per account and session; guests are told apart by staff and their addresses.
  await sql`create unique index learning_registrations_once on learning_registrations (session_id, user_id) where user_id is not null and status in ('placed', 'waiting')`.execute(db);

  // A certificate of attendance keeps what it certifies, so its code can be checked by anyone as long as the
  // certificate is kept, after the registration itself has gone.
  await db.schema
    .createTable('learning_certificates')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('registration_id', 'uuid', (c) => c.unique().references('learning_registrations.id').onDelete('set null'))
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('holder_name', 'text', (c) => c.notNull())
    .addColumn('course_title', 'text', (c) => c.notNull())
    .addColumn('competences', sql`text[]`, (c) => c.notNull())
    .addColumn('first_day', 'date', (c) => c.notNull())
    .addColumn('last_day', 'date', (c) => c.notNull())
    .addColumn('hours', sql`numeric(5, 1)`, (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('learning_registration_keys')
    .addColumn('key_hash', 'text', (c) => c.primaryKey())
    .addColumn('registration_id', 'uuid', (c) => c.notNull().references('learning_registrations.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index learning_registration_keys_registration on learning_registration_keys (registration_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('learning_registration_keys').execute();
  await db.schema.dropTable('learning_certificates').execute();
  await db.schema.dropTable('learning_registrations').execute();
  await db.schema.dropTable('learning_meetings').execute();
  await db.schema.dropTable('learning_sessions').execute();
  await db.schema.dropTable('learning_courses').execute();
}
