import { sql, type RawBuilder } from 'kysely';
import { headlineSql, searchMatch, searchRank, searchScore, searchWords } from '#kernel/search.ts';
import type { CatalogDb } from './repo.ts';
import { compileQuery, isThesaurusWord, parseQuery } from './search.query.ts';
import type { EntryKind } from './tables.ts';

/** One published entry as the search index holds it; the weights put title and synonyms above the body. */
export interface IndexDocument {
  entryId: string;
  kind: EntryKind;
  url: string;
  title: string;
  /** Words that mean the entry without appearing in it ("Perso" for Personalausweis): weighted like the title. */
  synonyms: string;
  keywords: string;
  summary: string;
  body: string;
  situationIds: readonly string[];
  officeIds: readonly string[];
}

export async function indexDocument(db: CatalogDb, doc: IndexDocument): Promise<void> {
  await removeFromIndex(db, doc.entryId);
  const terms = [doc.title, doc.synonyms, doc.keywords].filter(Boolean).join(' ');
  await sql`
    insert into catalog_search (entry_id, kind, url, title, summary, body, terms, document, situation_ids, office_ids)
    values (${doc.entryId}, ${doc.kind}, ${doc.url}, ${doc.title}, ${doc.summary}, ${doc.body}, ${terms},
      setweight(to_tsvector('german', ${`${doc.title} ${doc.synonyms}`}), 'A')
        || setweight(to_tsvector('german', ${`${doc.keywords} ${doc.summary}`}), 'B')
        || setweight(to_tsvector('german', ${doc.body}), 'C'),
      ${sql.val([...doc.situationIds])}::uuid[], ${sql.val([...doc.officeIds])}::uuid[])`.execute(db);
}

export async function removeFromIndex(db: CatalogDb, entryId: string): Promise<void> {
  await db.deleteFrom('catalog_search').where('entry_id', '=', entryId).execute();
}

/**
 * Rebuilds the vocabulary "did you mean" draws from: every word of four letters or more in the published
 * titles, synonyms, keywords and summaries, with the spelling it first appears in.
 */
export async function rebuildWords(db: CatalogDb): Promise<void> {
  await sql`delete from catalog_words`.execute(db);
  await sql`
    insert into catalog_words (word, display)
    select lower(word), min(word)
    from (select regexp_split_to_table(terms || ' ' || summary, '[^[:alnum:]äöüÄÖÜß]+') as word from catalog_search) as words
    where length(word) >= 4 and word !~ '^[0-9]+$'
    group by lower(word)`.execute(db);
}

export interface IndexHit {
  entry_id: string;
  kind: EntryKind;
  url: string;
  title: string;
  summary: string;
  situation_ids: string[];
  office_ids: string[];
  score: number;
}

/**
 * The kernel's query columns (`fts_all`, `fts_any`, `raw`) built from the catalogue's reading of the query
 * (short forms and English through the thesaurus), plus `fts_exact` for whole words only. Null when the
 * query has no words.
 */
function catalogQuerySql(text: string): RawBuilder<unknown> | null {
  const query = compileQuery(parseQuery(text));
  if (!query) return null;
  return sql`(select to_tsquery('german', ${query.all}) as fts_all, to_tsquery('german', ${query.any}) as fts_any,
    to_tsquery('german', ${query.exact}) as fts_exact, ${query.raw}::text as raw)`;
}

/**
 * The kernel's rank, averaged with the rank of whole words only: "Hund" ranks the entries about dogs above
 * those that only contain a longer word beginning with it, and stays on the kernel's 0…1 scale.
 */
const wholeWordRank = sql`((${searchRank(sql`s.document`)} + ts_rank_cd(s.document, q.fts_exact, 32)) / 2)`;

/** The best `limit` entries by full-text rank, then scored with the title similarity on top. */
async function matching(db: CatalogDb, text: string, limit: number): Promise<IndexHit[]> {
  const query = catalogQuerySql(text);
  if (!query) return [];
  const { rows } = await sql<IndexHit>`
    select top.entry_id, top.kind, top.url, top.title, top.summary, top.situation_ids, top.office_ids,
      ${searchScore(sql`top.rank`, sql`top.terms`)} as score
    from (
      select s.entry_id, s.kind, s.url, s.title, s.summary, s.terms, s.situation_ids, s.office_ids, ${wholeWordRank} as rank
      from catalog_search s, ${query} as q
      where ${searchMatch(sql`s.document`)}
      order by rank desc, s.title
      limit ${limit}
    ) as top, ${query} as q
    order by score desc, top.title`.execute(db);
  return rows.map((row) => ({ ...row, score: Number(row.score) }));
}

/** The query with every word the catalogue does not contain replaced by the closest word it does. */
export async function correctedText(db: CatalogDb, text: string): Promise<string | null> {
  const words = searchWords(text);
  const checks = new Map((await checkWords(db, words)).map((check) => [check.word, check]));
  let changed = false;
  const corrected = words.map((word) => {
    const check = checks.get(word);
    if (isThesaurusWord(word) || !check || check.known || !check.suggestion || (check.similarity ?? 0) < minimumSimilarity) return word;
    changed = true;
    return check.suggestion.toLocaleLowerCase('de-DE');
  });
  return changed ? corrected.join(' ') : null;
}

/**
 * Entries matching every word. When none does, the words are probably misspelt ("Persnalausweis"): each
 * unknown word is replaced by the closest one the catalogue contains and the search runs again, so typo
 * tolerance and "did you mean" agree.
 */
export async function searchIndex(db: CatalogDb, text: string, limit: number): Promise<IndexHit[]> {
  const found = await matching(db, text, limit);
  if (found.length > 0) return found;
  const corrected = await correctedText(db, text);
  return corrected ? matching(db, corrected, limit) : [];
}

export async function headlines(db: CatalogDb, text: string, ids: readonly string[]): Promise<Map<string, string>> {
  const query = catalogQuerySql(text);
  if (ids.length === 0 || !query) return new Map();
  const { rows } = await sql<{ entry_id: string; headline: string }>`
    select s.entry_id, ${headlineSql(sql`s.summary || ' ' || s.body`)} as headline
    from catalog_search s, ${query} as q
    where s.entry_id = any(${sql.val([...ids])}::uuid[])`.execute(db);
  return new Map(rows.map((row) => [row.entry_id, row.headline]));
}

export interface WordRow {
  word: string;
  known: boolean;
  suggestion: string | null;
  similarity: number | null;
}

/** Below this trigram similarity a word is not offered as the spelling someone meant. */
export const minimumSimilarity = 0.4;

/**
 * For each word: whether any published entry contains it (as search matches it), and, for the words none
 * contains, the nearest word of the vocabulary (GiST nearest-neighbour search). A stop word counts as known.
 */
export async function checkWords(db: CatalogDb, words: readonly string[]): Promise<WordRow[]> {
  if (words.length === 0) return [];
  // One statement per word: with the word as a parameter the tsquery is a constant to the planner, which
  // can then use the GIN index; computed from unnest() it would be checked against every document.
  const known: { word: string; known: boolean }[] = [];
  for (const word of words) {
    const { rows } = await sql<{ known: boolean }>`
      select numnode(to_tsquery('german', ${word})) = 0
        or exists (select 1 from catalog_search s where s.document @@ to_tsquery('german', ${`${word} | ${word}:*AB`})) as known`.execute(db);
    known.push({ word, known: rows[0]?.known ?? false });
  }
  const unknown = known.filter((row) => !row.known).map((row) => row.word);
  const nearest = new Map<string, { display: string; similarity: number }>();
  if (unknown.length > 0) {
    const { rows } = await sql<{ word: string; display: string | null; similarity: number | null }>`
      select w.word, best.display, best.similarity
      from unnest(${sql.val(unknown)}::text[]) as w(word)
      left join lateral (
        select v.display, similarity(v.word, w.word) as similarity from catalog_words v order by v.word <-> w.word limit 1
      ) best on true`.execute(db);
    for (const row of rows) if (row.display !== null) nearest.set(row.word, { display: row.display, similarity: Number(row.similarity) });
  }
  return known.map((row) => ({
    word: row.word,
    known: row.known,
    suggestion: nearest.get(row.word)?.display ?? null,
    similarity: nearest.get(row.word)?.similarity ?? null,
  }));
}
