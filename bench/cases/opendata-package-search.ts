import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { KernelContext } from '#kernel/context.ts';
import { opendataDb } from '#modules/opendata/repo.ts';
import { prefixQuery, searchDatasets } from '#modules/opendata/service.search.ts';
import { Timings, type BenchCase, type Comparison } from '../case.ts';

/*
 * package_search over 10,000 datasets: the catalogue's search as the portal and the CKAN API run it (the page
 * of whole datasets with organisation, resources and versions, and the exact count) against the one bare
 * statement a hand-written search would send for the same page (matching rows, rank, exact count by a window),
 * alternating turns in the same run. A harvester's query (everything changed since a date, a hundred a page)
 * is measured beside the citizens' word searches.
 */

const datasets = 10_000;
const warmUp = 30;
const rounds = 300;
const words = ['Einwohner', 'Lade', 'Abfall', 'Haushalt', 'Schulen', 'Parkplätze', 'Bäume', 'Wahlergebnisse', 'Radwege', 'Kita'];
const subjects = ['Einwohner nach Alter', 'Ladesäulen', 'Abfuhrtermine', 'Haushaltsplan', 'Schulen und Schüler', 'Parkplätze', 'Baumkataster', 'Wahlergebnisse', 'Radwegenetz', 'Kita-Plätze', 'Gewerbeanmeldungen', 'Luftmessungen'];
const districts = ['Erkelenz', 'Gerderath', 'Schwanenberg', 'Golkrath', 'Granterath', 'Lövenich', 'Kückhoven', 'Keyenberg', 'Holzweiler'];
const themes = ['SOCI', 'TRAN', 'ENVI', 'ECON', 'EDUC', 'GOVE', 'REGI', 'ENER'];
const formats = ['CSV', 'GEOJSON', 'XLSX', 'JSON', 'PDF'];

/** Ten thousand datasets in five organisations, each with one or two resources, written in batches. */
async function fill(ctx: KernelContext): Promise<string[]> {
  const db = opendataDb(ctx.db);
  const organizations: string[] = [];
  for (let n = 0; n < 5; n += 1) {
    const row = await db.insertInto('opendata_organizations').values({ name: `bench-amt-${n}`, title: `Benchmark-Amt ${n + 1}` }).returning('id').executeTakeFirstOrThrow();
    organizations.push(row.id);
  }
  for (let start = 0; start < datasets; start += 500) {
    const rows = Array.from({ length: Math.min(500, datasets - start) }, (_, offset) => {
      const i = start + offset;
      const subject = subjects[i % subjects.length]!;
      const district = districts[i % districts.length]!;
      return {
        name: `bench-${i}`,
        organization_id: organizations[i % organizations.length]!,
        state: i % 50 === 0 ? ('deleted' as const) : ('active' as const),
        title: `${subject} ${district} ${2000 + (i % 27)}`,
        description: `Datensatz ${i}: ${subject} im Stadtbezirk ${district}, jährlich fortgeschrieben, mit Erläuterungen zur Erhebung.`,
        keywords: [subject.split(' ')[0]!, district, `Jahr ${2000 + (i % 27)}`],
        themes: [themes[i % themes.length]!, themes[(i + 3) % themes.length]!],
        licence: i % 3 === 0 ? 'cc-by/4.0' : 'dl-zero-de/2.0',
        frequency: 'ANNUAL',
        spatial: ['05370004'],
        contact_email: 'daten@erkelenz.de',
        modified_at: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000),
      };
    });
    const inserted = await db.insertInto('opendata_datasets').values(rows).returning('id').execute();
    await db
      .insertInto('opendata_resources')
      .values(inserted.flatMap((row, offset) => [0, 1].slice(0, 1 + ((start + offset) % 2)).map((position) => ({ dataset_id: row.id, position, title: `Datei ${position + 1}`, format: formats[(start + offset + position) % formats.length]!, media_type: 'text/csv' }))))
      .execute();
  }
  await sql`analyze opendata_datasets`.execute(ctx.db);
  await sql`analyze opendata_resources`.execute(ctx.db);
  return organizations;
}

/** The bare statement: the page's rows, ranked, with the exact count in the same statement. */
function bareSearch(ctx: KernelContext, word: string | null, modifiedSince: Date | null, limit: number) {
  const tsquery = word ? prefixQuery(word) : null;
  return sql<{ id: string; total: number }>`
    select d.*, count(*) over () as total from opendata_datasets d
    where d.state = 'active'
      and (${tsquery}::text is null or d.search_vector @@ to_tsquery('german', ${tsquery}))
      and (${modifiedSince}::timestamptz is null or d.modified_at >= ${modifiedSince})
    order by ${tsquery ? sql`ts_rank(d.search_vector, to_tsquery('german', ${tsquery})) desc, ` : sql``}d.modified_at desc
    limit ${limit}`.execute(ctx.db);
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

async function compare(variant: string, measuredTask: (round: number) => Promise<number>, bareTask: (round: number) => Promise<number>): Promise<Comparison> {
  const measured = new Timings();
  const baseline = new Timings();
  for (let round = 0; round < warmUp; round += 1) {
    await measuredTask(round);
    await bareTask(round);
  }
  for (let round = 0; round < rounds; round += 1) {
    // Turns alternate, and so does who goes first, so both meet the machine in the same moods.
    const [first, second] = round % 2 === 0 ? [() => measured.time(() => measuredTask(round)), () => baseline.time(() => bareTask(round))] : [() => baseline.time(() => bareTask(round)), () => measured.time(() => measuredTask(round))];
    const [a, b] = [await first(), await second()];
    if (a !== b) throw new Error(`The search and the bare statement disagree on the count (${a} and ${b}) in round ${round}`);
  }
  console.log(`  ${variant}: p95 ratio (goal ≤ 1.5) ${(measured.p95 / baseline.p95).toFixed(2)}; p50 ratio ${(measured.p50 / baseline.p50).toFixed(2)}`);
  return {
    variant,
    measured: { label: `searchDatasets, p50 ${ms(measured.p50)}, p95 ${ms(measured.p95)}`, rate: measured.rate },
    baseline: { label: `bare statement, p50 ${ms(baseline.p50)}, p95 ${ms(baseline.p95)}`, rate: baseline.rate },
  };
}

export const opendataPackageSearchCase: BenchCase = {
  name: 'open data package_search vs bare SQL',
  async run({ platform, database }) {
    const { ctx } = platform;
    const started = performance.now();
    const organizations = await fill(ctx);
    console.log(`package_search on ${database}: ${datasets.toLocaleString('en-US')} datasets set up in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    const since = (round: number) => new Date(Date.UTC(2026, 0, 1) + ((round * 37) % datasets) * 3_600_000);
    const figures = [
      await compare(
        'a word, 10 a page',
        async (round) => (await searchDatasets(ctx, { text: words[round % words.length], limit: 10 })).count,
        async (round) => Number((await bareSearch(ctx, words[round % words.length]!, null, 10)).rows[0]?.total ?? 0),
      ),
      await compare(
        'changed since, 100 a page (harvester)',
        async (round) => (await searchDatasets(ctx, { modifiedSince: since(round), sort: 'modified', limit: 100 })).count,
        async (round) => Number((await bareSearch(ctx, null, since(round), 100)).rows[0]?.total ?? 0),
      ),
    ];
    await sql`delete from opendata_resources where dataset_id in (select id from opendata_datasets where organization_id in (${sql.join(organizations)}))`.execute(ctx.db);
    await sql`delete from opendata_datasets where organization_id in (${sql.join(organizations)})`.execute(ctx.db);
    await sql`delete from opendata_organizations where id in (${sql.join(organizations)})`.execute(ctx.db);
    return figures;
  },
};
