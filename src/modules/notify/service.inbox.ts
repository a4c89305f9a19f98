import type { SignedIn } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { attachmentsOf, deliveriesOf, findAttachment, findOwnMessage, inboxOf, setRead } from './repo.messages.ts';
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
  return { message, blocks: toBlocks(message.body ?? ''), attachments: await attachmentsOf(db, id), deliveries };
}

export async function markUnread(ctx: KernelContext, actor: SignedIn, id: string): Promise<boolean> {
  const db = notifyDb(ctx.db);
  if (!(await findOwnMessage(db, actor.userId, id))) return false;
  await setRead(db, id, false);
  return true;
}

export async function ownAttachment(ctx: KernelContext, actor: SignedIn, messageId: string, attachmentId: string) {
  const db = notifyDb(ctx.db);
  if (!(await findOwnMessage(db, actor.userId, messageId))) return undefined;
  return findAttachment(db, messageId, attachmentId);
}
