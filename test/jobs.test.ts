import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import Type from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '#kernel/config.ts';
import type { KernelContext } from '#kernel/context.ts';
import { defineModule } from '#kernel/module.ts';
import { createContext } from '#kernel/platform.ts';
import { modules } from '#modules/index.ts';
import { freshDatabase } from '#test/platform.ts';
import { defineJob } from '#kernel/jobs.ts';

type ProbeTables = { job_probe: { job: string; note: string } };
const probeDb = (ctx: KernelContext) => ctx.db.withTables<ProbeTables>();
const note = Type.Object({ note: Type.String() });

/** Leaves a row per run, committed on its own, so a test can count runs whatever the handler does next. */
async function leaveTrace(ctx: KernelContext, job: string, text: string) {
  await probeDb(ctx).insertInto('job_probe').values({ job, note: text }).execute();
}

const recordJob = defineJob({ name: 'probe.record', payload: note, handler: (payload, ctx) => leaveTrace(ctx, 'record', payload.note) });
const flakyJob = defineJob({
  name: 'probe.flaky',
  payload: note,
  retry: { limit: 2, delaySeconds: 0, backoff: false },
  handler: async (payload, ctx) => {
    await leaveTrace(ctx, 'flaky', payload.note);
    throw new Error('remote service unavailable');
  },
});
const patientJob = defineJob({
  name: 'probe.patient',
  payload: note,
  retry: { limit: 3, delaySeconds: 60, backoff: false },
  handler: async (payload, ctx) => {
    await leaveTrace(ctx, 'patient', payload.note);
    throw new Error('try again later');
  },
});
const unregisteredJob = defineJob({ name: 'probe.unregistered', payload: note, handler: async () => {} });

let ctx: KernelContext;
let dataDir: string;
beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'erk-jobs-'));
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, DEMO_DATA: 'false' });
  const probe = defineModule({ id: 'probe', jobs: [recordJob, flakyJob, patientJob] });
  ctx = await createContext({ config, modules: [...modules, probe], database: await freshDatabase(), skipMigrations: true });
  await sql`create table job_probe (job text not null, note text not null)`.execute(ctx.db);
});
afterAll(async () => {
  await ctx.jobs.stop();
  await ctx.database.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

interface StoredJob {
  state: string;
  retry_count: number;
  retry_limit: number;
  retry_delay: number;
  retry_backoff: boolean;
  due_in_seconds: number;
  data: { note: string };
  output: { message?: string } | null;
}

async function storedJobs(name: string, text: string): Promise<StoredJob[]> {
  const { rows } = await sql<StoredJob>`
    select state::text as state, retry_count, retry_limit, retry_delay, retry_backoff, data, output,
           extract(epoch from start_after - now())::float8 as due_in_seconds
    from pgboss.job where name = ${name} and data->>'note' = ${text}`.execute(ctx.db);
  return rows;
}

async function traces(job: string, text: string): Promise<number> {
  const rows = await probeDb(ctx).selectFrom('job_probe').select('note').where('job', '=', job).where('note', '=', text).execute();
  return rows.length;
}

describe('jobs', () => {
  it('leaves no job behind when the transaction that queued it rolls back', async () => {
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await ctx.jobs.enqueue(trx, recordJob, { note: 'rolled back' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await storedJobs('probe.record', 'rolled back')).toEqual([]);
    expect(await ctx.jobs.drain(ctx, ['probe.record'])).toBe(0);
    expect(await traces('record', 'rolled back')).toBe(0);
  });

  it('runs a job queued in a committed transaction when drained, once', async () => {
    await ctx.db.transaction().execute(async (trx) => {
      await ctx.jobs.enqueue(trx, recordJob, { note: 'committed' });
    });
    expect(await storedJobs('probe.record', 'committed')).toMatchObject([{ state: 'created' }]);
    expect(await ctx.jobs.drain(ctx, ['probe.record'])).toBe(1);
    expect(await traces('record', 'committed')).toBe(1);
    expect(await storedJobs('probe.record', 'committed')).toMatchObject([{ state: 'completed' }]);
    expect(await ctx.jobs.drain(ctx, ['probe.record'])).toBe(0);
  });

  it('retries a failing job as often as its policy says, then marks it failed with the reason', async () => {
    await ctx.jobs.enqueue(ctx.db, flakyJob, { note: 'flaky' });
    // No delay between attempts: one drain sees the first run and both retries.
    expect(await ctx.jobs.drain(ctx, ['probe.flaky'])).toBe(3);
    expect(await traces('flaky', 'flaky')).toBe(3);
    const [job] = await storedJobs('probe.flaky', 'flaky');
    expect(job).toMatchObject({ state: 'failed', retry_count: 2, retry_limit: 2 });
    expect(job?.output?.message).toContain('remote service unavailable');
  });

  it('waits the policy’s delay before a retry', async () => {
    await ctx.jobs.enqueue(ctx.db, patientJob, { note: 'patient' });
    expect(await ctx.jobs.drain(ctx, ['probe.patient'])).toBe(1);
    const [waiting] = await storedJobs('probe.patient', 'patient');
    expect(waiting).toMatchObject({ state: 'retry', retry_count: 0, retry_limit: 3, retry_delay: 60 });
    expect(waiting!.due_in_seconds).toBeGreaterThan(50);
    expect(waiting!.due_in_seconds).toBeLessThanOrEqual(60);
    expect(await ctx.jobs.drain(ctx, ['probe.patient'])).toBe(0);

    // Once the delay has passed (moved into the past rather than waited for), it runs again.
    await sql`update pgboss.job set start_after = now() - interval '1 second' where name = 'probe.patient'`.execute(ctx.db);
    expect(await ctx.jobs.drain(ctx, ['probe.patient'])).toBe(1);
    expect(await traces('patient', 'patient')).toBe(2);
    expect(await storedJobs('probe.patient', 'patient')).toMatchObject([{ state: 'retry', retry_count: 1 }]);
  });

  it('gives jobs without a policy of their own the kernel’s default retries with backoff', async () => {
    await ctx.jobs.enqueue(ctx.db, recordJob, { note: 'defaults' });
    expect(await storedJobs('probe.record', 'defaults')).toMatchObject([{ retry_limit: 5, retry_delay: 30, retry_backoff: true }]);
    await ctx.jobs.drain(ctx, ['probe.record']);
  });

  it('refuses an invalid payload or an unregistered job at enqueue, so the mistake surfaces in the request', async () => {
    await expect(ctx.jobs.enqueue(ctx.db, recordJob, { note: 42 } as never)).rejects.toThrow('Invalid payload for job probe.record');
    await expect(ctx.jobs.enqueue(ctx.db, recordJob, {} as never)).rejects.toThrow('Invalid payload for job probe.record');
    await expect(ctx.jobs.enqueue(ctx.db, unregisteredJob, { note: 'x' })).rejects.toThrow('Job probe.unregistered is not registered by any module');
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pgboss.job where name like 'probe.%' and state = 'created'`.execute(ctx.db);
    expect(rows[0]?.n).toBe(0);
  });

  it('refuses two jobs of the same name', async () => {
    const twice = defineModule({ id: 'twice', jobs: [recordJob] });
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir });
    await expect(createContext({ config, modules: [twice, twice], database: ctx.database, skipMigrations: true })).rejects.toThrow('Job probe.record is defined twice');
  });
});
