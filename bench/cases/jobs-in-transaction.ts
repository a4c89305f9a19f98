import { sql } from 'kysely';
import Type from 'typebox';
import { defineJob } from '#kernel/jobs.ts';
import { defineModule } from '#kernel/module.ts';
import { measure, type BenchCase } from '../case.ts';

const benchJob = defineJob({ name: 'bench.noop', payload: Type.Object({ n: Type.Integer() }), handler: async () => {} });
const load = { count: 1000, concurrency: 8, maxSeconds: 10 };

/**
 * A job queued in its own transaction (the outbox every write use case pays for) against a plain insert of
 * a similar row into a scratch table, also in its own transaction.
 */
export const jobsInTransactionCase: BenchCase = {
  name: 'job enqueue vs plain insert',
  modules: [defineModule({ id: 'bench', jobs: [benchJob] })],
  async run({ platform }) {
    const { ctx } = platform;
    await sql`drop table if exists bench_scratch`.execute(ctx.db);
    await sql`create table bench_scratch (id bigserial primary key, payload jsonb not null, created_at timestamptz not null default now())`.execute(ctx.db);
    const enqueue = (n: number) => ctx.db.transaction().execute((trx) => ctx.jobs.enqueue(trx, benchJob, { n }));
    const insert = (n: number) =>
      ctx.db.transaction().execute(async (trx) => {
        await sql`insert into bench_scratch (payload) values (${JSON.stringify({ n })}::jsonb)`.execute(trx);
      });
    try {
      await measure({ ...load, count: 100 }, async (n) => {
        await enqueue(n);
        await insert(n);
      });
      const jobs = await measure(load, enqueue);
      const inserts = await measure(load, insert);
      return {
        measured: { label: 'enqueue a job in a transaction', rate: jobs },
        baseline: { label: 'insert a row in a transaction', rate: inserts },
      };
    } finally {
      await sql`drop table if exists bench_scratch`.execute(ctx.db);
      // Removes the queue with its jobs, so a PostgreSQL database lent to the benchmark keeps nothing of it.
      await sql`delete from pgboss.job where name = ${benchJob.name}`.execute(ctx.db);
      await sql`select pgboss.delete_queue(${benchJob.name})`.execute(ctx.db);
    }
  },
};
