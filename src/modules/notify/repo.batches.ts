import { sql } from 'kysely';
import type { BatchFiles } from './batch-files.ts';
import type { NotifyDb } from './repo.templates.ts';
import type { Message } from './tables.ts';

/** A batch without files: none in the store, and none left from before it (`notify.move-stored-files`). */
const noFiles = { pdf_file_id: null, manifest_file_id: null, pdf: null, manifest: null };

/** A letter as the print room gets it: the message and the names of its attachments. */
export interface PrintableLetter {
  deliveryId: string;
  message: Message;
  attachments: string[];
}

/**
 * Loads what the given letters say, in the order given; a letter whose text or address is gone (retention,
 * a deleted account) cannot be printed and is returned apart.
 */
export async function printableLetters(db: NotifyDb, letters: readonly { delivery_id: string; message_id: string }[]) {
  const ids = letters.map((letter) => letter.message_id);
  if (ids.length === 0) return { printable: [], unprintable: [] };
  const messages = new Map((await db.selectFrom('notify_messages').selectAll().where('id', 'in', ids).execute()).map((message) => [message.id, message]));
  // A document's own PDF is this very letter, not an enclosure to list under it.
  const files = await db.selectFrom('notify_attachments').select(['message_id', 'filename']).where('message_id', 'in', ids).where('document', '=', false).orderBy('position').execute();
  const printable: PrintableLetter[] = [];
  const unprintable: string[] = [];
  for (const letter of letters) {
    const message = messages.get(letter.message_id);
    if (!message?.postal_address || message.body === null) unprintable.push(letter.delivery_id);
    else printable.push({ deliveryId: letter.delivery_id, message, attachments: files.filter((file) => file.message_id === message.id).map((file) => file.filename) });
  }
  return { printable, unprintable };
}

/** The letters a batch holds, in print order: everything put into it except what was taken out again. */
export async function lettersOfBatch(db: NotifyDb, batchId: string) {
  return db
    .selectFrom('notify_deliveries')
    .select(['id as delivery_id', 'message_id'])
    .where('batch_id', '=', batchId)
    .where('status', '!=', 'failed')
    .orderBy('batch_position')
    .execute();
}

/** A person's letters that have not been printed: waiting for a batch, or in a batch still waiting for print. */
export async function unprintedLettersOf(db: NotifyDb, userId: string) {
  return db
    .selectFrom('notify_deliveries as d')
    .innerJoin('notify_messages as m', 'm.id', 'd.message_id')
    .leftJoin('notify_print_batches as b', 'b.id', 'd.batch_id')
    .select(['d.id as delivery_id', 'd.batch_id', 'b.reference as batch_reference'])
    .where('m.user_id', '=', userId)
    .where('d.channel', '=', 'letter')
    .where((eb) => eb.or([eb('d.status', '=', 'created'), eb.and([eb('d.status', '=', 'sending'), eb('b.status', '=', 'created')])]))
    .execute();
}

/** Takes letters out of print for good; a letter already moved on (printed meanwhile) is left alone. */
export async function withdrawLetters(db: NotifyDb, deliveryIds: readonly string[], reason: string): Promise<string[]> {
  if (deliveryIds.length === 0) return [];
  const rows = await db
    .updateTable('notify_deliveries')
    .set({ status: 'failed', last_error: reason, lease_until: null, batch_position: null, batch_pages: null, updated_at: sql<Date>`now()` })
    .where('id', 'in', deliveryIds)
    .where('status', 'in', ['created', 'sending'])
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

/**
 * A letter left the batch: its files go at once (they hold the letter; the caller removes their references)
 * and its counts follow the letters that remain; when any remain, the batch waits to be made again. Returns
 * how many letters remain.
 */
export async function markBatchForRemake(db: NotifyDb, batchId: string): Promise<number> {
  const { letters, pages } = await db
    .selectFrom('notify_deliveries')
    .select((eb) => [eb.fn.countAll<string>().as('letters'), eb.fn.coalesce(eb.fn.sum<string>('batch_pages'), sql<string>`0`).as('pages')])
    .where('batch_id', '=', batchId)
    .where('status', '!=', 'failed')
    .executeTakeFirstOrThrow();
  const remaining = Number(letters);
  await db
    .updateTable('notify_print_batches')
    .set((eb) => ({
      ...noFiles,
      letters: remaining,
      pages: Number(pages),
      remake_pending: remaining > 0,
      revision: eb('revision', '+', 1),
      updated_at: sql<Date>`now()`,
    }))
    .where('id', '=', batchId)
    .execute();
  return remaining;
}

/**
 * Stores a batch made again, unless another letter was taken out while it was being made (the revision
 * moved on): then the job queued with that change makes it once more. Returns whether it was stored.
 */
export async function storeRemadeBatch(db: NotifyDb, batchId: string, seenRevision: number, batch: { files: BatchFiles | null; letters: number; pages: number }) {
  const result = await db
    .updateTable('notify_print_batches')
    .set({
      pdf_file_id: batch.files?.pdfFileId ?? null,
      manifest_file_id: batch.files?.manifestFileId ?? null,
      pdf: null,
      manifest: null,
      letters: batch.letters,
      pages: batch.pages,
      remake_pending: false,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', batchId)
    .where('revision', '=', seenRevision)
    .where('remake_pending', '=', true)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function placeInBatch(db: NotifyDb, deliveryId: string, position: number, pages: number) {
  await db.updateTable('notify_deliveries').set({ batch_position: position, batch_pages: pages }).where('id', '=', deliveryId).execute();
}

/** Batches whose remaking has not finished within the hour: the job was lost or kept failing. */
export async function batchesStillToRemake(db: NotifyDb, olderThan: Date) {
  return db.selectFrom('notify_print_batches').select('id').where('remake_pending', '=', true).where('updated_at', '<', olderThan).execute();
}

/**
 * The files of a print batch hold names and addresses: they go a set number of days after printing, and
 * from a batch never printed once its letters' own retention period has passed. Only the figures remain.
 * Returns the batches it emptied, whose file references go too.
 */
export async function purgeBatchFiles(db: NotifyDb, cutoffs: { printedBefore: Date; createdBefore: Date }): Promise<string[]> {
  const rows = await db
    .updateTable('notify_print_batches')
    .set({ ...noFiles, remake_pending: false })
    .where((eb) => eb.or([eb('printed_at', '<', cutoffs.printedBefore), eb('created_at', '<', cutoffs.createdBefore)]))
    .where((eb) =>
      eb.or([eb('pdf_file_id', 'is not', null), eb('manifest_file_id', 'is not', null), eb('pdf', 'is not', null), eb('manifest', 'is not', null), eb('remake_pending', '=', true)]),
    )
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}
