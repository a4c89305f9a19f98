import { recordAudit } from '#kernel/audit.ts';
import { actorLabel, systemActor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import { referBatchTo } from './batch-files.ts';
import { remakePrintBatchJob } from './jobs.ts';
import { markBatchForRemake, unprintedLettersOf, withdrawLetters } from './repo.batches.ts';
import { addEvent } from './repo.deliveries.ts';
import { notifyDb } from './repo.templates.ts';

const actor = systemActor('notify.account-deleted');
export const withdrawnOnDeletion = 'withdrawn: account deleted before printing';

/**
 * Takes a deleted account's letters out of print, inside the deletion's transaction. A letter still waiting
 * is withdrawn; a batch not yet printed loses the letter's pages at once: its PDF and manifest are taken
 * from it with the deletion (the file store deletes them once nothing refers to them) and made again by a
 * job, because rendering hundreds of letters would hold the deletion's transaction (on PGlite, the whole
 * database) for many seconds. So no copy holding the person's name and address can be downloaded once the
 * deletion has committed. A printed batch keeps the letter until its retention period ends: the paper
 * exists, and the print room may need to print a page again.
 */
export async function withdrawLettersOf(ctx: KernelContext, trx: Executor<KernelTables>, userId: string): Promise<void> {
  const db = notifyDb(trx);
  const letters = await unprintedLettersOf(db, userId);
  const withdrawn = new Set(await withdrawLetters(db, letters.map((letter) => letter.delivery_id), withdrawnOnDeletion));
  const batches = new Map<string, number>();
  for (const letter of letters) {
    if (!withdrawn.has(letter.delivery_id)) continue;
    await addEvent(db, letter.delivery_id, 'withdrawn', actorLabel(actor), letter.batch_reference);
    if (letter.batch_id) batches.set(letter.batch_id, (batches.get(letter.batch_id) ?? 0) + 1);
  }
  for (const [batchId, count] of batches) {
    const remaining = await markBatchForRemake(db, batchId);
    await referBatchTo(ctx, trx, batchId, null);
    if (remaining > 0) await ctx.jobs.enqueue(trx, remakePrintBatchJob, { batchId });
    await recordAudit(trx, { actor }, { action: 'notify.print-batch-letter-withdrawn', subjectType: 'notify_print_batch', subjectId: batchId, dataSubjectId: userId, meta: { withdrawn: count, remaining } });
  }
}
