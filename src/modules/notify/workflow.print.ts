import { defineWorkflow } from '#kernel/workflow/index.ts';
import { notifyPermissions } from './permissions.ts';
import { lockBatch, setBatchStatus } from './repo.deliveries.ts';
import { notifyDb } from './repo.templates.ts';
import type { BatchStatus } from './tables.ts';

export const batchStatuses = ['created', 'printed', 'posted'] as const satisfies readonly BatchStatus[];

/** What the workflow needs of a batch: the list of batches carries it too, so the page can ask for its buttons. */
export interface BatchState {
  id: string;
  reference: string;
  status: BatchStatus;
}

/**
 * A print batch as the print room moves it on: printed, then posted, or posted straight away when printing
 * and posting happen together. Transitions are named after the state they record, as the page's buttons are.
 */
export const printBatchWorkflow = defineWorkflow({
  id: 'notify.print-batch',
  states: batchStatuses,
  transitions: {
    printed: { from: ['created'], to: 'printed', permission: notifyPermissions.print, audit: 'notify.print-batch-printed' },
    posted: { from: ['created', 'printed'], to: 'posted', permission: notifyPermissions.print, audit: 'notify.print-batch-posted' },
  },
  idOf: (batch: BatchState) => batch.id,
  stateOf: (batch) => batch.status,
  load: (trx, id) => lockBatch(notifyDb(trx), id),
  moveTo: (trx, batch, change) => setBatchStatus(notifyDb(trx), batch.id, change.to),
  subject: () => ({ subjectType: 'notify_print_batch' }),
});

export type BatchTransition = keyof typeof printBatchWorkflow.definition.transitions;
