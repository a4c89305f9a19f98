import { sql, type Kysely } from 'kysely';

/*
 * Self-assessment results a person with an account chose to keep. A row holds only what the person asked
 * to keep: whose it is, the answers in the compact form the pages sign (`v1.p.1.1=2,…`: the version, plain
 * German or Leichte Sprache, one digit per answered competence) and when it was saved. No profile, no
 * recommendation and no other field is stored: they are worked out again from the answers when the person
 * opens the result. A row goes with its account (foreign key), when the person deletes it, or two years
 * after it was saved.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('learning_saved_assessments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // 21 answers at most: "v1.e." and 21 × "1.1=2," stay under 160 characters.
    .addColumn('answers', 'text', (c) => c.notNull().check(sql`answers ~ '^v1\\.[ep]\\.' and length(answers) <= 200`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index learning_saved_assessments_person on learning_saved_assessments (user_id, created_at desc)`.execute(db);
  await sql`create index learning_saved_assessments_age on learning_saved_assessments (created_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('learning_saved_assessments').execute();
}
