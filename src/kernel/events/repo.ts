import type { Executor } from '../db/database.ts';
import type { EventTables } from './tables.ts';

export interface StoredEvent {
  id: string;
  name: string;
  version: number;
  payload: unknown;
  published_at: Date;
}

export async function insertEvent(db: Executor<EventTables>, event: StoredEvent): Promise<void> {
  await db
    .insertInto('events')
    .values({ ...event, payload: JSON.stringify(event.payload) })
    .execute();
}

export async function findEvent(db: Executor<EventTables>, id: string): Promise<StoredEvent | undefined> {
  return db.selectFrom('events').select(['id', 'name', 'version', 'payload', 'published_at']).where('id', '=', id).executeTakeFirst();
}

/**
 * Records that the subscriber handled the event, unless it already did: true for the first delivery. Two
 * workers delivering the same event at once meet at the primary key; the second waits for the first's
 * transaction and then finds the row.
 */
export async function claimDelivery(db: Executor<EventTables>, eventId: string, subscriber: string): Promise<boolean> {
  const claimed = await db
    .insertInto('event_deliveries')
    .values({ event_id: eventId, subscriber, delivered_at: new Date() })
    .onConflict((conflict) => conflict.columns(['event_id', 'subscriber']).doNothing())
    .returning('event_id')
    .executeTakeFirst();
  return claimed !== undefined;
}

export async function deliveredTo(db: Executor<EventTables>, eventId: string): Promise<string[]> {
  const rows = await db.selectFrom('event_deliveries').select('subscriber').where('event_id', '=', eventId).orderBy('subscriber').execute();
  return rows.map((row) => row.subscriber);
}

/** Deletes events published before the cutoff, with their delivery records. */
export async function purgeEventsBefore(db: Executor<EventTables>, cutoff: Date): Promise<number> {
  const result = await db.deleteFrom('events').where('published_at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
