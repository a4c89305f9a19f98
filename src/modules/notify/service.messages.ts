import { recordAudit } from '#kernel/audit.ts';
import type { Actor } from '#kernel/auth/actor.ts';
import { berlinDay } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import { notifyPermissions } from './permissions.ts';
import { failuresBetween } from './repo.deliveries.ts';
import { attachmentsOf } from './repo.attachments.ts';
import { deliveriesOf, eventsOf, findMessage, listMessages, type MessageFilter } from './repo.messages.ts';
import { notifyDb } from './repo.templates.ts';
import { toBlocks } from './templates.ts';

/** Messages of one day for the back office; who looked is recorded, as the list shows names. */
export async function messagesOfDay(ctx: KernelContext, actor: Actor, filter: Omit<MessageFilter, 'from' | 'to'> & { day: string }) {
  ctx.permissions.require(actor, notifyPermissions.viewMessages);
  const rows = await listMessages(notifyDb(ctx.db), { ...filter, ...berlinDay(filter.day) });
  await recordAudit(ctx.db, { actor }, { action: 'notify.messages-listed', subjectType: 'notify_message', meta: { day: filter.day, status: filter.status, channel: filter.channel } });
  return rows;
}

/** The daily list of failures: e-mails refused or given up, letters returned. */
export async function failuresOfDay(ctx: KernelContext, actor: Actor, day: string) {
  ctx.permissions.require(actor, notifyPermissions.viewMessages);
  const rows = await failuresBetween(notifyDb(ctx.db), berlinDay(day).from, berlinDay(day).to);
  await recordAudit(ctx.db, { actor }, { action: 'notify.failures-listed', subjectType: 'notify_message', meta: { day } });
  return rows;
}

/** One message with each delivery's history; opening it is recorded against the recipient. */
export async function messageForStaff(ctx: KernelContext, actor: Actor, id: string) {
  ctx.permissions.require(actor, notifyPermissions.viewMessages);
  const db = notifyDb(ctx.db);
  const message = await findMessage(db, id);
  if (!message) return undefined;
  await recordAudit(ctx.db, { actor }, { action: 'notify.message-viewed', subjectType: 'notify_message', subjectId: id, dataSubjectId: message.user_id });
  return {
    message,
    blocks: toBlocks(message.body ?? ''),
    deliveries: await deliveriesOf(db, id),
    events: await eventsOf(db, id),
    attachments: await attachmentsOf(db, id),
    canMarkReturned: ctx.permissions.can(actor, notifyPermissions.print),
  };
}

/** What a machine client may know about a message it sent itself: the state of each delivery. */
export async function notificationStatus(ctx: KernelContext, actor: Actor, id: string) {
  ctx.permissions.require(actor, notifyPermissions.send);
  const db = notifyDb(ctx.db);
  const message = await findMessage(db, id);
  const owner = actor.kind === 'client' ? `client:${actor.clientId}` : null;
  if (!message || (owner !== null && message.created_by !== owner)) return undefined;
  return { message, deliveries: await deliveriesOf(db, id) };
}
