import type { Language } from '../auth/actor.ts';
import type { KernelContext } from '../context.ts';
import { translator } from '../i18n/i18n.ts';
import type { ModuleManifest, SearchHit, SearchSource } from '../module.ts';
import { typeFacet } from './documents.ts';
import type { AnyExecutor } from '../db/database.ts';
import { candidateLimit, checkWords, findDocuments, headlines, withIndexScans, type Found } from './query.ts';
import { searchWords, splitHighlights } from './text.ts';
import { compileQuery, thesaurusOf, type QueryPart, type Thesaurus } from './thesaurus.ts';

export interface SearchOptions {
  /** Chosen facet values by facet name (`typ`, `lebenslage`, …); within a facet any value matches. */
  filters?: Readonly<Record<string, readonly string[]>>;
  page?: number;
  perPage?: number;
  /** Snippets cost a second statement; suggestions as you type do without. */
  snippets?: boolean;
  /** Without, no facets are counted and `facets` is empty (suggestions as you type show none). */
  facets?: boolean;
}

export interface FacetCount {
  value: string;
  label: string;
  count: number;
  selected: boolean;
}

export interface FacetSummary {
  name: string;
  label: string;
  values: FacetCount[];
}

export interface SearchResults {
  hits: SearchHit[];
  total: number;
  page: number;
  pages: number;
  perPage: number;
  facets: FacetSummary[];
  /** The query with unknown words replaced by the closest known ones, when the search found too little. */
  didYouMean: string | null;
  /** More documents matched than the search ranks: `total` is then the least there are, not all. */
  totalIsAtLeast: boolean;
}

/** Fewer matches than this and the search tries the query with its misspelt words corrected. */
export const fallbackBelow = 3;

/** Below this trigram similarity a word is not offered as the spelling someone meant. */
const minimumSimilarity = 0.4;

function sourcesOf(modules: readonly ModuleManifest[]): SearchSource[] {
  return modules.flatMap((module) => (module.search ? [module.search] : []));
}

/** Facet names any source declares, with their label keys; the search form accepts exactly these. */
export function facetNames(ctx: Pick<KernelContext, 'modules'>): { name: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const source of sourcesOf(ctx.modules)) for (const facet of source.facets ?? []) if (!seen.has(facet.name)) seen.set(facet.name, facet.label);
  return [...seen].map(([name, label]) => ({ name, label }));
}

/** The search itself found nothing, as opposed to filters that leave nothing of what it found. */
export function foundNothing(results: SearchResults): boolean {
  return results.facets.every((facet) => facet.values.length === 0);
}

/** The counted tokens as facets: the type first, in ranking order, then every declared facet, most frequent value first. */
function facetSummaries(ctx: KernelContext, language: Language, found: Found, filters: Readonly<Record<string, readonly string[]>>): FacetSummary[] {
  const t = translator(ctx.i18n, language);
  const types = new Map(sourcesOf(ctx.modules).flatMap((source) => source.types.map((type) => [type.type, type] as const)));
  const dimensions = [{ name: typeFacet, label: 'kernel:search.typeFacet' }, ...facetNames(ctx)];
  return dimensions.map(({ name, label }) => {
    const chosen = filters[name] ?? [];
    const values = found.counts.flatMap(({ token, count, label: valueLabel }) => {
      const split = token.indexOf(':');
      if (token.slice(0, split) !== name) return [];
      const value = token.slice(split + 1);
      const shown = name === typeFacet ? t(types.get(value)?.label ?? value) : (valueLabel ?? value);
      return [{ value, label: shown, count, selected: chosen.includes(value) }];
    });
    const weight = (value: FacetCount) => (name === typeFacet ? (types.get(value.value)?.weight ?? 1) : 0);
    values.sort((a, b) => weight(b) - weight(a) || b.count - a.count || a.label.localeCompare(b.label, 'de'));
    return { name, label: t(label), values };
  });
}

/**
 * The query with every word no document contains replaced by the closest word of the vocabulary: for the
 * search (lower case) and for "did you mean" (as the documents spell it). Null when nothing was replaced.
 */
export async function corrected(db: AnyExecutor, thesaurus: Thesaurus, text: string, absent: ReadonlySet<string> = new Set()): Promise<{ query: string; shown: string } | null> {
  const words = searchWords(text);
  const doubtful = words.filter((word) => word.length >= 3 && !thesaurus.knows(word));
  const checks = new Map((await checkWords(db, doubtful, absent)).map((check) => [check.word, check]));
  let changed = false;
  // Words kept are shown as they were typed ("Hund", not "hund").
  const typed = new Map<string, string>();
  for (const token of text.match(/[\p{L}\p{N}]+/gu) ?? []) if (!typed.has(token.toLocaleLowerCase('de-DE'))) typed.set(token.toLocaleLowerCase('de-DE'), token);
  const shown = words.map((word) => {
    const check = checks.get(word);
    const asTyped = typed.get(word) ?? word;
    if (!check || check.known || !check.suggestion || (check.similarity ?? 0) < minimumSimilarity) return asTyped;
    if (check.suggestion.toLocaleLowerCase('de-DE') === word) return asTyped;
    changed = true;
    return check.suggestion;
  });
  return changed ? { query: shown.join(' ').toLocaleLowerCase('de-DE'), shown: shown.join(' ') } : null;
}

/** A query of one word that found nothing: that word is in no document, as the word check would find too. */
export function absentWords(parts: readonly QueryPart[], found: Found): Set<string> {
  const only = parts.length === 1 ? parts[0] : undefined;
  return found.candidates === 0 && only?.kind === 'word' ? new Set([only.word]) : new Set();
}

async function addSnippets(db: AnyExecutor, query: NonNullable<ReturnType<typeof compileQuery>>, hits: SearchHit[]): Promise<void> {
  const snippets = await headlines(db, query, hits);
  for (const hit of hits) {
    const snippet = splitHighlights(snippets.get(`${hit.source}:${hit.id}`) ?? '');
    if (snippet.some((piece) => piece.match)) hit.snippet = snippet;
  }
}

function emptyResults(ctx: KernelContext, language: Language, perPage: number): SearchResults {
  return { hits: [], total: 0, page: 1, pages: 1, perPage, facets: facetSummaries(ctx, language, { candidates: 0, total: 0, hits: [], counts: [] }, {}), didYouMean: null, totalIsAtLeast: false };
}

/**
 * The platform-wide search over every module's documents: one statement for the page of hits, the total
 * and the facets; a second for the snippets of the page shown, when asked for; and, only when the search
 * found too little, the query with its misspelt words corrected, searched again and offered as "did you mean".
 */
export async function searchDocuments(ctx: KernelContext, text: string, language: Language, options: SearchOptions = {}): Promise<SearchResults> {
  const perPage = options.perPage ?? 20;
  const filters = options.filters ?? {};
  const thesaurus = thesaurusOf(ctx.modules);
  const parts = thesaurus.parse(text);
  const exact = compileQuery(parts);
  if (!exact) return emptyResults(ctx, language, perPage);
  return withIndexScans(ctx.db, async (trx) => {
    const find = (query: NonNullable<typeof exact>) => findDocuments(trx, { query, filters, language, page: Math.max(1, options.page ?? 1), perPage, facets: options.facets });
    let query = exact;
    let found = await find(exact);
    let didYouMean: string | null = null;
    if (found.candidates < fallbackBelow) {
      const correction = await corrected(trx, thesaurus, text, absentWords(parts, found));
      const alternative = correction ? compileQuery(thesaurus.parse(correction.query)) : null;
      if (correction && alternative) {
        didYouMean = correction.shown;
        // What the words as typed found stays; only where they found nothing do the corrected words' hits show.
        if (found.candidates === 0) {
          query = alternative;
          found = await find(alternative);
        }
      }
    }
    const pages = Math.max(1, Math.ceil(found.total / perPage));
    const page = Math.min(Math.max(1, options.page ?? 1), pages);
    const hits: SearchHit[] = found.hits.map((hit) => ({ source: hit.source, type: hit.type, id: hit.id, title: hit.title, summary: hit.summary, url: hit.url, score: hit.score, lang: hit.language }));
    if (options.snippets !== false) await addSnippets(trx, query, hits);
    return { hits, total: found.total, page, pages, perPage, facets: options.facets === false ? [] : facetSummaries(ctx, language, found, filters), didYouMean, totalIsAtLeast: found.candidates >= candidateLimit };
  });
}
