import { sql, type Kysely } from 'kysely';

/**
 * One table of search documents for every module, so that one statement matches, ranks, filters and counts
 * facets over all of them; the vocabulary "did you mean" draws from; and the version of each module's
 * documents, so that a module whose documents changed shape is rebuilt at start.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('search_documents')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // Title, synonyms and keywords: what a query's words are compared with for title similarity.
    .addColumn('terms', 'text', (c) => c.notNull())
    .addColumn('document', sql`tsvector`, (c) => c.notNull())
    // `name:value` tokens, the type's among them (`typ:service`): filtered with && and counted with unnest.
    .addColumn('facets', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    // Labels of the tokens by language: { "lebenslage:umzug": { "de": "Umzug", "en": "Moving" } }.
    .addColumn('facet_labels', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('weight', 'double precision', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('search_documents_pkey', ['source', 'id'])
    .execute();
  await sql`create index search_documents_document_idx on search_documents using gin (document)`.execute(db);

  await db.schema
    .createTable('search_words')
    .addColumn('word', 'text', (c) => c.primaryKey())
    .addColumn('display', 'text', (c) => c.notNull())
    // How many documents contain the word: it leaves the vocabulary with the last of them.
    .addColumn('documents', 'integer', (c) => c.notNull())
    .execute();
  // GiST, not GIN: "did you mean" asks for the nearest word (<->), which only GiST answers from the index.
  await sql`create index search_words_trgm_idx on search_words using gist (word gist_trgm_ops)`.execute(db);

  await db.schema
    .createTable('search_sources')
    .addColumn('source', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('rebuilt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('search_sources').execute();
  await db.schema.dropTable('search_words').execute();
  await db.schema.dropTable('search_documents').execute();
}
