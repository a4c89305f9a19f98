import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '#kernel/config.ts';
import type { KernelContext } from '#kernel/context.ts';
import { openDatabase, type DatabaseTarget } from '#kernel/db/database.ts';
import { createContext } from '#kernel/platform.ts';
import { deliveredTo } from '#kernel/events/repo.ts';
import type { EventTables } from '#kernel/events/tables.ts';
import { killTestModules, killTestSubscriber } from './kill-modules.ts';
import { createProbeTable, deliveryJobs, probeNoted, sideEffects } from './probe.ts';
import { databaseForTwoProcesses } from './shared-database.ts';

/*
 * At least once, with effect exactly once, when it matters: a worker is killed (SIGKILL, no chance to tidy
 * up) after the subscriber's transaction committed and before pg-boss marked the job completed. A worker
 * started afterwards meets the job again; the delivery record makes the second run a no-op.
 */

const worker = path.join(import.meta.dirname, 'kill-worker.ts');
let shared: Awaited<ReturnType<typeof databaseForTwoProcesses>>;
let dataDir: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  shared = await databaseForTwoProcesses();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'erk-kill-'));
});
afterAll(async () => {
  // A worker left running by a failed test would hold the database.
  for (const child of children) kill(child);
  await shared?.drop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** Opens the shared database in this process for a moment; PGlite's data directory allows one process at a time. */
async function withPlatform<T>(target: DatabaseTarget, use: (ctx: KernelContext) => Promise<T>): Promise<T> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, DEMO_DATA: 'false' });
  const ctx = await createContext({ config, modules: killTestModules, database: await openDatabase(target), skipMigrations: true });
  try {
    return await use(ctx);
  } finally {
    await ctx.jobs.stop();
    await ctx.database.close();
  }
}

function startWorker(mode: 'die-before-complete' | 'recover', target: DatabaseTarget) {
  const child = spawn(process.execPath, ['--import', 'tsx', worker, mode, JSON.stringify(target)], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, output: () => stdout, errors: () => stderr };
}

/** Resolves with the line once the worker prints it; fails with what the worker said when it never does. */
async function lineFrom(started: ReturnType<typeof startWorker>, prefix: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = started.output().split('\n').find((candidate) => candidate.startsWith(prefix));
    if (line) return line;
    if (started.child.exitCode !== null || Date.now() > deadline) {
      kill(started.child);
      throw new Error(`The worker never printed "${prefix}". stdout:\n${started.output()}\nstderr:\n${started.errors()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function kill(child: ChildProcess) {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

describe('a worker killed between commit and completion', () => {
  it('delivers the event again after the restart, and the side effect still happens once', { timeout: 240_000 }, async () => {
    const eventId = await withPlatform(shared.target, async (ctx) => {
      await createProbeTable(ctx.db);
      const { id } = await ctx.db.transaction().execute((trx) => ctx.events.publish(trx, probeNoted, { note: 'einmal, auch nach dem Absturz', count: 1 }));
      return id;
    });

    const doomed = startWorker('die-before-complete', shared.target);
    const completing = await lineFrom(doomed, 'completing ', 120_000);
    doomed.child.kill('SIGKILL');
    expect(await doomed.exited).toEqual({ code: null, signal: 'SIGKILL' });

    // The moment was the right one: the side effect and the delivery record are committed, the job is still active.
    const [jobId] = await withPlatform(shared.target, async (ctx) => {
      expect(await sideEffects(ctx.db, killTestSubscriber, eventId)).toBe(1);
      expect(await deliveredTo(ctx.db.withTables<EventTables>(), eventId)).toEqual([killTestSubscriber]);
      const jobs = await deliveryJobs(ctx.db, killTestSubscriber, eventId);
      expect(jobs).toMatchObject([{ state: 'active', retry_count: 0 }]);
      return jobs.map((job) => job.id);
    });
    expect(completing).toBe(`completing ${JSON.stringify([jobId])}`);

    const restarted = startWorker('recover', shared.target);
    const result = await restarted.exited;
    expect(result, restarted.errors()).toEqual({ code: 0, signal: null });
    expect(JSON.parse(restarted.output().trim().split('\n').at(-1)!)).toEqual({ runs: 1 });

    await withPlatform(shared.target, async (ctx) => {
      expect(await sideEffects(ctx.db, killTestSubscriber, eventId)).toBe(1);
      expect(await deliveryJobs(ctx.db, killTestSubscriber, eventId)).toMatchObject([{ id: jobId, state: 'completed', retry_count: 1 }]);
    });
  });
});
