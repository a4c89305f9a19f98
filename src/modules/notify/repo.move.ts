import type { NotifyDb } from './repo.templates.ts';

/*
 * Rows written before notify kept its files in the kernel's file store (`service.move.ts`). Read a few at a
 * time, in id order from where the last slice ended, so a row the store refuses is not read again and again.
 */

export async function unmovedAttachments(db: NotifyDb, after: string | null, limit: number) {
  return db
    .selectFrom('notify_attachments as a')
    .innerJoin('notify_messages as m', 'm.id', 'a.message_id')
    .select(['a.id', 'a.message_id', 'a.content_type', 'a.content', 'm.user_id'])
    .where('a.file_id', 'is', null)
    .where('a.content', 'is not', null)
    .$if(after !== null, (q) => q.where('a.id', '>', after!))
    .orderBy('a.id')
    .limit(limit)
    .execute();
}

/** Names the stored file instead of holding the bytes; false when another run moved the row first. */
export async function markAttachmentMoved(db: NotifyDb, id: string, file: { id: string; mediaType: string; size: number }): Promise<boolean> {
  const result = await db
    .updateTable('notify_attachments')
    .set({ file_id: file.id, content_type: file.mediaType, size: file.size, content: null })
    .where('id', '=', id)
    .where('file_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function unmovedBatches(db: NotifyDb, after: string | null, limit: number) {
  return db
    .selectFrom('notify_print_batches')
    .select(['id', 'pdf', 'manifest', 'revision'])
    .where((eb) => eb.or([eb('pdf', 'is not', null), eb('manifest', 'is not', null)]))
    .$if(after !== null, (q) => q.where('id', '>', after!))
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Names the stored files instead of holding the bytes, unless the batch changed since it was read (a letter
 * taken out, its files deleted by retention): then the bytes read are no longer the batch's.
 */
export async function markBatchMoved(db: NotifyDb, id: string, seenRevision: number, files: { pdfFileId: string | null; manifestFileId: string | null }): Promise<boolean> {
  const result = await db
    .updateTable('notify_print_batches')
    .set({ pdf_file_id: files.pdfFileId, manifest_file_id: files.manifestFileId, pdf: null, manifest: null })
    .where('id', '=', id)
    .where('revision', '=', seenRevision)
    .where((eb) => eb.or([eb('pdf', 'is not', null), eb('manifest', 'is not', null)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
