import { sql, type Kysely } from 'kysely';

/**
 * The portal's pages are made from these tables: a dataset published, a resource added, a version loaded,
 * rows upserted (which moves the resource's `modified_at`) or a link found dead changes them, and the page
 * cache hears of it in the transaction that makes the change.
 */
const tables = ['opendata_organizations', 'opendata_datasets', 'opendata_resources', 'opendata_resource_versions', 'opendata_link_checks'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of tables) {
    await sql`
      create trigger ${sql.raw(`${table}_content_changed`)}
      after insert or update or delete on ${sql.table(table)}
      for each statement execute function kernel_content_changed('opendata')`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of tables) await sql`drop trigger ${sql.raw(`${table}_content_changed`)} on ${sql.table(table)}`.execute(db);
}
