import { sql, type RawBuilder } from 'kysely';
import type { AnyExecutor } from '../db/database.ts';
import type { SearchDocument, SearchSource } from '../module.ts';
import { withoutControlCharacters } from './text.ts';

/** The facet every document has: its type, filtered and counted like the facets modules declare. */
export const typeFacet = 'typ';

/** Rows per insert statement: large enough to be quick, small enough for PostgreSQL's parameter limits. */
const batchSize = 500;

/** From this many documents put at once, the table's statistics are refreshed. */
const analyzeFrom = 200;

const join = (words: readonly string[] | undefined) => (words ?? []).join(' ');

/** A document as the insert statement reads it from JSON, with its facets as `name:value` tokens. */
function row(source: SearchSource, doc: SearchDocument) {
  const weight = source.types.find((type) => type.type === doc.type)?.weight;
  if (weight === undefined) throw new Error(`Search document ${doc.id} has the type ${doc.type}, which its source does not declare`);
  const facets = [`${typeFacet}:${doc.type}`];
  const labels: Record<string, Record<string, string>> = {};
  for (const [name, values] of Object.entries(doc.facets ?? {})) {
    for (const value of values) {
      const token = `${name}:${value.value}`;
      facets.push(token);
      labels[token] = { ...value.translations, [doc.language]: value.label };
    }
  }
  const clean = withoutControlCharacters;
  return {
    id: doc.id,
    type: doc.type,
    language: doc.language,
    url: doc.url,
    title: clean(doc.title),
    summary: clean(doc.summary),
    body: clean(doc.body),
    synonyms: clean(join(doc.synonyms)),
    keywords: clean(join(doc.keywords)),
    facets: [...new Set(facets)],
    facet_labels: labels,
    weight,
    updated_at: (doc.updatedAt ?? new Date()).toISOString(),
  };
}

/**
 * The vocabulary's words of the rows in `changed` (a CTE with `terms` and `summary`): every word of four
 * letters or more, counted once per document, with the spelling it appears in.
 */
const wordsOf = (changed: string) =>
  sql.raw(`
    select x.word, min(x.display) as display, count(*)::int as n
    from ${changed} c, lateral (
      select lower(t) as word, min(t) as display
      from regexp_split_to_table(c.terms || ' ' || c.summary, '[^[:alnum:]äöüÄÖÜß]+') as t
      where length(t) >= 4 and t !~ '^[0-9]+$'
      group by lower(t)
    ) x
    group by x.word`);

/** Inserts documents; with `words`, their words join the vocabulary in the same statement. */
async function insert(db: AnyExecutor, sourceId: string, source: SearchSource, docs: readonly SearchDocument[], words: boolean): Promise<void> {
  for (let start = 0; start < docs.length; start += batchSize) {
    const rows = docs.slice(start, start + batchSize).map((doc) => row(source, doc));
    const inserted: RawBuilder<unknown> = sql`
      insert into search_documents (source, id, type, language, url, title, summary, body, terms, document, facets, facet_labels, weight, updated_at)
      select ${sourceId}, d.id, d.type, d.language, d.url, d.title, d.summary, d.body,
        concat_ws(' ', d.title, nullif(d.synonyms, ''), nullif(d.keywords, '')),
        setweight(to_tsvector('german', d.title || ' ' || d.synonyms), 'A')
          || setweight(to_tsvector('german', d.keywords || ' ' || d.summary), 'B')
          || setweight(to_tsvector('german', d.body), 'C'),
        d.facets, d.facet_labels, d.weight, d.updated_at
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as d(id text, type text, language text, url text, title text, summary text,
        body text, synonyms text, keywords text, facets text[], facet_labels jsonb, weight double precision, updated_at timestamptz)
      returning terms, summary`;
    if (!words) {
      await inserted.execute(db);
      continue;
    }
    await sql`
      with changed as (${inserted}), words as (${wordsOf('changed')})
      insert into search_words (word, display, documents)
      select word, display, n from words order by word
      on conflict (word) do update set documents = search_words.documents + excluded.documents, display = least(search_words.display, excluded.display)`.execute(db);
  }
}

/**
 * One change of the vocabulary at a time, until its transaction ends: two publications sharing words would
 * otherwise count them down and up in different orders and could deadlock. Changes are rare; reading is
 * not affected.
 */
async function lockVocabulary(trx: AnyExecutor): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('kernel.search_words'))`.execute(trx);
}

/** Deletes documents; their words leave the vocabulary once no other document has them. */
async function remove(db: AnyExecutor, source: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await sql`
    with changed as (delete from search_documents where source = ${source} and id = any(${sql.val([...ids])}::text[]) returning terms, summary),
      words as (${wordsOf('changed')}),
      dropped as (delete from search_words w using words where w.word = words.word and w.documents <= words.n)
    update search_words w set documents = w.documents - words.n from words where w.word = words.word and w.documents > words.n`.execute(db);
}

function declared(module: { id: string; search?: SearchSource }): SearchSource {
  if (!module.search) throw new Error(`Module ${module.id} declares no search source`);
  return module.search;
}

/**
 * Makes these documents of the module what the search finds, replacing earlier versions of them; call it in
 * the transaction of the change (publishing, importing), so that the search is never behind.
 */
export async function putSearchDocuments(trx: AnyExecutor, module: { id: string; search?: SearchSource }, docs: readonly SearchDocument[]): Promise<void> {
  const source = declared(module);
  await lockVocabulary(trx);
  await remove(trx, module.id, docs.map((doc) => doc.id));
  await insert(trx, module.id, source, docs, true);
  // After many documents at once (an import) the planner's figures are out of date, and PGlite never
  // refreshes them by itself.
  if (docs.length >= analyzeFrom) await sql`analyze search_documents`.execute(trx);
}

/** Takes these documents of the module out of the search (withdrawn, deleted); unknown ids are ignored. */
export async function removeSearchDocuments(trx: AnyExecutor, module: { id: string }, ids: readonly string[]): Promise<void> {
  await lockVocabulary(trx);
  await remove(trx, module.id, ids);
}

/** Replaces all of a module's documents and records the version they were built with; the vocabulary is rebuilt whole. */
export async function replaceSourceDocuments(trx: AnyExecutor, id: string, source: SearchSource, docs: readonly SearchDocument[]): Promise<void> {
  await sql`delete from search_documents where source = ${id}`.execute(trx);
  await insert(trx, id, source, docs, false);
  await sql`delete from search_words`.execute(trx);
  await sql`
    with changed as (select terms, summary from search_documents), words as (${wordsOf('changed')})
    insert into search_words (word, display, documents) select word, display, n from words`.execute(trx);
  await sql`analyze search_documents`.execute(trx);
  await sql`
    insert into search_sources (source, version) values (${id}, ${source.version})
    on conflict (source) do update set version = excluded.version, rebuilt_at = now()`.execute(trx);
}
