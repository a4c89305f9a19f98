import type { Kysely } from 'kysely';

/*
 * A certificate of attendance is withdrawn when the attendance it certifies is corrected (the trainer
 * ticked the wrong name). It is kept, so its code answers "withdrawn" rather than "never issued" to
 * whoever checks it, and comes back if the person is ticked again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('learning_certificates').addColumn('withdrawn_at', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('learning_certificates').dropColumn('withdrawn_at').execute();
}
