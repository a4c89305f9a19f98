import { sql } from 'kysely';
import type { KernelContext } from '#kernel/context.ts';
import { Timings, type BenchCase, type BenchTarget, type Comparison } from '../case.ts';
import { benchRows, csvResource, districts, takeOver, uploadAndLoad, writeGermanCsv } from './opendata-datastore-file.ts';

/*
 * CKAN's datastore_search on the million-row table, as a client calls it over HTTP (a filter, the first 100
 * rows, the exact total), against the bare SQL it amounts to: the page and the count, sent side by side as
 * the DataStore sends them. Turns alternate in the same run. The table is the load case's when it ran
 * before on the same database, else loaded here.
 */

const warmUp = 5;
const rounds = Number(process.env.BENCH_DATASTORE_ROUNDS ?? 60);

const ms = (value: number) => `${value.toFixed(0)} ms`;

/** The action as a CKAN client sends it; the total it answers. */
async function viaAction(baseUrl: string, resourceId: string, district: string): Promise<number> {
  const query = new URLSearchParams({ resource_id: resourceId, filters: JSON.stringify({ stadtteil: district }), limit: '100' });
  const response = await fetch(`${baseUrl}/api/3/action/datastore_search?${query}`);
  const body = (await response.json()) as { success: boolean; result?: { total: number; records: unknown[] } };
  if (!response.ok || !body.success || !body.result) throw new Error(`datastore_search answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
  if (body.result.records.length !== 100) throw new Error(`datastore_search gave ${body.result.records.length} records`);
  return body.result.total;
}

/** The same page and count by hand. */
async function bare(ctx: KernelContext, resourceId: string, district: string): Promise<number> {
  const table = sql.id('datastore', resourceId);
  const [page, count] = await Promise.all([
    sql`select "_id", "nr", "stadtteil", "datum"::text as "datum", "betrag", "anzahl", "art", "geprueft", "bemerkung" from ${table} where "stadtteil" = ${district} order by "_id" limit 100`.execute(ctx.db),
    sql<{ n: number }>`select count(*)::int8 as n from ${table} where "stadtteil" = ${district}`.execute(ctx.db),
  ]);
  if (page.rows.length !== 100) throw new Error(`The bare statement gave ${page.rows.length} rows`);
  return Number(count.rows[0]!.n);
}

async function loadedTable(target: BenchTarget): Promise<{ resourceId: string; rows: number; cleanUp: () => Promise<void> }> {
  const handed = takeOver(target.database);
  if (handed) return handed;
  const rows = benchRows();
  const csv = await writeGermanCsv(rows);
  try {
    const resource = await csvResource(target.platform.ctx);
    await uploadAndLoad(target.platform.ctx, resource.resourceId, csv.file);
    return { resourceId: resource.resourceId, rows, cleanUp: resource.cleanUp };
  } finally {
    await csv.remove();
  }
}

export const opendataDatastoreSearchCase: BenchCase = {
  name: 'open data datastore_search vs bare SQL',
  async run(target): Promise<Comparison> {
    const { ctx } = target.platform;
    const table = await loadedTable(target);
    try {
      const measured = new Timings();
      const baseline = new Timings();
      const district = (round: number) => districts[round % districts.length]!;
      for (let round = 0; round < warmUp; round += 1) {
        await viaAction(target.baseUrl, table.resourceId, district(round));
        await bare(ctx, table.resourceId, district(round));
      }
      for (let round = 0; round < rounds; round += 1) {
        const action = () => measured.time(() => viaAction(target.baseUrl, table.resourceId, district(round)));
        const hand = () => baseline.time(() => bare(ctx, table.resourceId, district(round)));
        // Who goes first alternates, so both meet the machine in the same moods.
        let a: number;
        let b: number;
        if (round % 2 === 0) {
          a = await action();
          b = await hand();
        } else {
          b = await hand();
          a = await action();
        }
        if (a !== b) throw new Error(`The action and the bare SQL disagree on the total (${a} and ${b}) in round ${round}`);
      }
      const ratio = measured.quantile(0.95) / baseline.quantile(0.95);
      console.log(`datastore_search on ${target.database}, ${table.rows.toLocaleString('en-US')} rows, filter on a column, 100 rows and the exact total: p95 ratio (goal ≤ 1.5) ${ratio.toFixed(2)}; p50 ratio ${(measured.quantile(0.5) / baseline.quantile(0.5)).toFixed(2)}`);
      return {
        measured: { label: `datastore_search over HTTP, p50 ${ms(measured.quantile(0.5))}, p95 ${ms(measured.quantile(0.95))}`, rate: measured.rate },
        baseline: { label: `bare SQL, p50 ${ms(baseline.quantile(0.5))}, p95 ${ms(baseline.quantile(0.95))}`, rate: baseline.rate },
      };
    } finally {
      await table.cleanUp();
    }
  },
};
