import type { SignedIn } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { attachmentsOf, findAttachment } from './repo.attachments.ts';
import { deliveriesOf, findOwnMessage, inboxOf, setRead } from './repo.messages.ts';
import { notifyDb } from './repo.templates.ts';
import { toBlocks } from './templates.ts';

/*
 * "Mein Konto → Nachrichten". Every look-up is by the signed-in person's id and the message id together:
 * another person's message is simply not found (404), never "forbidden", which would confirm it exists.
 */

export async function inbox(ctx: KernelContext, actor: SignedIn) {
  const messages = await inboxOf(notifyDb(ctx.db), actor.userId);
  return { messages, unread: messages.filter((message) => !message.read_at).length };
}

/** Opens a message and marks it read. */
export async function openMessage(ctx: KernelContext, actor: SignedIn, id: string) {
  const db = notifyDb(ctx.db);
  const message = await findOwnMessage(db, actor.userId, id);
  if (!message) return undefined;
  if (!message.read_at) await setRead(db, id, true);
  // The person sees how the message travelled too: whether the letter has gone out is a common question.
  const deliveries = (await deliveriesOf(db, id)).filter((delivery) => delivery.channel !== 'inbox');
  const attachments = await attachmentsOf(db, id);
  // A document's PDF is made by a job a moment after the message; until then the page says it is coming.
  const documentPending = message.document && message.content_deleted_at === null && !attachments.some((file) => file.document);
  return { message, blocks: toBlocks(message.body ?? ''), attachments, deliveries, documentPending };
}

export async function markUnread(ctx: KernelContext, actor: SignedIn, id: string): Promise<boolean> {
  const db = notifyDb(ctx.db);
  if (!(await findOwnMessage(db, actor.userId, id))) return false;
  await setRead(db, id, false);
  return true;
}

export type OwnAttachment = { ok: true; fileId: string; filename: string } | { ok: false; reason: 'not-found' | 'being-moved' };

/** Which stored file an attachment of the person's own message is; the route sends it through the file store. */
export async function ownAttachment(ctx: KernelContext, actor: SignedIn, messageId: string, attachmentId: string): Promise<OwnAttachment> {
  const db = notifyDb(ctx.db);
  const attachment = (await findOwnMessage(db, actor.userId, messageId)) ? await findAttachment(db, messageId, attachmentId) : undefined;
  if (!attachment) return { ok: false, reason: 'not-found' };
  // Sent before the file store and not moved into it yet (`notify.move-stored-files`).
  if (!attachment.file_id) return { ok: false, reason: 'being-moved' };
  return { ok: true, fileId: attachment.file_id, filename: attachment.filename };
}
