import { recordAudit } from '#kernel/audit.ts';
import { actorLabel, systemActor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { putBatchFiles, referBatchTo } from './batch-files.ts';
import { renderBatch } from './letters.ts';
import { lettersOfBatch, placeInBatch, printableLetters, storeRemadeBatch, withdrawLetters } from './repo.batches.ts';
import { addEvent, findBatch } from './repo.deliveries.ts';
import { notifyDb } from './repo.templates.ts';

const actor = systemActor('notify.remake-print-batch');
const contentGone = 'content or address deleted before printing';

/**
 * Makes a batch's PDF and manifest again from the letters it still holds, after one was taken out. Rendered
 * and put into the file store outside any transaction, as a new batch is; the batch's references move to the
 * new files only if no further letter left the batch meanwhile (else the new files stay unreferenced and go).
 */
export async function remakePrintBatch(ctx: KernelContext, batchId: string): Promise<'remade' | 'superseded' | 'nothing-to-do'> {
  const db = notifyDb(ctx.db);
  const batch = await findBatch(db, batchId);
  if (!batch?.remake_pending) return 'nothing-to-do';
  const { printable, unprintable } = await printableLetters(db, await lettersOfBatch(db, batchId));
  const rendered = printable.length > 0 ? await renderBatch(ctx, batch.reference, printable) : null;
  const files = rendered ? await putBatchFiles(ctx, rendered) : null;
  return ctx.db.transaction().execute(async (trx) => {
    const tdb = notifyDb(trx);
    const counts = { letters: rendered ? printable.length : 0, pages: rendered?.pages ?? 0 };
    if (!(await storeRemadeBatch(tdb, batchId, batch.revision, { files, ...counts }))) return 'superseded';
    await referBatchTo(ctx, trx, batchId, files);
    for (const [index, letter] of printable.entries()) await placeInBatch(tdb, letter.deliveryId, index + 1, rendered!.letterPages[index]!);
    for (const deliveryId of await withdrawLetters(tdb, unprintable, contentGone)) await addEvent(tdb, deliveryId, 'failed', actorLabel(actor), contentGone);
    await recordAudit(trx, { actor }, { action: 'notify.print-batch-remade', subjectType: 'notify_print_batch', subjectId: batchId, meta: { reference: batch.reference, ...counts } });
    return 'remade';
  });
}
