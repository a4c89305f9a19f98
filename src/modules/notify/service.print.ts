import { recordAudit } from '#kernel/audit.ts';
import { actorLabel, type Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { renderLetters } from '#kernel/pdf/letter.ts';
import { newReference } from '#kernel/text.ts';
import { letterFor, manifestCsv, type ManifestRow } from './letters.ts';
import { notifyPermissions } from './permissions.ts';
import { addEvent, assignToBatch, deliveryOf, findBatch, finishAttempt, insertBatch, lettersToPrint, listBatches, setBatchStatus } from './repo.deliveries.ts';
import { attachmentsOf, findMessage } from './repo.messages.ts';
import { notifyDb } from './repo.templates.ts';
import type { BatchStatus, Message } from './tables.ts';

const maxLettersPerBatch = 2000;

export type BatchResult = { ok: true; batchId: string; reference: string; letters: number; pages: number } | { ok: false; reason: 'nothing-to-print' };

/**
 * Collects every letter waiting for print into one PDF and a CSV manifest. The PDF is rendered outside any
 * transaction (it takes a while); the letters are then claimed in one transaction, which fails and is
 * retried whole if another batch took one of them meanwhile.
 */
export async function createPrintBatch(ctx: KernelContext, actor: Actor): Promise<BatchResult> {
  ctx.permissions.require(actor, notifyPermissions.print);
  const db = notifyDb(ctx.db);
  const waiting = await lettersToPrint(db, maxLettersPerBatch);
  const printable: { deliveryId: string; message: Message; attachments: string[] }[] = [];
  for (const { delivery_id: deliveryId, message_id: messageId } of waiting) {
    const message = await findMessage(db, messageId);
    if (!message?.postal_address || message.body === null) {
      await ctx.db.transaction().execute(async (trx) => {
        await finishAttempt(notifyDb(trx), deliveryId, { status: 'failed', error: 'content or address deleted before printing' });
        await addEvent(notifyDb(trx), deliveryId, 'failed', actorLabel(actor), 'content or address deleted before printing');
      });
      continue;
    }
    printable.push({ deliveryId, message, attachments: (await attachmentsOf(db, messageId)).map((file) => file.filename) });
  }
  if (printable.length === 0) return { ok: false, reason: 'nothing-to-print' };

  const reference = newReference('DS');
  const rendered = await renderLetters(
    printable.map((letter) => letterFor(ctx, letter.message, letter.attachments)),
    { title: `${ctx.i18n.t('notify:print.batchTitle', { lng: 'de' })} ${reference}`, author: ctx.i18n.t('kernel:site.name', { lng: 'de', city: ctx.config.CITY_NAME }), lang: 'de-DE' },
  );
  let firstPage = 1;
  const rows: ManifestRow[] = printable.map((letter, index) => {
    const row = { position: index + 1, reference: letter.message.reference, firstPage, pages: rendered.pages[index]!, name: letter.message.recipient_name ?? '', address: letter.message.postal_address! };
    firstPage += row.pages;
    return row;
  });
  const pages = firstPage - 1;
  const batchId = await ctx.db.transaction().execute(async (trx) => {
    const tdb = notifyDb(trx);
    const { id } = await insertBatch(tdb, { reference, letters: printable.length, pages, pdf: rendered.pdf, manifest: manifestCsv(rows), createdBy: actorLabel(actor) });
    const ids = printable.map((letter) => letter.deliveryId);
    if ((await assignToBatch(tdb, id, ids)) !== ids.length) throw new Error(`Letters changed while print batch ${reference} was prepared; the batch is made again`);
    for (const deliveryId of ids) await addEvent(tdb, deliveryId, 'sending', actorLabel(actor), reference);
    await recordAudit(trx, { actor }, { action: 'notify.print-batch-created', subjectType: 'notify_print_batch', subjectId: id, meta: { reference, letters: ids.length, pages } });
    return id;
  });
  return { ok: true, batchId, reference, letters: printable.length, pages };
}

export async function printBatches(ctx: KernelContext, actor: Actor) {
  ctx.permissions.require(actor, notifyPermissions.print);
  return listBatches(notifyDb(ctx.db));
}

/** The batch's PDF or manifest, for the print room; downloading addresses is recorded. */
export async function printBatchFile(ctx: KernelContext, actor: Actor, batchId: string, kind: 'pdf' | 'csv') {
  ctx.permissions.require(actor, notifyPermissions.print);
  const batch = await findBatch(notifyDb(ctx.db), batchId);
  const content = kind === 'pdf' ? batch?.pdf : batch?.manifest;
  if (!batch || !content) return undefined;
  await recordAudit(ctx.db, { actor }, { action: 'notify.print-batch-downloaded', subjectType: 'notify_print_batch', subjectId: batch.id, meta: { kind } });
  return { reference: batch.reference, content: typeof content === 'string' ? Buffer.from(content, 'utf8') : content };
}

export type StatusChange = { ok: true } | { ok: false; reason: 'not-found' | 'invalid-transition' };

const nextStatus: Record<BatchStatus, BatchStatus[]> = { created: ['printed', 'posted'], printed: ['posted'], posted: [] };

export async function setPrintBatchStatus(ctx: KernelContext, actor: Actor, batchId: string, status: BatchStatus): Promise<StatusChange> {
  ctx.permissions.require(actor, notifyPermissions.print);
  return ctx.db.transaction().execute(async (trx) => {
    const db = notifyDb(trx);
    const batch = await findBatch(db, batchId);
    if (!batch) return { ok: false, reason: 'not-found' } as const;
    if (!nextStatus[batch.status].includes(status)) return { ok: false, reason: 'invalid-transition' } as const;
    const moved = await setBatchStatus(db, batchId, status);
    for (const deliveryId of moved) await addEvent(db, deliveryId, status, actorLabel(actor), batch.reference);
    await recordAudit(trx, { actor }, { action: `notify.print-batch-${status}`, subjectType: 'notify_print_batch', subjectId: batchId, meta: { letters: moved.length } });
    return { ok: true } as const;
  });
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
