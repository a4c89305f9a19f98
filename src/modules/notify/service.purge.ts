import type { KernelContext } from '#kernel/context.ts';
import type { Executor } from '#kernel/db/database.ts';
import { messageOwner } from './attachments.ts';
import { referBatchTo } from './batch-files.ts';
import { deleteAttachmentsOf, deleteAttachmentsOfPurgedMessages } from './repo.attachments.ts';
import { purgeBatchFiles } from './repo.batches.ts';
import { purgeMessageContent } from './repo.retention.ts';
import { notifyDb } from './repo.templates.ts';

/*
 * What notify deletes at the end of a retention period or with an account: rows, and in the same
 * transaction the references to the files they used. The file store's own rule deletes a file once
 * nothing references it any more.
 */

/** Empties the messages in scope (`repo.retention.ts`) and deletes their attachments; returns how many messages. */
export async function purgeMessages(ctx: KernelContext, trx: Executor, scope: { createdBefore: Date } | { userId: string }): Promise<number> {
  const purged = await purgeMessageContent(notifyDb(trx), scope);
  // In slices: a year's worth of messages would pass PostgreSQL's limit of parameters in one statement.
  for (let start = 0; start < purged.length; start += 1000) {
    for (const messageId of await deleteAttachmentsOf(notifyDb(trx), purged.slice(start, start + 1000))) await ctx.files.removeRefs(trx, messageOwner(messageId));
  }
  return purged.length;
}

/** Attachments left behind by messages emptied in an interrupted run. */
export async function purgeLeftoverAttachments(ctx: KernelContext, trx: Executor): Promise<number> {
  const messages = await deleteAttachmentsOfPurgedMessages(notifyDb(trx));
  for (const messageId of messages) await ctx.files.removeRefs(trx, messageOwner(messageId));
  return messages.length;
}

/** Empties print batches past their time (`repo.batches.ts`); returns how many. */
export async function purgePrintBatchFiles(ctx: KernelContext, trx: Executor, cutoffs: { printedBefore: Date; createdBefore: Date }): Promise<number> {
  const batches = await purgeBatchFiles(notifyDb(trx), cutoffs);
  for (const batchId of batches) await referBatchTo(ctx, trx, batchId, null);
  return batches.length;
}
