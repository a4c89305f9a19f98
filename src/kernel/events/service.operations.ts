import { recordAudit } from '../audit.ts';
import type { Actor } from '../auth/actor.ts';
import type { KernelContext } from '../context.ts';
import { failedDeliveries, failedJobs, lockFailedJob, type FailedDeliveryRow, type FailedJobRow } from './repo.failures.ts';

/*
 * The back office's view of work the platform could not finish: event deliveries and other jobs that failed
 * after all their retries, and the replay of one once its cause is fixed. Errors can name people (a refused
 * mail address), so reading the list is recorded as well as every replay.
 */

export const manageJobs = 'kernel.manage-jobs';
/** The newest failures shown per list; the page says how many there are in all. */
export const failuresShown = 100;

export interface FailedWork {
  deliveries: { rows: FailedDeliveryRow[]; total: number };
  jobs: { rows: FailedJobRow[]; total: number };
}

export async function failedWork(ctx: KernelContext, actor: Actor): Promise<FailedWork> {
  ctx.permissions.require(actor, manageJobs);
  const queues = ctx.events.registry.deliveryQueues;
  const deliveries = await failedDeliveries(ctx.db, queues, failuresShown);
  const jobs = await failedJobs(ctx.db, queues, failuresShown);
  await recordAudit(ctx.db, { actor }, { action: 'kernel.failed-jobs-viewed', subjectType: 'jobs', meta: { deliveries: deliveries.total, jobs: jobs.total } });
  return { deliveries, jobs };
}

export interface ReplayInput {
  queue: string;
  id: string;
}

export type ReplayResult = { ok: true } | { ok: false; reason: 'unknown-queue' | 'not-failed' };

/**
 * Gives a failed job one more attempt. A delivery replayed after the subscriber did handle the event (say,
 * its job failed only on the way out) finds the delivery recorded and does nothing twice.
 */
export async function replayFailedJob(ctx: KernelContext, actor: Actor, input: ReplayInput): Promise<ReplayResult> {
  ctx.permissions.require(actor, manageJobs);
  if (!ctx.jobs.knows(input.queue)) return { ok: false, reason: 'unknown-queue' };
  return ctx.db.transaction().execute(async (trx) => {
    const job = await lockFailedJob(trx, input.queue, input.id);
    if (!job || !(await ctx.jobs.replayFailed(trx, input.queue, input.id))) return { ok: false, reason: 'not-failed' } as const;
    const subscription = ctx.events.registry.subscriptionOf(input.queue);
    const eventId = typeof job.data?.eventId === 'string' ? job.data.eventId : null;
    await recordAudit(
      trx,
      { actor },
      subscription
        ? { action: 'kernel.event-delivery-replayed', subjectType: 'event', subjectId: eventId, meta: { subscriber: input.queue, job: input.id } }
        : { action: 'kernel.job-replayed', subjectType: 'job', subjectId: input.id, meta: { queue: input.queue } },
    );
    return { ok: true } as const;
  });
}
