import type { Kysely } from 'kysely';

/*
 * When the maintainers of an entry were last asked to confirm it as current, so the yearly question goes out
 * once a year and not every day until someone answers.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('initiatives').addColumn('confirm_requested_at', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('initiatives').dropColumn('confirm_requested_at').execute();
}
