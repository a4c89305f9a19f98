import { sql, type Kysely } from 'kysely';

/**
 * The catalogue's search documents and vocabulary live in the kernel's `search_documents` and
 * `search_words` now, with every other module's. The kernel fills them from the published entries at the
 * first start after this migration (the catalogue's search source has a new version), before it serves a
 * page, so a database that held its documents here stays searchable.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('catalog_words').execute();
  await db.schema.dropTable('catalog_search').execute();
}

/** The tables come back empty; the catalogue of that version fills them when an entry is published or imported. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('catalog_search')
    .addColumn('entry_id', 'uuid', (c) => c.primaryKey().references('catalog_entries.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('terms', 'text', (c) => c.notNull())
    .addColumn('document', sql`tsvector`, (c) => c.notNull())
    .addColumn('situation_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('office_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute();
  await sql`create index catalog_search_document_idx on catalog_search using gin (document)`.execute(db);
  await db.schema.createTable('catalog_words').addColumn('word', 'text', (c) => c.primaryKey()).addColumn('display', 'text', (c) => c.notNull()).execute();
  await sql`create index catalog_words_trgm_idx on catalog_words using gist (word gist_trgm_ops)`.execute(db);
}
