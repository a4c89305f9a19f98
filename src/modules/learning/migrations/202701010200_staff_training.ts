import { sql, type Kysely } from 'kysely';

/*
 * Required staff training. A requirement is what the city asks of its staff (data protection every two
 * years, say): for the staff roles it names, or for every staff member when it names none, valid for some
 * months after completion, with a reminder some days before that runs out. A record is one completion by
 * one staff member: through a staff course (recorded when the trainer marks the attendance) or elsewhere
 * (recorded by the training coordinator from a certificate, which may be uploaded as a PDF). A record's
 * expiry is kept as a day, computed from the requirement's months when it was recorded or taken from the
 * certificate, so that changing a requirement later does not rewrite what was certified.
 *
 * `reminded_at` marks the one reminder a record gets, set in the transaction that sends it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('learning_training_requirements')
    // The key staff courses name in `learning_courses.training_key` (`datenschutz`).
    .addColumn('key', 'text', (c) => c.primaryKey().check(sql`key ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`))
    .addColumn('title_de', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('description_de', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description_en', 'text', (c) => c.notNull().defaultTo(''))
    // Staff role ids (`caseworker`); empty: every staff member.
    .addColumn('roles', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('valid_months', 'integer', (c) => c.notNull().check(sql`valid_months between 1 and 120`))
    .addColumn('remind_days', 'integer', (c) => c.notNull().defaultTo(60).check(sql`remind_days between 1 and 365`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('learning_training_records')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('requirement_key', 'text', (c) => c.notNull().references('learning_training_requirements.key').onUpdate('cascade'))
    .addColumn('completed_on', 'date', (c) => c.notNull())
    // The last day the completion counts.
    .addColumn('expires_on', 'date', (c) => c.notNull())
    // course: a staff course of the platform, marked by its trainer; external: recorded from a certificate.
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('course', 'external')`))
    .addColumn('course_title', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    // The certificate in the kernel's file store, with the name it was uploaded under.
    .addColumn('certificate_file_id', 'text')
    .addColumn('certificate_filename', 'text')
    .addColumn('recorded_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('reminded_at', 'timestamptz')
    .addColumn('demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addCheckConstraint('learning_training_records_days', sql`expires_on > completed_on`)
    .addCheckConstraint('learning_training_records_certificate', sql`(certificate_file_id is null) = (certificate_filename is null)`)
    .execute();
  await sql`create index learning_training_records_person on learning_training_records (user_id, requirement_key, expires_on desc)`.execute(db);
  await sql`create index learning_training_records_to_remind on learning_training_records (expires_on) where reminded_at is null`.execute(db);
  // A trainer who marks the same attendance twice records one completion.
  await sql`create unique index learning_training_records_course_once on learning_training_records (user_id, requirement_key, completed_on) where source = 'course'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('learning_training_records').execute();
  await db.schema.dropTable('learning_training_requirements').execute();
}
