import { recordAudit } from '#kernel/audit.ts';
import { actorLabel, systemActor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { renderBatch } from './letters.ts';
import { lettersOfBatch, placeInBatch, printableLetters, storeRemadeBatch, withdrawLetters } from './repo.batches.ts';
import { addEvent, findBatch } from './repo.deliveries.ts';
import { notifyDb } from './repo.templates.ts';

const actor = systemActor('notify.remake-print-batch');
const contentGone = 'content or address deleted before printing';

/**
 * Makes a batch's PDF and manifest again from the letters it still holds, after one was taken out. Rendered
 * outside any transaction, as a new batch is; stored only if no further letter left the batch meanwhile.
 */
export async function remakePrintBatch(ctx: KernelContext, batchId: string): Promise<'remade' | 'superseded' | 'nothing-to-do'> {
  const db = notifyDb(ctx.db);
  const batch = await findBatch(db, batchId);
  if (!batch?.remake_pending) return 'nothing-to-do';
  const { printable, unprintable } = await printableLetters(db, await lettersOfBatch(db, batchId));
  const rendered = printable.length > 0 ? await renderBatch(ctx, batch.reference, printable) : null;
  return ctx.db.transaction().execute(async (trx) => {
    const tdb = notifyDb(trx);
    const files = rendered
      ? { pdf: rendered.pdf, manifest: rendered.manifest, letters: printable.length, pages: rendered.pages }
      : { pdf: null, manifest: null, letters: 0, pages: 0 };
    if (!(await storeRemadeBatch(tdb, batchId, batch.revision, files))) return 'superseded';
    for (const [index, letter] of printable.entries()) await placeInBatch(tdb, letter.deliveryId, index + 1, rendered!.letterPages[index]!);
    for (const deliveryId of await withdrawLetters(tdb, unprintable, contentGone)) await addEvent(tdb, deliveryId, 'failed', actorLabel(actor), contentGone);
    await recordAudit(trx, { actor }, { action: 'notify.print-batch-remade', subjectType: 'notify_print_batch', subjectId: batchId, meta: { reference: batch.reference, letters: files.letters, pages: files.pages } });
    return 'remade';
  });
}
