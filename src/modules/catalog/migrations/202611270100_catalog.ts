import { sql, type Kysely } from 'kysely';

/**
 * The service catalogue: services, offices and life situations as entries with a draft and a published
 * version, their history, a search index with a vocabulary for "did you mean", and link check results.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('catalog_entries')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('service', 'office', 'situation')`))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('sort_key', 'text', (c) => c.notNull())
    .addColumn('draft', 'jsonb', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('published', 'jsonb')
    .addColumn('published_revision', 'integer')
    .addColumn('published_at', 'timestamptz')
    .addColumn('demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('catalog_entries_slug_unique', ['kind', 'slug'])
    .execute();
  // A draft may rename an entry before it is published; no two drafts of a kind may claim one address.
  await sql`create unique index catalog_entries_draft_slug_unique on catalog_entries (kind, (draft->>'slug'))`.execute(db);
  await sql`create index catalog_entries_published_idx on catalog_entries using gin (published jsonb_path_ops)`.execute(db);
  await db.schema.createIndex('catalog_entries_kind_sort_idx').on('catalog_entries').columns(['kind', 'sort_key']).execute();

  await db.schema
    .createTable('catalog_history')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('entry_id', 'uuid', (c) => c.notNull().references('catalog_entries.id').onDelete('cascade'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('created', 'saved', 'published', 'unpublished', 'imported')`))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('actor_id', 'uuid')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text')
    .addColumn('changed', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('content', 'jsonb')
    .execute();
  await db.schema.createIndex('catalog_history_entry_idx').on('catalog_history').columns(['entry_id', 'id']).execute();

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

  await db.schema
    .createTable('catalog_words')
    .addColumn('word', 'text', (c) => c.primaryKey())
    .addColumn('display', 'text', (c) => c.notNull())
    .execute();
  // GiST, not GIN: "did you mean" asks for the nearest word (<->), which only GiST answers from the index.
  await sql`create index catalog_words_trgm_idx on catalog_words using gist (word gist_trgm_ops)`.execute(db);

  await db.schema
    .createTable('catalog_link_checks')
    .addColumn('url', 'text', (c) => c.primaryKey())
    .addColumn('ok', 'boolean', (c) => c.notNull())
    .addColumn('status', 'integer')
    .addColumn('problem', 'text')
    .addColumn('checked_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['catalog_link_checks', 'catalog_words', 'catalog_search', 'catalog_history', 'catalog_entries']) {
    await db.schema.dropTable(table).execute();
  }
}
