import Type from 'typebox';
import { systemActor } from '#kernel/auth/actor.ts';
import { defineJob } from '#kernel/jobs.ts';
import { deliverEmail, maxEmailAttempts } from './delivery.ts';
import { addEvent, stuckEmailDeliveries, touch } from './repo.deliveries.ts';
import { notifyDb } from './repo.templates.ts';
import { createPrintBatch } from './service.print.ts';

/**
 * One e-mail delivery. Retries with doubling delays (30 s … about 30 min, eight runs in all) cover a mail
 * server that is down for an hour; the handler gives up after as many attempts and records the failure.
 */
export const deliverEmailJob = defineJob({
  name: 'notify.deliver-email',
  payload: Type.Object({ deliveryId: Type.String({ format: 'uuid' }) }),
  retry: { limit: maxEmailAttempts - 1, delaySeconds: 30, backoff: true },
  handler: async ({ deliveryId }, ctx) => deliverEmail(ctx, deliveryId),
});

/** Every working day before the print room opens: all letters waiting go into one batch. */
export const printBatchJob = defineJob({
  name: 'notify.print-batch',
  payload: Type.Object({}),
  cron: '0 6 * * 1-5',
  handler: async (_payload, ctx) => {
    const result = await createPrintBatch(ctx, systemActor('notify.print-batch'));
    if (result.ok) ctx.log.info({ batch: result.reference, letters: result.letters, pages: result.pages }, 'print batch created');
  },
});

/** Rebuilds the queue from the deliveries table: whatever should be moving and is not, is queued again. */
export const sweepJob = defineJob({
  name: 'notify.sweep',
  payload: Type.Object({}),
  cron: '*/15 * * * *',
  handler: async (_payload, ctx) => {
    const stuck = await stuckEmailDeliveries(notifyDb(ctx.db), new Date(Date.now() - 3_600_000));
    for (const delivery of stuck) {
      await ctx.db.transaction().execute(async (trx) => {
        await touch(notifyDb(trx), delivery.id);
        await addEvent(notifyDb(trx), delivery.id, 'requeued', 'system:notify.sweep', `after ${delivery.attempts} attempt(s)`);
        await ctx.jobs.enqueue(trx, deliverEmailJob, { deliveryId: delivery.id });
      });
    }
    if (stuck.length > 0) ctx.log.warn({ requeued: stuck.length }, 'stuck e-mail deliveries queued again');
  },
});
