import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { systemActor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { AnyExecutor } from '#kernel/db/database.ts';
import { defineModule, type SearchDocument } from '#kernel/module.ts';
import { absentWords, corrected, fallbackBelow } from '#kernel/search/engine.ts';
import { findDocuments, headlines, withIndexScans } from '#kernel/search/query.ts';
import { compileQuery, thesaurusOf, type CompiledQuery } from '#kernel/search/thesaurus.ts';
import { erkelenzCatalog, seedCatalog } from '#modules/catalog/seed/index.ts';
import { importCatalog } from '#modules/catalog/service.transfer.ts';
import { searchEverywhere } from '#modules/site/search.ts';
import type { BenchCase, Rate } from '../case.ts';

const services = 5000;
const otherDocuments = 5000;
const rounds = 400;
const queries = ['Hunde', 'Personalausweis', 'Perso', 'Ummeldung', 'Wohngeld Antrag', 'Baugenehmigung', 'Kita', 'Persnalausweis', 'Sperrmüll', 'Geburtsurkunde'];
const districts = ['Erkelenz', 'Gerderath', 'Schwanenberg', 'Golkrath', 'Granterath', 'Lövenich', 'Kückhoven', 'Keyenberg', 'Holzweiler'];

/** A second module's documents (news), given to the kernel's search through its manifest like any module's. */
function newsDocuments(): SearchDocument[] {
  const topics = ['Hundesteuer', 'Stadtfest', 'Kita-Plätze', 'Baustelle', 'Wohngeld', 'Ratssitzung'];
  const subjects = ['Personalausweise', 'Ummeldungen', 'Sperrmüll', 'Geburten', 'Baugenehmigungen'];
  return Array.from({ length: otherDocuments }, (_, index) => {
    const i = index + 1;
    return { type: 'bench-news', id: `n${i}`, language: 'de', url: `/aktuelles/n${i}`, title: `Aus dem Rathaus ${i}: ${topics[i % 6]}`, summary: `Meldung ${i} über ${subjects[i % 5]} in Erkelenz.`, body: '' };
  });
}

const newsModule = defineModule({
  id: 'bench-news',
  search: { version: 1, types: [{ type: 'bench-news', label: 'catalog:kinds.office', weight: 1 }], documents: async () => newsDocuments() },
});

/** Services derived deterministically from the demo catalogue: same texts, one variant per district and number. */
function generatedCatalog(count: number) {
  const base = erkelenzCatalog();
  const generated = Array.from({ length: count }, (_, index) => {
    const template = base.services[index % base.services.length]!;
    const district = districts[index % districts.length]!;
    const draft = { ...template.draft, slug: `${template.draft.slug}-${index}`, title: `${template.draft.title} (${district}, Variante ${index})` };
    return { demo: true, draft, published: draft };
  });
  return { ...base, offices: [], lifeSituations: [], services: generated };
}

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))]!;
}

/** Runs the task once per query, `rounds` times in all, one at a time, and reports the rate and latencies. */
async function latencies(task: (query: string) => Promise<unknown>): Promise<{ rate: Rate; p50: number; p95: number }> {
  const times: number[] = [];
  const start = performance.now();
  for (let round = 0; round < rounds; round += 1) {
    const began = performance.now();
    await task(queries[round % queries.length]!);
    times.push(performance.now() - began);
  }
  const seconds = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  return { rate: { operations: rounds, seconds, perSecond: rounds / seconds }, p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

/**
 * Where the time of one search goes, part by part, as the kernel's search runs them: the statement without
 * facet counts (match, rank, score, page), the same with them, the snippets of the page shown, and the typo
 * fallback (checking the words, searching the corrected query) for the queries that find too little.
 */
async function profile(ctx: KernelContext): Promise<string[]> {
  const thesaurus = thesaurusOf(ctx.modules);
  const parts = { 'match and rank': [] as number[], 'match, rank and facets': [] as number[], snippets: [] as number[], 'typo fallback': [] as number[] };
  const timed = async <T>(part: keyof typeof parts, task: () => Promise<T>): Promise<T> => {
    const began = performance.now();
    const result = await task();
    parts[part].push(performance.now() - began);
    return result;
  };
  const find = (query: CompiledQuery, facets: boolean) => withIndexScans(ctx.db, (trx) => findDocuments(trx, { query, filters: {}, language: 'de', page: 1, perPage: 20, facets }));
  for (let round = 0; round < rounds / 2; round += 1) {
    const text = queries[round % queries.length]!;
    const parts = thesaurus.parse(text);
    const query = compileQuery(parts)!;
    await timed('match and rank', () => find(query, false));
    const found = await timed('match, rank and facets', () => find(query, true));
    await timed('snippets', () => withIndexScans(ctx.db, (trx) => headlines(trx, query, found.hits)));
    if (found.candidates < fallbackBelow) {
      await timed('typo fallback', async () => {
        const correction = await withIndexScans(ctx.db, (trx) => corrected(trx, thesaurus, text, absentWords(parts, found)));
        if (correction) await find(compileQuery(thesaurus.parse(correction.query))!, true);
      });
    }
  }
  return Object.entries(parts).map(([part, times]) => {
    const sorted = [...times].sort((a, b) => a - b);
    return sorted.length === 0 ? `  ${part}: not run` : `  ${part}: p50 ${ms(percentile(sorted, 0.5))}, p95 ${ms(percentile(sorted, 0.95))} (${sorted.length} runs)`;
  });
}

/**
 * The platform search (type weights, facets, snippets of the page shown, typo fallback and "did you mean")
 * against one plain full-text SQL statement over the same table (match, rank, first twenty), both over
 * 5,000 services and 5,000 news documents, one query at a time.
 */
export const catalogSearchCase: BenchCase = {
  name: 'catalogue search vs plain SQL',
  modules: [newsModule],
  async run({ platform, database }) {
    const { ctx } = platform;
    const existing = await ctx.db.withTables<{ catalog_entries: { kind: string } }>().selectFrom('catalog_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', 'service').executeTakeFirstOrThrow();
    if (Number(existing.n) === 0) await seedCatalog(ctx);
    const missing = services - erkelenzCatalog().services.length;
    const imported = await importCatalog(ctx, systemActor('bench'), generatedCatalog(missing));
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    const thesaurus = thesaurusOf(ctx.modules);
    const plainOn = (db: AnyExecutor, text: string) => {
      const query = compileQuery(thesaurus.parse(text))!;
      return sql`select id, title, ts_rank_cd(document, q.fts_any, 32) as score
        from search_documents, (select to_tsquery('german', ${query.all}) as fts_all, to_tsquery('german', ${query.any}) as fts_any) as q
        where document @@ q.fts_all order by score desc limit 20`.execute(db);
    };
    const plain = (text: string) => plainOn(ctx.db, text);
    for (const query of queries) await Promise.all([searchEverywhere(ctx, query, 'de'), plain(query)]);
    const full = await latencies((query) => searchEverywhere(ctx, query, 'de'));
    const baseline = await latencies(plain);
    // For orientation: the plain statement as the platform's search runs its own, the planner held to the index.
    const indexed = await latencies((text) => withIndexScans(ctx.db, (trx) => plainOn(trx, text)));
    console.log(`Search on ${database}, per part:\n${(await profile(ctx)).join('\n')}`);
    console.log(`  plain SQL with the index forced (not the baseline): p50 ${ms(indexed.p50)}, p95 ${ms(indexed.p95)}\n`);
    return {
      measured: { label: `searchEverywhere, p50 ${ms(full.p50)}, p95 ${ms(full.p95)}`, rate: full.rate },
      baseline: { label: `plain SQL, p50 ${ms(baseline.p50)}, p95 ${ms(baseline.p95)}`, rate: baseline.rate },
    };
  },
};
