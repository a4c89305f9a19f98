import { sql, type RawBuilder } from 'kysely';
import type { Highlighted } from './module.ts';

/*
 * Shared pieces for modules that offer a search source, so that every source parses a query the same way
 * and scores on the same scale: the site merges their hits by score.
 */

/** Control characters no text contains: ts_headline marks matches with them, and `splitHighlights` splits on them. */
const markStart = '\u0002';
const markEnd = '\u0003';

/** Lower-cased words of a query (letters and digits only, so no tsquery syntax gets through); at most ten. */
export function searchWords(text: string): string[] {
  const words = text.toLocaleLowerCase('de-DE').match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.map((word) => word.slice(0, 50)))].slice(0, 10);
}

/**
 * A German tsquery source. Each word matches as itself (stemmed) anywhere, and as a prefix in the title and
 * summary (weights A and B): "hunde" finds "Hundesteuer" in a title, since the German stemmer does not split
 * compounds, while "perso" does not find every "Person" in a body text. `and` requires every word, `or`
 * ranks partial matches.
 */
export function prefixQuery(words: readonly string[], operator: 'and' | 'or'): string {
  return words.map((word) => `(${word} | ${word}:*AB)`).join(operator === 'and' ? ' & ' : ' | ');
}

/**
 * The part of the query that both the match and the score use, as SQL: `fts_all` (every word), `fts_any`
 * (any word) and `raw` (the words joined, for trigram similarity). Use it as `from my_table, (…) as q`.
 */
export function searchQuerySql(text: string): RawBuilder<{ fts_all: unknown; fts_any: unknown; raw: string }> {
  const words = searchWords(text);
  return sql`(select to_tsquery('german', ${prefixQuery(words, 'and')}) as fts_all, to_tsquery('german', ${prefixQuery(words, 'or')}) as fts_any, ${words.join(' ')}::text as raw)`;
}

/** Full-text rank of any word, normalised to 0…1; title words count most through the document's weights. */
export function searchRank(document: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`ts_rank_cd(${document}, q.fts_any, 32)`;
}

/**
 * The platform's relevance score: the full-text rank (every source weights its documents alike: A title and
 * synonyms, B keywords and summary, C body) plus a share of the trigram similarity between the query and
 * the document's terms, which lifts the entry whose title is the query. Sources that use it produce
 * comparable scores. The similarity is the expensive part: rank and limit first, then score the top rows.
 * Typos are handled before: a source corrects unknown words against its vocabulary and searches again.
 */
export function searchScore(rank: RawBuilder<unknown>, terms: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`(${rank} + 0.35 * word_similarity(q.raw, ${terms}))`;
}

/** Matches a document that contains every word of the query (as above). */
export function searchMatch(document: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`(${document} @@ q.fts_all)`;
}

/** ts_headline over a text column with the platform's marks: up to two passages of about twenty words. */
export function headlineSql(text: RawBuilder<unknown>): RawBuilder<string> {
  const options = `StartSel=${markStart}, StopSel=${markEnd}, MaxFragments=2, MaxWords=22, MinWords=8, FragmentDelimiter=" … "`;
  return sql<string>`ts_headline('german', ${text}, q.fts_any, ${options})`;
}

/** Splits ts_headline output into marked and unmarked pieces, so the view escapes every piece as text. */
export function splitHighlights(headline: string): Highlighted[] {
  const pieces: Highlighted[] = [];
  for (const part of headline.split(markStart)) {
    const [marked, rest] = part.includes(markEnd) ? (part.split(markEnd, 2) as [string, string]) : [undefined, part];
    if (marked) pieces.push({ text: marked, match: true });
    if (rest) pieces.push({ text: rest, match: false });
  }
  return pieces;
}

/** Removes the control characters the marks use (and any other), so stored text can never forge a mark. */
export function withoutControlCharacters(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}
