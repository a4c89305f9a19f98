import type { Insertable } from 'kysely';
import type { Channel, DeliveryStatus, NotifyTables } from './tables.ts';
import type { NotifyDb } from './repo.templates.ts';

export async function findMessageIdByCause(db: NotifyDb, cause: string) {
  return db.selectFrom('notify_messages').select(['id', 'reference']).where('cause', '=', cause).executeTakeFirst();
}

/** Inserts unless the cause has a message already (also one committed a moment ago by another caller). */
export async function insertMessage(db: NotifyDb, message: Insertable<NotifyTables['notify_messages']>) {
  return db.insertInto('notify_messages').values(message).onConflict((oc) => oc.column('cause').doNothing()).returning(['id', 'reference']).executeTakeFirst();
}

/** A delivery with the first event of its history, in one statement: sending is a hot path. */
export async function insertDelivery(db: NotifyDb, delivery: { messageId: string; channel: Channel; status: DeliveryStatus }, actorLabel: string) {
  const row = await db
    .with('delivery', (with_) => with_.insertInto('notify_deliveries').values({ message_id: delivery.messageId, channel: delivery.channel, status: delivery.status }).returning('id'))
    .insertInto('notify_delivery_events')
    .columns(['delivery_id', 'status', 'actor_label'])
    .expression((eb) => eb.selectFrom('delivery').select((inner) => ['delivery.id', inner.val(delivery.status).as('status'), inner.val(actorLabel).as('actor_label')]))
    .returning('delivery_id')
    .executeTakeFirstOrThrow();
  return row.delivery_id;
}

export async function findMessage(db: NotifyDb, id: string) {
  return db.selectFrom('notify_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The message, locked against a second renderer and against its content being deleted meanwhile. */
export async function lockMessage(db: NotifyDb, id: string) {
  return db.selectFrom('notify_messages').select(['id', 'user_id', 'body']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function deliveriesOf(db: NotifyDb, messageId: string) {
  return db.selectFrom('notify_deliveries').selectAll().where('message_id', '=', messageId).orderBy('channel').execute();
}

export async function eventsOf(db: NotifyDb, messageId: string) {
  return db
    .selectFrom('notify_delivery_events as e')
    .innerJoin('notify_deliveries as d', 'd.id', 'e.delivery_id')
    .select(['d.channel', 'e.at', 'e.status', 'e.detail', 'e.actor_label'])
    .where('d.message_id', '=', messageId)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
}

/** The inbox of one person, newest first. */
export async function inboxOf(db: NotifyDb, userId: string, limit = 200) {
  return db
    .selectFrom('notify_messages')
    .select(['id', 'reference', 'subject', 'created_at', 'read_at', 'content_deleted_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

/** Every message to this person with how it was delivered, for their data download (`service.personal-data.ts`). */
export async function personalMessages(db: NotifyDb, userId: string) {
  const messages = await db
    .selectFrom('notify_messages')
    .select(['id', 'reference', 'purpose', 'language', 'subject', 'body', 'link', 'email', 'postal_address', 'created_at', 'read_at', 'content_deleted_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
  if (messages.length === 0) return [];
  const ids = messages.map((message) => message.id);
  const deliveries = await db
    .selectFrom('notify_deliveries')
    .select(['message_id', 'channel', 'status', 'last_error', 'created_at', 'updated_at'])
    .where('message_id', 'in', ids)
    .orderBy('created_at')
    .execute();
  return messages.map((message) => ({
    ...message,
    deliveries: deliveries.filter((delivery) => delivery.message_id === message.id).map(({ message_id: _id, ...delivery }) => delivery),
  }));
}

/** A message of this person only: another person's id yields nothing, exactly as an unknown id does. */
export async function findOwnMessage(db: NotifyDb, userId: string, id: string) {
  return db.selectFrom('notify_messages').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
}

export async function setRead(db: NotifyDb, id: string, read: boolean): Promise<void> {
  await db
    .updateTable('notify_messages')
    .set({ read_at: read ? new Date() : null })
    .where('id', '=', id)
    .$if(read, (q) => q.where('read_at', 'is', null))
    .execute();
}

export interface MessageFilter {
  status?: DeliveryStatus;
  channel?: Channel;
  from: Date;
  to: Date;
}

/** Messages for the back office, with each delivery's status. */
export async function listMessages(db: NotifyDb, filter: MessageFilter, limit = 200) {
  return db
    .selectFrom('notify_messages as m')
    .innerJoin('notify_deliveries as d', 'd.message_id', 'm.id')
    .select(['m.id', 'm.reference', 'm.purpose', 'm.recipient_name', 'm.created_at', 'd.channel', 'd.status', 'd.updated_at', 'd.last_error'])
    .where('m.created_at', '>=', filter.from)
    .where('m.created_at', '<', filter.to)
    .$if(filter.status !== undefined, (q) => q.where('d.status', '=', filter.status!))
    .$if(filter.channel !== undefined, (q) => q.where('d.channel', '=', filter.channel!))
    .orderBy('m.created_at', 'desc')
    .limit(limit)
    .execute();
}
