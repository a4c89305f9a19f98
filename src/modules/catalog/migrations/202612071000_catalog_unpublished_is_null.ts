import { sql, type Kysely } from 'kysely';

/**
 * Entries never published, or withdrawn, were stored with JSON's null in `published` (and history rows
 * without content in `content`), which `published is not null` counts as published: a new draft office
 * broke the list of offices. They become SQL NULL, as the repository now writes them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`update catalog_entries set published = null where jsonb_typeof(published) = 'null'`.execute(db);
  await sql`update catalog_history set content = null where jsonb_typeof(content) = 'null'`.execute(db);
}

export async function down(): Promise<void> {
  // Nothing to undo: SQL NULL is what the repository writes for "no version" from now on.
}
