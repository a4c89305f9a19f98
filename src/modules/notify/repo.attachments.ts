import type { Insertable } from 'kysely';
import type { NotifyDb } from './repo.templates.ts';
import type { NotifyTables } from './tables.ts';

export async function insertAttachments(db: NotifyDb, rows: Insertable<NotifyTables['notify_attachments']>[]) {
  if (rows.length > 0) await db.insertInto('notify_attachments').values(rows).execute();
}

/** What the inbox and the back office show of a message's attachments. */
export async function attachmentsOf(db: NotifyDb, messageId: string) {
  return db.selectFrom('notify_attachments').select(['id', 'filename', 'content_type', 'size', 'document']).where('message_id', '=', messageId).orderBy('position').execute();
}

/** Where each attachment's content is: the store's file id, or (for a row not yet moved) the row's bytes. */
export async function attachmentFiles(db: NotifyDb, messageIds: readonly string[]) {
  if (messageIds.length === 0) return [];
  return db
    .selectFrom('notify_attachments')
    .select(['message_id', 'filename', 'content_type', 'size', 'file_id', 'content'])
    .where('message_id', 'in', messageIds)
    .orderBy('position')
    .execute();
}

/**
 * The attachments of the message an e-mail delivery carries: which file each is, or that it is not moved
 * yet. A document's e-mail carries none.
 */
export async function attachmentFilesOfDelivery(db: NotifyDb, deliveryId: string) {
  return db
    .selectFrom('notify_attachments as a')
    .innerJoin('notify_deliveries as d', 'd.message_id', 'a.message_id')
    .innerJoin('notify_messages as m', 'm.id', 'a.message_id')
    .select(['a.file_id'])
    .where('d.id', '=', deliveryId)
    .where('m.document', '=', false)
    .execute();
}

export async function findAttachment(db: NotifyDb, messageId: string, attachmentId: string) {
  return db.selectFrom('notify_attachments').select(['id', 'filename', 'file_id']).where('message_id', '=', messageId).where('id', '=', attachmentId).executeTakeFirst();
}

/** Deletes the attachments of these messages; returns the messages that had any, whose file references go too. */
export async function deleteAttachmentsOf(db: NotifyDb, messageIds: readonly string[]): Promise<string[]> {
  if (messageIds.length === 0) return [];
  const rows = await db.deleteFrom('notify_attachments').where('message_id', 'in', messageIds).returning('message_id').execute();
  return [...new Set(rows.map((row) => row.message_id))];
}

/** Attachments left behind by messages whose content is already deleted (an interrupted run). */
export async function deleteAttachmentsOfPurgedMessages(db: NotifyDb): Promise<string[]> {
  const rows = await db
    .deleteFrom('notify_attachments')
    .where('message_id', 'in', (eb) => eb.selectFrom('notify_messages').select('id').where('content_deleted_at', 'is not', null))
    .returning('message_id')
    .execute();
  return [...new Set(rows.map((row) => row.message_id))];
}

/** The rendered letter of a document message, once `notify.render-document` has made it. */
export async function documentOf(db: NotifyDb, messageId: string) {
  return db.selectFrom('notify_attachments').select(['id', 'file_id']).where('message_id', '=', messageId).where('document', '=', true).executeTakeFirst();
}

/** Whether the e-mail of this delivery tells of a document whose PDF the inbox does not hold yet. */
export async function documentPendingForDelivery(db: NotifyDb, deliveryId: string): Promise<boolean> {
  const row = await db
    .selectFrom('notify_deliveries as d')
    .innerJoin('notify_messages as m', 'm.id', 'd.message_id')
    .select((eb) => eb.exists(eb.selectFrom('notify_attachments as a').select('a.id').whereRef('a.message_id', '=', 'm.id').where('a.document', '=', true)).as('rendered'))
    .where('d.id', '=', deliveryId)
    .where('m.document', '=', true)
    .where('m.user_id', 'is not', null)
    .where('m.content_deleted_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined && !row.rendered;
}
