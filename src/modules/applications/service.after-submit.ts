import { subscribe } from '#kernel/events/define.ts';
import { caseSubmitted } from './events.ts';
import { configuredExporter, exportCaseJob } from './export/service.ts';
import { findCase } from './repo.cases.ts';
import { applicationsDb } from './repo.forms.ts';
import { makeReceiptJob } from './service.receipt.ts';

/**
 * What follows a submission, outside its transaction so sending stays quick: the receipt is made (unless a
 * letter carried it from the start) and the case goes to the specialist system when one is configured.
 * The event's delivery queues both in its own transaction, once per case.
 */
export const followSubmission = subscribe(caseSubmitted, 'applications.follow-submission', async (event, trx, ctx) => {
  const made = await findCase(applicationsDb(trx), event.payload.caseId);
  if (!made) return;
  if (!made.receipt_file_id) await ctx.jobs.enqueue(trx, makeReceiptJob, { caseId: made.id });
  if (configuredExporter(ctx)) await ctx.jobs.enqueue(trx, exportCaseJob, { caseId: made.id });
});
