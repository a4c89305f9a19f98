import { sql, type RawBuilder } from 'kysely';
import type { AnyExecutor, Db } from '../db/database.ts';
import type { Language } from '../auth/actor.ts';
import type { CompiledQuery } from './thesaurus.ts';
import { headlineOptions, summaryHeadlineOptions } from './text.ts';

/*
 * The search's statements over `search_documents`: one for the page of hits, the total and the facet
 * counts; one for the snippets of the page shown; one for "did you mean".
 */

/** The most documents one search ranks in full and counts facets over; beyond it the total reads "more than". */
export const candidateLimit = 500;

export interface FoundHit {
  source: string;
  id: string;
  type: string;
  title: string;
  summary: string;
  url: string;
  language: string;
  score: number;
}

export interface Found {
  /** Documents that match, up to `candidateLimit`, before any filter. */
  candidates: number;
  /** Of these, the ones every filter lets through. */
  total: number;
  hits: FoundHit[];
  /** Count and label (in the reader's language) of each `name:value` token, per facet with the other facets' filters applied. */
  counts: { token: string; count: number; label: string | null }[];
}

export interface FindRequest {
  query: CompiledQuery;
  /** Chosen values by facet name; within a facet any value matches. */
  filters: Readonly<Record<string, readonly string[]>>;
  language: Language;
  page: number;
  perPage: number;
  /** Without, the statement leaves the facet counts out (suggestions as you type show none). */
  facets?: boolean;
}

/** Of the candidates that pass the filters, the best by full-text rank get the precise score; the rest follow in rank order. */
export const scoreLimit = 100;

/** The query's parts as SQL: each tsquery a constant the planner sees, so that it can use the GIN index. */
function queryParts(query: CompiledQuery) {
  return {
    all: sql`to_tsquery('german', ${query.all})`,
    any: sql`to_tsquery('german', ${query.any})`,
    exact: sql`to_tsquery('german', ${query.exact})`,
    raw: sql`${query.raw}::text`,
  };
}

/**
 * Which filters a candidate fails: `failed` counts them, `failed_facet` names the one when it is one. A
 * candidate counts for a facet's values when it fails no filter or only that facet's own, so choosing a
 * value never hides its alternatives.
 */
function filterColumns(filters: FindRequest['filters']): RawBuilder<unknown> {
  const chosen = Object.entries(filters).filter(([, values]) => values.length > 0);
  if (chosen.length === 0) return sql`0 as failed, null::text as failed_facet`;
  const fails = chosen.map(([name, values]) => ({ name, fails: sql`not (d.facets && ${sql.val(values.map((value) => `${name}:${value}`))}::text[])` }));
  const failed = sql.join(fails.map(({ fails: expression }) => sql`(${expression})::int`), sql` + `);
  const which = sql.join(fails.map(({ name, fails: expression }) => sql`when ${expression} then ${name}::text`), sql` `);
  return sql`${failed} as failed, case ${which} end as failed_facet`;
}

/** Each `name:value` token counted over the candidates that fail no filter or only its own facet's. */
function facetCounts(language: Language): RawBuilder<unknown> {
  return sql`
      select t.token, count(*)::int as count,
        min(coalesce(c.facet_labels -> t.token ->> ${language}::text, c.facet_labels -> t.token ->> c.language)) as label
      from candidates c, unnest(c.facets) as t(token)
      where c.failed = 0 or (c.failed = 1 and c.failed_facet = split_part(t.token, ':', 1))
      group by t.token`;
}

/** The order of hits: by score (the rank × type weight for those beyond the scored), then title. */
const hitOrder = sql.raw('score desc nulls last, case when score is null then pre_score end desc, title');

/**
 * One statement: match every word, rank, keep the best `candidateLimit` by full-text rank and type weight,
 * give the best `scoreLimit` that pass the filters the precise score (the rank averaged with the rank of
 * whole words only, plus 0.35 × the word similarity with title and synonyms, times the type's weight: the
 * similarity is the costly part), page, and count facets. The result is one row of figures and JSON arrays.
 */
export async function findDocuments(db: AnyExecutor, request: FindRequest): Promise<Found> {
  const q = queryParts(request.query);
  const offset = (request.page - 1) * request.perPage;
  const counts = request.facets === false ? sql`select null::text as token, 0 as count, null::text as label where false` : facetCounts(request.language);
  const { rows } = await sql<{ candidates: number; total: number; hits: FoundHit[] | null; counts: Found['counts'] | null }>`
    with candidates as (
      select d.source, d.id, d.type, d.title, d.summary, d.url, d.language, d.terms, d.facets, d.facet_labels, d.weight, d.document,
        r.rank_any, r.rank_any * d.weight as pre_score, ${filterColumns(request.filters)}
      -- offset 0 keeps the rank a column of its own, computed once per document for the order and the score.
      from search_documents d, lateral (select ts_rank_cd(d.document, ${q.any}, 32) as rank_any offset 0) r
      where d.document @@ ${q.all}
      order by pre_score desc, d.title
      limit ${candidateLimit}
    ),
    scored as (
      select p.source, p.id, p.type, p.title, p.summary, p.url, p.language, p.pre_score,
        case when p.pre <= ${scoreLimit} then ((((p.rank_any + ts_rank_cd(p.document, ${q.exact}, 32)) / 2) + 0.35 * word_similarity(${q.raw}, p.terms)) * p.weight) end as score
      from (select c.*, row_number() over (order by c.pre_score desc, c.title) as pre from candidates c where c.failed = 0) p
    ),
    shown as (
      select * from scored
      order by ${hitOrder}
      offset (select greatest(0, least(${offset}::int, ((count(*)::int - 1) / ${request.perPage}::int) * ${request.perPage}::int)) from scored)
      limit ${request.perPage}::int
    ),
    counts as (${counts})
    select
      (select count(*)::int from candidates) as candidates,
      (select count(*)::int from scored) as total,
      (select json_agg(json_build_object('source', source, 'id', id, 'type', type, 'title', title, 'summary', summary, 'url', url,
        'language', language, 'score', coalesce(score, pre_score)) order by ${hitOrder}) from shown) as hits,
      (select json_agg(json_build_object('token', token, 'count', count, 'label', label)) from counts) as counts`.execute(db);
  const row = rows[0]!;
  return { candidates: Number(row.candidates), total: Number(row.total), hits: row.hits ?? [], counts: row.counts ?? [] };
}

/**
 * ts_headline of the given documents with the query's words marked, by `source:id`: the summary when it has
 * a match, the body otherwise. ts_headline parses the whole text it is given, which costs in proportion to
 * its length, and a body is many times the summary. A summary is marked whole, as a hit shows it without a
 * snippet; a body gives up to two passages.
 */
export async function headlines(db: AnyExecutor, query: CompiledQuery, keys: readonly { source: string; id: string }[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const q = sql`to_tsquery('german', ${query.any})`;
  const { rows } = await sql<{ source: string; id: string; headline: string }>`
    select d.source, d.id,
      -- Weighted as in the document, so that prefixes limited to title and summary (word:*AB) match.
      case when setweight(to_tsvector('german', d.summary), 'B') @@ ${q}
        then ts_headline('german', d.summary, ${q}, ${summaryHeadlineOptions})
        else ts_headline('german', d.body, ${q}, ${headlineOptions}) end as headline
    from search_documents d
    join unnest(${sql.val(keys.map((key) => key.source))}::text[], ${sql.val(keys.map((key) => key.id))}::text[]) as k(source, id)
      on d.source = k.source and d.id = k.id`.execute(db);
  return new Map(rows.map((row) => [`${row.source}:${row.id}`, row.headline]));
}

export interface WordCheck {
  word: string;
  /** Some document contains the word (as the search matches it), or it is a stop word. */
  known: boolean;
  /** The vocabulary's closest word and its trigram similarity, for the words no document contains. */
  suggestion: string | null;
  similarity: number | null;
}

/**
 * For each word, in one statement: whether a document contains it, and otherwise the nearest word of the
 * vocabulary (GiST nearest-neighbour search). Words in `absent` are known to be in no document (the search
 * for them alone found nothing) and are not looked for again. Run it through `withIndexScans`.
 */
export async function checkWords(db: AnyExecutor, words: readonly string[], absent: ReadonlySet<string> = new Set()): Promise<WordCheck[]> {
  if (words.length === 0) return [];
  // Each word's tsquery is its own parameter, a constant to the planner, which can then use the GIN index;
  // computed from unnest() it would be checked against every document.
  const checked = sql.join(
    words.map((word, index) => {
      const stopWord = sql`numnode(to_tsquery('german', ${word})) = 0`;
      if (absent.has(word)) return sql`(${index}::int, ${word}::text, ${stopWord})`;
      return sql`(${index}::int, ${word}::text, ${stopWord}
        or exists (select 1 from search_documents d where d.document @@ to_tsquery('german', ${`${word} | ${word}:*AB`})))`;
    }),
  );
  const { rows } = await sql<{ position: number; word: string; known: boolean; display: string | null; similarity: number | null }>`
    with w as materialized (select * from (values ${checked}) as v(position, word, known))
    select w.position, w.word, w.known, best.display, best.similarity
    from w left join lateral (
      select v.display, similarity(v.word, w.word) as similarity from search_words v order by v.word <-> w.word limit 1
    ) best on not w.known
    order by w.position`.execute(db);
  return rows.map((row) => ({ word: row.word, known: row.known, suggestion: row.display, similarity: row.similarity === null ? null : Number(row.similarity) }));
}

/**
 * Runs a search's statements in one transaction that lets the planner use the GIN index only. It judges
 * a sequential scan cheaper than it is, as it counts the match of a `tsvector` as one cheap operator: for
 * a word no document has, it reads every document (for "exists" it also expects an early match); for a
 * word a third of them have, the index halves the time (see docs/performance.md).
 */
export async function withIndexScans<T>(db: Db, task: (trx: AnyExecutor) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    return task(trx);
  });
}
