import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Printed batches are deleted a set number of days after printing, so the day of printing is kept.
  // A letter taken out of a batch not yet printed (the account was deleted) leaves the batch waiting to be
  // made again; the revision tells the job that makes it whether another letter went meanwhile.
  await db.schema
    .alterTable('notify_print_batches')
    .addColumn('printed_at', 'timestamptz')
    .addColumn('remake_pending', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`update notify_print_batches set printed_at = updated_at where status in ('printed', 'posted')`.execute(db);
  // Each letter's page count, so the counts of a batch stay right when a letter is taken out.
  await db.schema.alterTable('notify_deliveries').addColumn('batch_pages', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notify_deliveries').dropColumn('batch_pages').execute();
  await db.schema.alterTable('notify_print_batches').dropColumn('revision').dropColumn('remake_pending').dropColumn('printed_at').execute();
}
