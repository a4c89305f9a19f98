import { recordAudit } from '#kernel/audit.ts';
import type { Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { notifyPermissions } from './permissions.ts';
import { failuresBetween } from './repo.deliveries.ts';
import { attachmentsOf, deliveriesOf, eventsOf, findMessage, listMessages, type MessageFilter } from './repo.messages.ts';
import { notifyDb } from './repo.templates.ts';
import { toBlocks } from './templates.ts';

function berlinMidnight(day: string): Date {
  // Clocks change at 01:00 UTC, so the offset at 00:00 UTC is the one in force at Berlin's midnight.
  const probe = new Date(`${day}T00:00:00Z`);
  const name = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', timeZoneName: 'longOffset' }).formatToParts(probe).find((part) => part.type === 'timeZoneName')?.value;
  return new Date(`${day}T00:00:00${name?.replace('GMT', '') || '+00:00'}`);
}

/** Start and end of a calendar day in Berlin, as UTC instants (23 or 25 hours on the days clocks change). */
export function berlinDay(day: string): { from: Date; to: Date } {
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { from: berlinMidnight(day), to: berlinMidnight(next) };
}

/** A real calendar day as `YYYY-MM-DD` (JavaScript would quietly turn 31 February into 3 March). */
export function isCalendarDay(day: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return false;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const parsed = new Date(Date.UTC(year, month - 1, date));
  return year >= 2000 && year <= 2100 && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === date;
}

export function todayInBerlin(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(now);
}

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
