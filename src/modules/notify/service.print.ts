import { recordAudit } from '#kernel/audit.ts';
import { actorLabel, type Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { newReference } from '#kernel/reference.ts';
import { putBatchFiles, referBatchTo } from './batch-files.ts';
import { renderBatch } from './letters.ts';
import { notifyPermissions } from './permissions.ts';
import { printableLetters } from './repo.batches.ts';
import { addEvent, assignToBatch, deliveryOf, findBatch, finishAttempt, insertBatch, lettersToPrint, listBatches, moveLettersOf } from './repo.deliveries.ts';
import { findMessage } from './repo.messages.ts';
import { notifyDb } from './repo.templates.ts';
import { printBatchWorkflow, type BatchTransition } from './workflow.print.ts';

const maxLettersPerBatch = 2000;
const attemptsPerBatch = 3;

export type BatchResult = { ok: true; batchId: string; reference: string; letters: number; pages: number } | { ok: false; reason: 'nothing-to-print' };

/** Another batch took a letter, or a deleted account withdrew one, while the PDF was being rendered. */
class LettersChanged extends Error {}

/**
 * Collects every letter waiting for print into one PDF and a CSV manifest. The PDF is rendered outside any
 * transaction (it takes a while); the letters are then claimed in one transaction, which fails if one of
 * them changed meanwhile (a letter withdrawn on account deletion must not be stored in the PDF), and the
 * batch is made again from what is waiting then.
 */
export async function createPrintBatch(ctx: KernelContext, actor: Actor): Promise<BatchResult> {
  ctx.permissions.require(actor, notifyPermissions.print);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await tryCreatePrintBatch(ctx, actor);
    } catch (error) {
      if (!(error instanceof LettersChanged) || attempt >= attemptsPerBatch) throw error;
    }
  }
}

async function tryCreatePrintBatch(ctx: KernelContext, actor: Actor): Promise<BatchResult> {
  const db = notifyDb(ctx.db);
  const { printable, unprintable } = await printableLetters(db, await lettersToPrint(db, maxLettersPerBatch));
  for (const deliveryId of unprintable) {
    await ctx.db.transaction().execute(async (trx) => {
      await finishAttempt(notifyDb(trx), deliveryId, { status: 'failed', error: 'content or address deleted before printing' });
      await addEvent(notifyDb(trx), deliveryId, 'failed', actorLabel(actor), 'content or address deleted before printing');
    });
  }
  if (printable.length === 0) return { ok: false, reason: 'nothing-to-print' };

  const reference = newReference('DS');
  const rendered = await renderBatch(ctx, reference, printable);
  // Put before the transaction that records the batch; if the letters changed meanwhile, the files stay
  // unreferenced and the store removes them after its grace period.
  const files = await putBatchFiles(ctx, rendered);
  const batchId = await ctx.db.transaction().execute(async (trx) => {
    const tdb = notifyDb(trx);
    const { id } = await insertBatch(tdb, { reference, letters: printable.length, pages: rendered.pages, ...files, createdBy: actorLabel(actor) });
    await referBatchTo(ctx, trx, id, files);
    const letters = printable.map((letter, index) => ({ deliveryId: letter.deliveryId, pages: rendered.letterPages[index]! }));
    if ((await assignToBatch(tdb, id, letters)) !== letters.length) throw new LettersChanged(`Letters changed while print batch ${reference} was prepared`);
    for (const { deliveryId } of letters) await addEvent(tdb, deliveryId, 'sending', actorLabel(actor), reference);
    await recordAudit(trx, { actor }, { action: 'notify.print-batch-created', subjectType: 'notify_print_batch', subjectId: id, meta: { reference, letters: letters.length, pages: rendered.pages } });
    return id;
  });
  return { ok: true, batchId, reference, letters: printable.length, pages: rendered.pages };
}

/** The latest batches, each with the status changes the person may record now. */
export async function printBatches(ctx: KernelContext, actor: Actor) {
  ctx.permissions.require(actor, notifyPermissions.print);
  const batches = await listBatches(notifyDb(ctx.db));
  return batches.map((batch) => ({ ...batch, actions: printBatchWorkflow.allowedTransitions(ctx, actor, batch) }));
}

export type BatchFile = { ok: true; reference: string; fileId: string } | { ok: false; reason: 'not-found' | 'being-remade' | 'being-moved' };

/**
 * Which file of the batch the print room may download, the PDF or the manifest; the route sends it through
 * the file store, which records the download. While a batch is made again without a withdrawn letter there
 * is nothing to hand out, so the two files can never disagree.
 */
export async function printBatchFile(ctx: KernelContext, actor: Actor, batchId: string, kind: 'pdf' | 'csv'): Promise<BatchFile> {
  ctx.permissions.require(actor, notifyPermissions.print);
  const batch = await findBatch(notifyDb(ctx.db), batchId);
  if (batch?.remake_pending) return { ok: false, reason: 'being-remade' };
  if (!batch) return { ok: false, reason: 'not-found' };
  const fileId = kind === 'pdf' ? batch.pdf_file_id : batch.manifest_file_id;
  if (fileId) return { ok: true, reference: batch.reference, fileId };
  // Made before the file store and not moved into it yet (`notify.move-stored-files`).
  return { ok: false, reason: (kind === 'pdf' ? batch.pdf : batch.manifest) ? 'being-moved' : 'not-found' };
}

export type StatusChange = { ok: true } | { ok: false; reason: 'not-found' | 'invalid-transition' };

/** The print room records a batch as printed or posted; its letters follow it, each with an entry in its history. */
export async function setPrintBatchStatus(ctx: KernelContext, actor: Actor, batchId: string, status: BatchTransition): Promise<StatusChange> {
  const result = await printBatchWorkflow.transition(ctx, actor, { id: batchId, transition: status }, {
    apply: async (trx, batch, change) => {
      const db = notifyDb(trx);
      const moved = await moveLettersOf(db, batch.id, change.to);
      for (const deliveryId of moved) await addEvent(db, deliveryId, change.to, actorLabel(actor), batch.reference);
      return { letters: moved.length };
    },
  });
  if (result.ok) return { ok: true };
  return { ok: false, reason: result.reason === 'not-found' ? 'not-found' : 'invalid-transition' };
}

/** A letter came back undelivered: the staff member records it, with what the envelope said. */
export async function markLetterReturned(ctx: KernelContext, actor: Actor, messageId: string, note: string | null): Promise<StatusChange> {
  ctx.permissions.require(actor, notifyPermissions.print);
  return ctx.db.transaction().execute(async (trx) => {
    const db = notifyDb(trx);
    const delivery = await deliveryOf(db, messageId, 'letter');
    if (!delivery) return { ok: false, reason: 'not-found' } as const;
    if (!['sending', 'printed', 'posted'].includes(delivery.status)) return { ok: false, reason: 'invalid-transition' } as const;
    await finishAttempt(db, delivery.id, { status: 'returned', error: note });
    await addEvent(db, delivery.id, 'returned', actorLabel(actor), note);
    const message = await findMessage(db, messageId);
    await recordAudit(trx, { actor }, { action: 'notify.letter-returned', subjectType: 'notify_message', subjectId: messageId, dataSubjectId: message?.user_id ?? null, reason: note });
    return { ok: true } as const;
  });
}
