import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { systemActor } from '#kernel/auth/actor.ts';
import { defineModule, type SearchSource } from '#kernel/module.ts';
import { headlineSql, searchMatch, searchQuerySql, searchRank, searchScore, searchWords, splitHighlights } from '#kernel/search.ts';
import { erkelenzCatalog, seedCatalog } from '#modules/catalog/seed/index.ts';
import { importCatalog } from '#modules/catalog/service.transfer.ts';
import { searchEverywhere } from '#modules/site/search.ts';
import type { BenchCase, Rate } from '../case.ts';

const services = 5000;
const otherDocuments = 5000;
const rounds = 400;
const queries = ['Hunde', 'Personalausweis', 'Perso', 'Ummeldung', 'Wohngeld Antrag', 'Baugenehmigung', 'Kita', 'Persnalausweis', 'Sperrmüll', 'Geburtsurkunde'];
const districts = ['Erkelenz', 'Gerderath', 'Schwanenberg', 'Golkrath', 'Granterath', 'Lövenich', 'Kückhoven', 'Keyenberg', 'Holzweiler'];

/** A second module's documents (news), searched through the same contract as the catalogue. */
const newsSource: SearchSource = {
  types: [{ type: 'bench-news', label: 'catalog:kinds.office', weight: 1 }],
  async search(db, request) {
    if (searchWords(request.text).length === 0) return [];
    const { rows } = await sql<{ id: string; title: string; summary: string; score: number }>`
      select n.id, n.title, n.summary, ${searchScore(searchRank(sql`n.document`), sql`n.title`)} as score
      from bench_news n, ${searchQuerySql(request.text)} as q where ${searchMatch(sql`n.document`)} order by score desc limit ${request.limit}`.execute(db);
    return rows.map((row) => ({ type: 'bench-news', id: row.id, title: row.title, summary: row.summary, url: `/aktuelles/${row.id}`, score: Number(row.score) }));
  },
  async highlight(db, request, ids) {
    const { rows } = await sql<{ id: string; headline: string }>`
      select n.id, ${headlineSql(sql`n.summary`)} as headline from bench_news n, ${searchQuerySql(request.text)} as q where n.id = any(${sql.val([...ids])})`.execute(db);
    return new Map(rows.map((row) => [row.id, splitHighlights(row.headline)]));
  },
};

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
 * The platform search (all sources, type weights, facets, snippets of the page shown, typo fallback and
 * "did you mean") against the same query as one plain full-text SQL statement over the same tables,
 * both over 5,000 services and 5,000 news documents, one query at a time.
 */
export const catalogSearchCase: BenchCase = {
  name: 'catalogue search vs plain SQL',
  modules: [defineModule({ id: 'bench-news', search: newsSource })],
  async run({ platform }) {
    const { ctx } = platform;
    const existing = await ctx.db.withTables<{ catalog_entries: { kind: string } }>().selectFrom('catalog_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', 'service').executeTakeFirstOrThrow();
    if (Number(existing.n) === 0) await seedCatalog(ctx);
    const missing = services - erkelenzCatalog().services.length;
    const imported = await importCatalog(ctx, systemActor('bench'), generatedCatalog(missing));
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    await sql`drop table if exists bench_news`.execute(ctx.db);
    await sql`create table bench_news (id text primary key, title text not null, summary text not null, document tsvector not null)`.execute(ctx.db);
    await sql`
      insert into bench_news (id, title, summary, document)
      select 'n' || i, title, summary, setweight(to_tsvector('german', title), 'A') || setweight(to_tsvector('german', summary), 'B')
      from (select i, 'Aus dem Rathaus ' || i || ': ' || (array['Hundesteuer', 'Stadtfest', 'Kita-Plätze', 'Baustelle', 'Wohngeld', 'Ratssitzung'])[1 + i % 6] as title,
                   'Meldung ' || i || ' über ' || (array['Personalausweise', 'Ummeldungen', 'Sperrmüll', 'Geburten', 'Baugenehmigungen'])[1 + i % 5] || ' in Erkelenz.' as summary
            from generate_series(1, ${otherDocuments}) as i) as generated`.execute(ctx.db);
    await sql`create index bench_news_document_idx on bench_news using gin (document)`.execute(ctx.db);
    const search = { ...ctx, modules: ctx.modules };
    const plain = (query: string) =>
      sql`select id, title from (
            select s.entry_id::text as id, s.title, ts_rank_cd(s.document, q.fts_any, 32) as score from catalog_search s, ${searchQuerySql(query)} as q where s.document @@ q.fts_all
            union all
            select n.id, n.title, ts_rank_cd(n.document, q.fts_any, 32) from bench_news n, ${searchQuerySql(query)} as q where n.document @@ q.fts_all
          ) as hits order by score desc limit 20`.execute(ctx.db);
    try {
      for (const query of queries) await Promise.all([searchEverywhere(search, query, 'de'), plain(query)]);
      const full = await latencies((query) => searchEverywhere(search, query, 'de'));
      const baseline = await latencies(plain);
      return {
        measured: { label: `searchEverywhere, p50 ${ms(full.p50)}, p95 ${ms(full.p95)}`, rate: full.rate },
        baseline: { label: `plain SQL, p50 ${ms(baseline.p50)}, p95 ${ms(baseline.p95)}`, rate: baseline.rate },
      };
    } finally {
      await sql`drop table if exists bench_news`.execute(ctx.db);
    }
  },
};
