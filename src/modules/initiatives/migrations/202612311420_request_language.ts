import { sql, type Kysely } from 'kysely';

/** A request is answered in the language it was written in, as its receipt was. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('initiative_resource_requests')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('de').check(sql`language in ('de', 'en')`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('initiative_resource_requests').dropColumn('language').execute();
}
