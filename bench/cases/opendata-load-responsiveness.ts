import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { percentile, serverWithoutPageCache, type BenchCase, type Comparison, type Rate } from '../case.ts';
import { benchRows, csvResource, uploadAndLoad, writeGermanCsv } from './opendata-datastore-file.ts';

/*
 * PGlite runs in the server's own process and holds it while a statement runs. While a million rows go from
 * upload to DataStore table, the data portal's search page is asked for five times a second, on a schedule
 * that does not wait for answers; each answer's time counts from when it was due, so a stalled process shows
 * in full (a request that could not even be sent is late too). Baseline: the same schedule with nothing
 * loading. The page cache is off, so every answer reads the database. Goal: p95 within 1 s while loading.
 */

const page = '/daten';
const interval = 200;
const baselineRequests = 50;

const ms = (value: number) => `${value.toFixed(0)} ms`;

/** Asks for the page on schedule until `until` settles (or `count` requests are due); the time of each answer from when it was due. */
async function onSchedule(baseUrl: string, until: { settled: boolean } | { count: number }): Promise<number[]> {
  const answers: Promise<number | Error>[] = [];
  const start = performance.now();
  for (let index = 0; 'count' in until ? index < until.count : !until.settled; index++) {
    const due = start + index * interval;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    answers.push(
      fetch(`${baseUrl}${page}`)
        .then(async (response) => {
          await response.arrayBuffer();
          if (response.status !== 200) throw new Error(`${page} answered ${response.status}`);
          return performance.now() - due;
        })
        // Held until all are in, so a failure is reported rather than left unhandled meanwhile.
        .catch((error: unknown) => error as Error),
    );
  }
  const times = await Promise.all(answers);
  const failure = times.find((time) => time instanceof Error);
  if (failure) throw failure;
  return times.filter((time): time is number => typeof time === 'number');
}

function figure(label: string, times: readonly number[]): { label: string; rate: Rate; p95: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const p95 = percentile(sorted, 0.95);
  const seconds = times.reduce((sum, time) => sum + time, 0) / 1000;
  return { label: `${label}, p50 ${ms(percentile(sorted, 0.5))}, p95 ${ms(p95)}, max ${ms(sorted.at(-1) ?? 0)}`, rate: { operations: times.length, seconds, perSecond: times.length / seconds }, p95 };
}

export const opendataLoadResponsivenessCase: BenchCase = {
  name: 'open data page while a DataStore loads',
  async run(target): Promise<Comparison[]> {
    // A server has connections and processes of its own; the question is PGlite's.
    if (target.database !== 'PGlite') return [];
    const { ctx } = target.platform;
    const rows = benchRows();
    const csv = await writeGermanCsv(rows);
    const server = await serverWithoutPageCache(target);
    const resource = await csvResource(ctx);
    try {
      await onSchedule(server.baseUrl, { count: 10 });
      const quiet = figure(`${page}, nothing loading`, await onSchedule(server.baseUrl, { count: baselineRequests }));
      const loading = { settled: false };
      const load = uploadAndLoad(ctx, resource.resourceId, csv.file).finally(() => (loading.settled = true));
      // Awaited below; until then a failure must not count as unhandled.
      load.catch(() => undefined);
      const during = await onSchedule(server.baseUrl, loading);
      const upload = await load;
      const busy = figure(`${page} while ${rows.toLocaleString('en-US')} rows load (${upload.seconds.toFixed(0)} s)`, during);
      console.log(`Page while loading on ${target.database}: ${during.length} requests, p95 ${ms(busy.p95)} (goal ≤ 1000 ms); nothing loading p95 ${ms(quiet.p95)}`);
      return [{ measured: { label: busy.label, rate: busy.rate }, baseline: { label: quiet.label, rate: quiet.rate } }];
    } finally {
      await server.close();
      await resource.cleanUp();
      await csv.remove();
    }
  },
};
