import { sql } from 'kysely';
import type { BatchStatus, Channel, DeliveryStatus } from './tables.ts';
import type { NotifyDb } from './repo.templates.ts';

export async function addEvent(db: NotifyDb, deliveryId: string, status: string, actorLabel: string, detail: string | null = null) {
  await db.insertInto('notify_delivery_events').values({ delivery_id: deliveryId, status, detail: detail?.slice(0, 1000) ?? null, actor_label: actorLabel }).execute();
}

export async function findDelivery(db: NotifyDb, id: string) {
  return db.selectFrom('notify_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Takes a delivery for one attempt: only if it is not finished and no other worker holds it. Marks it
 * `sending` and counts the attempt in the same statement, so two workers can never both win.
 */
export async function claimDelivery(db: NotifyDb, id: string, leaseSeconds: number) {
  return db
    .updateTable('notify_deliveries')
    .set((eb) => ({
      status: 'sending',
      attempts: eb('attempts', '+', 1),
      lease_until: sql<Date>`now() + make_interval(secs => ${leaseSeconds})`,
      updated_at: sql<Date>`now()`,
    }))
    .where('id', '=', id)
    .where('status', 'in', ['created', 'sending'])
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', sql<Date>`now()`)]))
    .returning(['id', 'message_id', 'attempts'])
    .executeTakeFirst();
}

/** Ends an attempt: delivered or failed for good, or back to waiting for the next try. */
export async function finishAttempt(db: NotifyDb, id: string, outcome: { status: DeliveryStatus; error?: string | null }) {
  await db
    .updateTable('notify_deliveries')
    .set({ status: outcome.status, lease_until: null, last_error: outcome.error?.slice(0, 1000) ?? null, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

/** Deliveries nobody has moved for an hour while they should have been: a lost job, a crashed worker. */
export async function stuckEmailDeliveries(db: NotifyDb, olderThan: Date, limit = 500) {
  return db
    .selectFrom('notify_deliveries')
    .select(['id', 'attempts'])
    .where('channel', '=', 'email')
    .where('status', 'in', ['created', 'sending'])
    .where('updated_at', '<', olderThan)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', sql<Date>`now()`)]))
    .orderBy('updated_at')
    .limit(limit)
    .execute();
}

export async function touch(db: NotifyDb, id: string) {
  await db.updateTable('notify_deliveries').set({ updated_at: sql<Date>`now()` }).where('id', '=', id).execute();
}

/** Every delivery that failed (or came back) in the period, for the daily list of failures. */
export async function failuresBetween(db: NotifyDb, from: Date, to: Date) {
  return db
    .selectFrom('notify_deliveries as d')
    .innerJoin('notify_messages as m', 'm.id', 'd.message_id')
    .select(['m.id as message_id', 'm.reference', 'm.purpose', 'm.recipient_name', 'd.channel', 'd.status', 'd.attempts', 'd.last_error', 'd.updated_at'])
    .where('d.status', 'in', ['failed', 'returned'])
    .where('d.updated_at', '>=', from)
    .where('d.updated_at', '<', to)
    .orderBy('d.updated_at', 'desc')
    .execute();
}

/** Letters waiting for the next print batch, oldest first. */
export async function lettersToPrint(db: NotifyDb, limit: number) {
  return db
    .selectFrom('notify_deliveries as d')
    .innerJoin('notify_messages as m', 'm.id', 'd.message_id')
    .select(['d.id as delivery_id', 'm.id as message_id'])
    .where('d.channel', '=', 'letter')
    .where('d.status', '=', 'created')
    .orderBy('d.created_at')
    .orderBy('d.id')
    .limit(limit)
    .execute();
}

export async function insertBatch(db: NotifyDb, batch: { reference: string; letters: number; pages: number; pdfFileId: string; manifestFileId: string; createdBy: string }) {
  return db
    .insertInto('notify_print_batches')
    .values({
      reference: batch.reference,
      letters: batch.letters,
      pages: batch.pages,
      pdf_file_id: batch.pdfFileId,
      manifest_file_id: batch.manifestFileId,
      created_by: batch.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/**
 * Puts letters into a batch with their page counts; returns how many were still waiting (a concurrent batch
 * may have taken some, or a deleted account withdrawn them).
 */
export async function assignToBatch(db: NotifyDb, batchId: string, letters: readonly { deliveryId: string; pages: number }[]): Promise<number> {
  let assigned = 0;
  for (const [position, letter] of letters.entries()) {
    const result = await db
      .updateTable('notify_deliveries')
      .set({ status: 'sending', batch_id: batchId, batch_position: position + 1, batch_pages: letter.pages, updated_at: sql<Date>`now()` })
      .where('id', '=', letter.deliveryId)
      .where('status', '=', 'created')
      .executeTakeFirst();
    assigned += Number(result.numUpdatedRows);
  }
  return assigned;
}

export async function listBatches(db: NotifyDb, limit = 60) {
  return db
    .selectFrom('notify_print_batches')
    .select(['id', 'reference', 'status', 'letters', 'pages', 'created_at', 'updated_at', 'remake_pending', sql<boolean>`pdf_file_id is not null or pdf is not null`.as('has_files')])
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function findBatch(db: NotifyDb, id: string) {
  return db.selectFrom('notify_print_batches').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The batch, locked for the rest of the transaction, so that two people marking it at once take turns. */
export async function lockBatch(db: NotifyDb, id: string) {
  return db.selectFrom('notify_print_batches').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The day of printing starts the batch's retention period; a batch posted straight away was printed that day. */
export async function setBatchStatus(db: NotifyDb, id: string, status: BatchStatus): Promise<void> {
  await db
    .updateTable('notify_print_batches')
    .set({ status, printed_at: sql<Date>`coalesce(printed_at, now())`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

/** The letters of a batch follow it, printed then posted; letters already returned stay returned. */
export async function moveLettersOf(db: NotifyDb, batchId: string, status: BatchStatus): Promise<string[]> {
  const from: DeliveryStatus[] = status === 'posted' ? ['sending', 'printed'] : ['sending'];
  const rows = await db
    .updateTable('notify_deliveries')
    .set({ status, updated_at: sql<Date>`now()` })
    .where('batch_id', '=', batchId)
    .where('status', 'in', from)
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

export async function deliveryOf(db: NotifyDb, messageId: string, channel: Channel) {
  return db.selectFrom('notify_deliveries').selectAll().where('message_id', '=', messageId).where('channel', '=', channel).executeTakeFirst();
}
