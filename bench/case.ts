import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { ModuleManifest } from '#kernel/module.ts';
import type { Platform } from '#kernel/platform.ts';

/** One database the benchmark runs on: the whole platform, listening on a loopback port. */
export interface BenchTarget {
  database: 'PGlite' | 'PostgreSQL';
  platform: Platform;
  /** `http://127.0.0.1:<port>` of the listening server. */
  baseUrl: string;
  /** Keep-alive agent, one socket per concurrent client. */
  agent: http.Agent;
}

export interface Rate {
  operations: number;
  seconds: number;
  perSecond: number;
}

/** A figure and the baseline it is read against, both measured in the same run on the same target. */
export interface Comparison {
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
  run(target: BenchTarget): Promise<Comparison>;
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

/** GETs a URL over the agent and returns the body's size; anything but 200 is a failed benchmark. */
export function get(target: BenchTarget, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(`${target.baseUrl}${path}`, { agent: target.agent }, (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => (bytes += chunk.length));
        response.on('error', reject);
        response.on('end', () => (response.statusCode === 200 ? resolve(bytes) : reject(new Error(`GET ${path} answered ${response.statusCode}`))));
      })
      .on('error', reject);
  });
}
