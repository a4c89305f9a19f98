import { sql } from 'kysely';
import Type from 'typebox';
import { defineJob } from '#kernel/jobs.ts';
import { defineModule } from '#kernel/module.ts';
import { buildCitizen } from '#modules/accounts/test/builders.ts';
import { sendNotification } from '#modules/notify/index.ts';
import { measure, type BenchCase } from '../case.ts';

const outboxJob = defineJob({ name: 'bench.notify-outbox', payload: Type.Object({ to: Type.String(), text: Type.String() }), handler: async () => {} });
const load = { count: 1000, concurrency: 8, maxSeconds: 10 };
const values = { service: 'Anwohnerparkausweis', caseReference: 'AN-2026-7K4M-Q9TX', receivedAt: '2026-11-27T09:30:00Z' };

/**
 * A notification as other modules send it (template looked up, values checked and formatted, channels
 * routed by the citizen's preference, message, deliveries and e-mail job written in one transaction)
 * against the least any outbox write costs: one job with the finished text, queued in its own transaction.
 */
export const notifyMessagesCase: BenchCase = {
  name: 'notify: message rendered and queued vs bare mail job',
  modules: [defineModule({ id: 'bench-notify', jobs: [outboxJob] })],
  async run({ platform }) {
    const { ctx } = platform;
    const { user } = await buildCitizen(ctx, { preferred_channel: 'digital' });
    const send = (n: number) =>
      ctx.db.transaction().execute(async (trx) => {
        const result = await sendNotification(ctx, trx, { purpose: 'case-received', recipient: { userId: user.id }, values, cause: `bench:${user.id}:${n}` });
        if (!result.ok) throw new Error(`bench message refused: ${result.reason}`);
      });
    const bare = (n: number) => ctx.db.transaction().execute((trx) => ctx.jobs.enqueue(trx, outboxJob, { to: user.email!, text: `Ihr Antrag ${n} ist eingegangen.` }));
    try {
      await measure({ ...load, count: 100 }, async (n) => {
        await send(load.count + n);
        await bare(n);
      });
      const messages = await measure(load, (n) => send(n));
      const jobs = await measure(load, bare);
      return {
        measured: { label: 'sendNotification (render, route, 3 rows + job)', rate: messages },
        baseline: { label: 'enqueue a finished mail job', rate: jobs },
      };
    } finally {
      // Leaves nothing behind on a PostgreSQL database lent to the benchmark.
      await sql`delete from pgboss.job where name = 'notify.deliver-email' and data->>'deliveryId' in (select d.id::text from notify_deliveries d join notify_messages m on m.id = d.message_id where m.cause like 'bench:%')`.execute(ctx.db);
      await sql`delete from notify_messages where cause like 'bench:%'`.execute(ctx.db);
      await sql`delete from users where id = ${user.id}`.execute(ctx.db);
      await sql`delete from pgboss.job where name = ${outboxJob.name}`.execute(ctx.db);
      await sql`select pgboss.delete_queue(${outboxJob.name})`.execute(ctx.db);
    }
  },
};
