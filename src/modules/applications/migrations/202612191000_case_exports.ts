import { sql, type Kysely } from 'kysely';

/*
 * Every attempt to hand a case to a specialist system, with its outcome: staff see on the case whether and
 * where it arrived, and why not. The records go with their case (on delete cascade): they name where its
 * data went, nothing of it outlives the case.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('application_case_exports')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('application_cases.id').onDelete('cascade'))
    // The adapter that took (or refused) the package, e.g. `folder`.
    .addColumn('adapter', 'text', (c) => c.notNull())
    .addColumn('format_version', 'integer', (c) => c.notNull())
    // delivered | failed
    .addColumn('status', 'text', (c) => c.notNull())
    // Where the package arrived and the receiving side's id for it.
    .addColumn('location', 'text')
    .addColumn('receipt_id', 'text')
    // Why it failed: a code staff read in words, and the detail for whoever fixes it.
    .addColumn('reason', 'text')
    .addColumn('error', 'text')
    // submitted (the job after submission) | staff (the button on the case page)
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('attempted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('application_case_exports_case').on('application_case_exports').columns(['case_id', 'attempted_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('application_case_exports').execute();
}
