import { sql, type Kysely } from 'kysely';

/*
 * The load under way for a resource, one at most: two versions of one resource loading at once (two
 * workers, two uploads in a minute) would share the DataStore's staging tables. A claim older than the
 * load job's expiry belongs to a worker that died and may be taken over.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('opendata_resource_loads')
    .addColumn('resource_id', 'uuid', (c) => c.primaryKey().references('opendata_resources.id').onDelete('cascade'))
    .addColumn('version_id', 'uuid', (c) => c.notNull().references('opendata_resource_versions.id').onDelete('cascade'))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('opendata_resource_loads').execute();
}
