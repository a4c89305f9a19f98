import { sql, type Kysely } from 'kysely';

/*
 * What the applicant does after sending: requests for information are kept one per request, with the day
 * to answer by, when the applicant answered and when they were reminded, so that a reminder goes once and
 * the back office sees what is overdue; documents sent later are kept per case, named as the applicant
 * named them, beside the message they came with. Both go with their case.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('application_information_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('application_cases.id').onDelete('cascade'))
    .addColumn('reply_by', 'date', (c) => c.notNull())
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('answered_at', 'timestamptz')
    .addColumn('reminded_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('application_information_requests_case').on('application_information_requests').columns(['case_id', 'requested_at']).execute();
  // The reminder job looks only at requests nobody has answered yet.
  await sql`create index application_information_requests_open on application_information_requests (reply_by) where answered_at is null`.execute(db);

  await db.schema
    .createTable('application_case_documents')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('application_cases.id').onDelete('cascade'))
    .addColumn('message_id', 'uuid', (c) => c.references('application_messages.id').onDelete('cascade'))
    .addColumn('file_id', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('application_case_documents_case').on('application_case_documents').columns(['case_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('application_case_documents').execute();
  await db.schema.dropTable('application_information_requests').execute();
}
