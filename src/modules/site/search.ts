import type { Language } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { SearchHit, SearchRequest, SearchSource } from '#kernel/module.ts';
import { searchWords } from '#kernel/search.ts';

/** The facet of document types; every other facet is named by the source that declares it. */
export const typeFacet = 'typ';

/** The most hits each source hands over; facets are counted over these. */
const perSourceLimit = 500;

export interface SearchOptions {
  /** Chosen facet values by facet name (`typ`, `lebenslage`, …); within a facet any value matches. */
  filters?: Readonly<Record<string, readonly string[]>>;
  page?: number;
  perPage?: number;
  /** Snippets cost a second round to the sources; suggestions as you type do without. */
  snippets?: boolean;
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
  /** The query with unknown words replaced by the closest known ones, when there are such. */
  didYouMean: string | null;
  /** A source had more hits than it hands over: `total` is then the least there are, not all. */
  totalIsAtLeast: boolean;
}

/** The search itself found nothing, as opposed to filters that leave nothing of what it found. */
export function foundNothing(results: SearchResults): boolean {
  return results.facets.every((facet) => facet.values.length === 0);
}

function sourcesOf(ctx: KernelContext): SearchSource[] {
  return ctx.modules.flatMap((module) => (module.search ? [module.search] : []));
}

/** Facet names any source declares, with their label keys; the site's search form accepts exactly these. */
export function facetNames(ctx: KernelContext): { name: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const source of sourcesOf(ctx)) for (const facet of source.facets ?? []) if (!seen.has(facet.name)) seen.set(facet.name, facet.label);
  return [...seen].map(([name, label]) => ({ name, label }));
}

function valuesOf(hit: SearchHit, facet: string): string[] {
  if (facet === typeFacet) return [hit.type];
  return (hit.facets?.[facet] ?? []).map((value) => value.value);
}

function passes(hit: SearchHit, filters: Readonly<Record<string, readonly string[]>>, except?: string): boolean {
  return Object.entries(filters).every(([facet, chosen]) => facet === except || chosen.length === 0 || valuesOf(hit, facet).some((value) => chosen.includes(value)));
}

/**
 * Counts each facet's values over the hits that pass every other facet's filter, so a chosen value never
 * hides the alternatives beside it (choosing "Leistung" still shows how many offices match).
 */
function countFacets(ctx: KernelContext, language: Language, hits: SearchHit[], filters: Readonly<Record<string, readonly string[]>>): FacetSummary[] {
  const t = ctx.i18n.getFixedT(language);
  const types = new Map(sourcesOf(ctx).flatMap((source) => source.types.map((type) => [type.type, type.label] as const)));
  const weights = new Map(sourcesOf(ctx).flatMap((source) => source.types.map((type) => [type.type, type.weight] as const)));
  const dimensions = [{ name: typeFacet, label: 'site:search.facets.type' }, ...facetNames(ctx)];
  return dimensions.map(({ name, label }) => {
    const counts = new Map<string, FacetCount>();
    const chosen = filters[name] ?? [];
    for (const hit of hits.filter((candidate) => passes(candidate, filters, name))) {
      const values = name === typeFacet ? [{ value: hit.type, label: t(types.get(hit.type) ?? hit.type) }] : (hit.facets?.[name] ?? []);
      for (const { value, label: valueLabel } of values) {
        const entry = counts.get(value) ?? { value, label: valueLabel, count: 0, selected: chosen.includes(value) };
        entry.count += 1;
        counts.set(value, entry);
      }
    }
    // Kinds keep their ranking order (services first); other facets list the most frequent value first.
    const weight = (value: FacetCount) => (name === typeFacet ? (weights.get(value.value) ?? 1) : 0);
    const values = [...counts.values()].sort((a, b) => weight(b) - weight(a) || b.count - a.count || a.label.localeCompare(b.label, 'de'));
    return { name, label: t(label), values };
  });
}

/**
 * "Did you mean": every word no source knows is replaced by the closest word any source knows. Null when
 * every word is known or nothing close was found.
 */
async function correction(ctx: KernelContext, query: string, language: Language): Promise<string | null> {
  const words = searchWords(query).filter((word) => word.length >= 3);
  const spellers = sourcesOf(ctx).flatMap((source) => (source.spell ? [source.spell] : []));
  if (words.length === 0 || spellers.length === 0) return null;
  const checks = (await Promise.all(spellers.map((spell) => spell(ctx.db, words, language)))).flat();
  let changed = false;
  const corrected = searchWords(query).map((word) => {
    const about = checks.filter((check) => check.word === word);
    if (about.length === 0 || about.some((check) => check.known)) return word;
    const best = about.flatMap((check) => (check.suggestion ? [check.suggestion] : [])).sort((a, b) => b.similarity - a.similarity)[0];
    if (!best || best.word.toLocaleLowerCase('de-DE') === word) return word;
    changed = true;
    return best.word;
  });
  return changed ? corrected.join(' ') : null;
}

/**
 * Asks every module's search source, weighs the hits by type (a service before a news item of the same
 * relevance), counts facets, applies the chosen filters, pages, and fetches snippets for the page shown.
 */
export async function searchEverywhere(ctx: KernelContext, query: string, language: Language, options: SearchOptions = {}): Promise<SearchResults> {
  const perPage = options.perPage ?? 20;
  const filters = options.filters ?? {};
  const sources = sourcesOf(ctx);
  const request: SearchRequest = { text: query, language, limit: perSourceLimit };
  const weights = new Map(sources.flatMap((source) => source.types.map((type) => [type.type, type.weight] as const)));
  const [results, didYouMean] = await Promise.all([
    Promise.all(sources.map((source) => source.search(ctx.db, request))),
    options.snippets === false ? Promise.resolve(null) : correction(ctx, query, language),
  ]);
  const all = results
    .flat()
    .map((hit) => ({ ...hit, score: hit.score * (weights.get(hit.type) ?? 1) }))
    .sort((a, b) => b.score - a.score || a.title.localeCompare(b.title, 'de'));
  const matching = all.filter((hit) => passes(hit, filters));
  const pages = Math.max(1, Math.ceil(matching.length / perPage));
  const page = Math.min(Math.max(1, options.page ?? 1), pages);
  const shown = matching.slice((page - 1) * perPage, page * perPage);
  if (options.snippets !== false) await addSnippets(ctx, sources, request, shown);
  const totalIsAtLeast = results.some((hits) => hits.length >= perSourceLimit);
  return { hits: shown, total: matching.length, page, pages, perPage, facets: countFacets(ctx, language, all, filters), didYouMean, totalIsAtLeast };
}

async function addSnippets(ctx: KernelContext, sources: SearchSource[], request: SearchRequest, hits: SearchHit[]): Promise<void> {
  await Promise.all(
    sources.map(async (source) => {
      const own = new Set(source.types.map((type) => type.type));
      const mine = hits.filter((hit) => own.has(hit.type));
      if (!source.highlight || mine.length === 0) return;
      const snippets = await source.highlight(ctx.db, request, mine.map((hit) => hit.id));
      for (const hit of mine) {
        const snippet = snippets.get(hit.id);
        if (snippet && snippet.some((piece) => piece.match)) hit.snippet = snippet;
      }
    }),
  );
}
