import Type from 'typebox';
import { systemActor } from '#kernel/auth/actor.ts';
import { defineJob } from '#kernel/jobs.ts';
import { deliverEmail, maxEmailAttempts } from './delivery.ts';
import { renderDocument } from './documents.ts';
import { batchesStillToRemake } from './repo.batches.ts';
import { addEvent, stuckEmailDeliveries, touch } from './repo.deliveries.ts';
import { notifyDb } from './repo.templates.ts';
import { moveStoredFiles } from './service.move.ts';
import { createPrintBatch } from './service.print.ts';
import { remakePrintBatch } from './service.remake.ts';

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

/**
 * A document's PDF for the inbox (`documents.ts`); once it is attached, the e-mail that says it is ready
 * goes. Retried like any job: rendering fails only when the platform does.
 */
export const renderDocumentJob = defineJob({
  name: 'notify.render-document',
  payload: Type.Object({ messageId: Type.String({ format: 'uuid' }) }),
  handler: async ({ messageId }, ctx) => {
    const outcome = await renderDocument(ctx, messageId, (trx, deliveryId) => ctx.jobs.enqueue(trx, deliverEmailJob, { deliveryId }));
    ctx.log.info({ messageId, outcome }, 'document rendered for the inbox');
  },
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

/** A letter was taken out of a batch not yet printed (account deleted): its PDF and manifest are made again. */
export const remakePrintBatchJob = defineJob({
  name: 'notify.remake-print-batch',
  payload: Type.Object({ batchId: Type.String({ format: 'uuid' }) }),
  handler: async ({ batchId }, ctx) => {
    const outcome = await remakePrintBatch(ctx, batchId);
    ctx.log.info({ batchId, outcome }, 'print batch made again');
  },
});

/**
 * Rebuilds the queue from the database: e-mail deliveries that should be moving and are not, and batches
 * still waiting to be made again, are queued again.
 */
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
    const batches = await batchesStillToRemake(notifyDb(ctx.db), new Date(Date.now() - 3_600_000));
    for (const { id } of batches) await ctx.jobs.enqueue(ctx.db, remakePrintBatchJob, { batchId: id });
    if (batches.length > 0) ctx.log.warn({ batches: batches.length }, 'print batches queued again to be made without withdrawn letters');
  },
});

/**
 * Moves attachments and print batches written before the file store into it (`service.move.ts`). A
 * migration cannot; this finds nothing to do once everything is moved, and goes with the old columns.
 */
export const moveStoredFilesJob = defineJob({
  name: 'notify.move-stored-files',
  payload: Type.Object({}),
  cron: '*/15 * * * *',
  handler: async (_payload, ctx) => {
    const report = await moveStoredFiles(ctx);
    if (report.attachments + report.batches > 0) ctx.log.info({ attachments: report.attachments, batches: report.batches }, 'stored files moved into the file store');
    if (report.refused.length > 0) ctx.log.warn({ refused: report.refused }, 'stored files the file store refused stay where they are');
  },
});
