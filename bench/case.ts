import { performance } from 'node:perf_hooks';
import { buildApp } from '#kernel/http/app.ts';
import type { ModuleManifest } from '#kernel/module.ts';
import type { Platform } from '#kernel/platform.ts';
import { runLoad, type LoadRequest } from './load/generator.ts';

/** One database the benchmark runs on: the whole platform, listening on a loopback port. */
export interface BenchTarget {
  database: 'PGlite' | 'PostgreSQL';
  platform: Platform;
  /** `http://127.0.0.1:<port>` of the listening server. */
  baseUrl: string;
}

export interface Rate {
  operations: number;
  seconds: number;
  perSecond: number;
}

/** A figure and the baseline it is read against, both measured in the same run on the same target. */
export interface Comparison {
  /** Told apart from the case's other figures ("cache off"). */
  variant?: string;
  measured: { label: string; rate: Rate };
  baseline: { label: string; rate: Rate };
}

/**
 * A benchmark case. A module adds its own by writing `bench/cases/<name>.ts` and listing it in
 * `bench/run.ts`; `modules` lets a case bring the jobs or routes it measures with.
 */
export interface BenchCase {
  name: string;
  modules?: readonly ModuleManifest[];
  run(target: BenchTarget): Promise<Comparison | Comparison[]>;
}

export interface Load {
  count: number;
  concurrency: number;
  /** Stops early rather than overrun the run's time budget on a slow machine. */
  maxSeconds: number;
}

/** Runs `task` `count` times with `concurrency` callers at once and reports the rate achieved. */
export async function measure(load: Load, task: (index: number) => Promise<void>): Promise<Rate> {
  let issued = 0;
  const start = performance.now();
  const deadline = start + load.maxSeconds * 1000;
  const caller = async () => {
    while (issued < load.count && performance.now() < deadline) await task(issued++);
  };
  await Promise.all(Array.from({ length: load.concurrency }, caller));
  const seconds = (performance.now() - start) / 1000;
  return { operations: issued, seconds, perSecond: issued / seconds };
}

/** Seconds each HTTP figure is measured for, and the connections the load generator keeps open. */
export const httpLoad = { seconds: 8, connections: 8 };

/**
 * Requests `requests` (each connection walking the whole list) for a while from the load generator's own
 * process and reports the rate; any error or status other than 2xx fails the benchmark.
 */
export async function loadRate(baseUrl: string, requests: readonly LoadRequest[]): Promise<Rate> {
  const report = await runLoad({ baseUrl, requests, connections: httpLoad.connections, durationSeconds: httpLoad.seconds });
  if (report.errors > 0 || report.non2xx > 0) throw new Error(`${report.errors} errors and ${report.non2xx} answers other than 2xx under load: ${JSON.stringify(report.statusCodes)}`);
  return { operations: report.requests, seconds: report.seconds, perSecond: report.perSecond };
}

/**
 * A second server on the same platform (same database, modules and data) with the page cache switched off,
 * for the figure of a page rendered for every request. Close it when done; the platform stays.
 */
export async function serverWithoutPageCache(target: BenchTarget): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const { ctx } = target.platform;
  const cookieSecret = ctx.config.SESSION_SECRET;
  if (!cookieSecret) throw new Error('The benchmark sets SESSION_SECRET, so that both servers sign cookies alike');
  const app = await buildApp({ ...ctx, config: { ...ctx.config, PAGE_CACHE: 'off' } }, { cookieSecret });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { baseUrl: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/**
 * The figures of pages under load read against one baseline: from the platform's server (page cache on)
 * and from a second server on the same platform without the cache.
 */
export async function withAndWithoutPageCache(target: BenchTarget, label: string, pages: readonly LoadRequest[], baseline: Comparison['baseline']): Promise<Comparison[]> {
  const cached = { label, rate: await loadRate(target.baseUrl, pages) };
  const uncachedServer = await serverWithoutPageCache(target);
  try {
    const uncached = { label: 'the same, page cache off', rate: await loadRate(uncachedServer.baseUrl, pages) };
    return [
      { measured: cached, baseline },
      { variant: 'page cache off', measured: uncached, baseline },
    ];
  } finally {
    await uncachedServer.close();
  }
}

export const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

/** The value below which the given share of the sorted times lies (0.95: the p95). */
export const percentile = (sorted: readonly number[], share: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? 0;

/** Times of one kind of task, for its percentiles and its rate: what the latency cases compare. */
export class Timings {
  readonly times: number[] = [];

  async time<T>(task: () => Promise<T> | T): Promise<T> {
    const began = performance.now();
    const result = await task();
    this.times.push(performance.now() - began);
    return result;
  }

  quantile(share: number): number {
    return percentile([...this.times].sort((a, b) => a - b), share);
  }

  get p50(): number {
    return this.quantile(0.5);
  }

  get p95(): number {
    return this.quantile(0.95);
  }

  get rate(): Rate {
    const seconds = this.times.reduce((sum, time) => sum + time, 0) / 1000;
    return { operations: this.times.length, seconds, perSecond: this.times.length / seconds };
  }
}
