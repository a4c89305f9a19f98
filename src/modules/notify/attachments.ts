import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { KernelContext } from '#kernel/context.ts';
import type { FileInfo, FileOwner, PutResult } from '#kernel/files/types.ts';
import { attachmentFiles, attachmentFilesOfDelivery } from './repo.attachments.ts';
import { notifyDb } from './repo.templates.ts';

/*
 * Attachments live in the kernel's file store; notify keeps which file each attachment of a message is,
 * under what name, and references the file for the message (`messageOwner`).
 */

export const attachmentTypes = ['application/pdf', 'image/png', 'image/jpeg', 'text/plain', 'text/csv'] as const;
export type AttachmentType = (typeof attachmentTypes)[number];
export const maxAttachmentBytes = 5 * 1024 * 1024;
export const maxAttachments = 10;

export function messageOwner(messageId: string): FileOwner {
  return { module: 'notify', kind: 'message', id: messageId };
}

/**
 * Puts an attachment into the file store; call it before the transaction that sends the message (the store
 * works in transactions of its own), then name the file in `sendNotification`'s attachments. With a type
 * given, the content must be of that type: a "PDF" that is something else is refused, not passed on.
 */
export async function putAttachment(ctx: KernelContext, content: Readable | Uint8Array, contentType?: AttachmentType): Promise<PutResult> {
  return ctx.files.put(content, { accept: contentType ? [contentType] : attachmentTypes, maxBytes: maxAttachmentBytes });
}

/** A stored file notify may attach: of an allowed type and size, and not found infected. */
export function isAttachable(file: FileInfo | undefined): file is FileInfo {
  return file !== undefined && file.status !== 'infected' && (attachmentTypes as readonly string[]).includes(file.mediaType) && file.size <= maxAttachmentBytes;
}

/**
 * Whether an e-mail must wait for its attachments: one still waiting for its virus scan, or written before
 * the file store and not moved into it yet. Checked before a delivery is claimed, so waiting uses up no attempt.
 */
export async function attachmentsWaiting(ctx: KernelContext, deliveryId: string): Promise<boolean> {
  const rows = await attachmentFilesOfDelivery(notifyDb(ctx.db), deliveryId);
  if (rows.some((row) => row.file_id === null)) return true;
  const files = await ctx.files.describe(rows.map((row) => row.file_id!));
  return [...files.values()].some((file) => file.status === 'pending');
}

export type EmailAttachments = { ok: true; files: { filename: string; contentType: string; content: Buffer }[] } | { ok: false; detail: string };

/**
 * The attachments of a message as the mail carries them. Read whole: each is at most 5 MB, and bytes in
 * hand leave no file handle or storage connection open when the mail server refuses before the body. A
 * file found infected (and deleted) or gone fails the delivery; one not ready yet throws, to be retried.
 */
export async function emailAttachments(ctx: KernelContext, messageId: string): Promise<EmailAttachments> {
  const files: { filename: string; contentType: string; content: Buffer }[] = [];
  for (const row of await attachmentFiles(notifyDb(ctx.db), [messageId])) {
    if (!row.file_id) throw new Error(`Attachment ${row.filename} of message ${messageId} is not in the file store yet`);
    const opened = await ctx.files.open(row.file_id);
    if (!opened.ok && opened.reason === 'pending') throw new Error(`Attachment ${row.filename} of message ${messageId} waits for its virus scan`);
    if (!opened.ok) return { ok: false, detail: `attachment ${row.filename} ${opened.reason === 'infected' ? 'was found infected and deleted' : 'is no longer stored'}` };
    files.push({ filename: row.filename, contentType: opened.file.mediaType, content: await buffer(opened.content) });
  }
  return { ok: true, files };
}

/**
 * An attachment's content for the person's data download: from the store, or from the row while it waits to
 * be moved there; null while the store cannot hand it out (being scanned, or found infected).
 */
export async function attachmentContent(ctx: KernelContext, row: { file_id: string | null; content: Buffer | null }): Promise<Buffer | null> {
  // The driver hands bytea over as a Uint8Array, whatever the column's type says.
  if (!row.file_id) return row.content ? Buffer.from(row.content) : null;
  const opened = await ctx.files.open(row.file_id);
  return opened.ok ? buffer(opened.content) : null;
}
