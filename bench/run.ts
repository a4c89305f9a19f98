import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '#kernel/config.ts';
import type { DatabaseTarget } from '#kernel/db/database.ts';
import { createPlatform } from '#kernel/platform.ts';
import { seedCatalog } from '#modules/catalog/seed/index.ts';
import { modules } from '#modules/index.ts';
import type { BenchCase, BenchTarget, Comparison } from './case.ts';
import { applicationsSubmitCase } from './cases/applications-submit.ts';
import { appointmentsFreeSlotsCase } from './cases/appointments-free-slots.ts';
import { catalogSearchCase } from './cases/catalog-search.ts';
import { catalogServicePageCase } from './cases/catalog-service-page.ts';
import { homePageCase } from './cases/home-page.ts';
import { jobsInTransactionCase } from './cases/jobs-in-transaction.ts';
import { notifyLettersCase } from './cases/notify-letters.ts';
import { notifyMessagesCase } from './cases/notify-messages.ts';
import { opendataDatastoreLoadCase } from './cases/opendata-datastore-load.ts';
import { opendataDatastoreSearchCase } from './cases/opendata-datastore-search.ts';
import { opendataLoadResponsivenessCase } from './cases/opendata-load-responsiveness.ts';
import { opendataPackageSearchCase } from './cases/opendata-package-search.ts';
import { opendataUpload50kCase } from './cases/opendata-upload-50k.ts';
import { profilePages } from './profile.ts';
import { benchStartup } from './startup.ts';

/*
 * `npm run bench`: throughput of the platform's hot paths, each read against a baseline measured in the same
 * run. PGlite always (in a temporary directory); PostgreSQL when BENCH_DATABASE_URL is set, which the
 * platform migrates like any database it starts on, so point it at a throwaway one.
 */

/** Every case, in the order they run. A module adds its own here. */
const allCases: readonly BenchCase[] = [homePageCase, jobsInTransactionCase, notifyMessagesCase, notifyLettersCase, catalogServicePageCase, catalogSearchCase, applicationsSubmitCase, appointmentsFreeSlotsCase, opendataPackageSearchCase, opendataUpload50kCase, opendataDatastoreLoadCase, opendataDatastoreSearchCase, opendataLoadResponsivenessCase];

/** `npm run bench -- page search` runs the cases whose names contain any of the words given. */
const wanted = process.argv.slice(2).map((word) => word.toLowerCase());
const cases = wanted.length === 0 ? allCases : allCases.filter((benchCase) => wanted.some((word) => benchCase.name.toLowerCase().includes(word)));

interface Row extends Comparison {
  database: BenchTarget['database'];
  name: string;
}

/** Builds the platform as `npm start` does, on one database, runs every case against it, and tears it down. */
async function runOn(database: BenchTarget['database'], target: DatabaseTarget, dataDir: string): Promise<Row[]> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    DEMO_DATA: 'false',
    SESSION_SECRET: 'benchmark-secret-that-is-long-enough-to-sign',
  });
  const platform = await createPlatform({ config, modules: [...modules, ...cases.flatMap((c) => c.modules ?? [])], database: target });
  try {
    await platform.app.listen({ port: 0, host: '127.0.0.1' });
    const address = platform.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const bench: BenchTarget = { database, platform, baseUrl: `http://127.0.0.1:${port}` };
    const rows: Row[] = [];
    if (wanted.length === 0 || wanted.includes('profile')) {
      await seedCatalog(platform.ctx);
      await profilePages(bench);
    }
    for (const benchCase of cases) {
      const figures = [await benchCase.run(bench)].flat();
      for (const figure of figures) rows.push({ database, ...figure, name: figure.variant ? `${benchCase.name}, ${figure.variant}` : benchCase.name });
    }
    return rows;
  } finally {
    await platform.close();
  }
}

const rate = (perSecond: number) => `${Math.round(perSecond).toLocaleString('en-US')}/s`;

function printTable(rows: Row[]) {
  const lines = [
    ['database', 'case', 'measured', 'rate', 'baseline', 'rate', 'ratio'],
    ...rows.map((row) => [
      row.database,
      row.name,
      row.measured.label,
      rate(row.measured.rate.perSecond),
      row.baseline.label,
      rate(row.baseline.rate.perSecond),
      (row.measured.rate.perSecond / row.baseline.rate.perSecond).toFixed(2),
    ]),
  ];
  const widths = lines[0]!.map((_, column) => Math.max(...lines.map((line) => line[column]!.length)));
  const numeric = new Set([3, 5, 6]);
  for (const [index, line] of lines.entries()) {
    console.log(line.map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  '));
    if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  }
  const counts = new Map(rows.map((row) => [row.name, `${row.name}: ${row.measured.rate.operations} + ${row.baseline.rate.operations}`]));
  console.log(`\nratio = measured / baseline, same run, same target. Operations measured per figure: ${[...counts.values()].join('; ')}.`);
  console.log('HTTP figures: autocannon in a process of its own, 8 connections, 8 s per figure, keep-alive over loopback.');
}

async function main() {
  const started = performance.now();
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'erk-bench-'));
  console.log(`Node ${process.version}, ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model ?? ''}\n`);
  try {
    if (wanted.length === 0 || wanted.some((word) => 'start-up'.includes(word))) await benchStartup();
    const rows = await runOn('PGlite', { kind: 'pglite', dataDir: path.join(scratch, 'db') }, scratch);
    const postgres = process.env.BENCH_DATABASE_URL;
    if (postgres) rows.push(...(await runOn('PostgreSQL', { kind: 'postgres', url: postgres }, scratch)));
    else console.log('BENCH_DATABASE_URL is not set: PostgreSQL skipped.\n');
    printTable(rows);
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
  console.log(`\nTook ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

await main();
