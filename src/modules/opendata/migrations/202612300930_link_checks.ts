import { sql, type Kysely } from 'kysely';

/*
 * What the daily link check found for addresses on other servers (a resource kept elsewhere): the quality
 * score reads it rather than asking those servers while a page is made. The portal's own addresses are
 * checked against its catalogue and file store when the score is made.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('opendata_link_checks')
    .addColumn('url', 'text', (c) => c.primaryKey())
    .addColumn('alive', 'boolean', (c) => c.notNull())
    .addColumn('checked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('opendata_link_checks').execute();
}
