import { sql } from 'kysely';
import type { InitiativesDb } from '../repo.ts';
import type { EventRow, FeedRow } from '../tables.ts';

/* The feeds' queries: which feeds to import, a feed under its lock, its events, and what waits for a moderator. */

/** Active feeds of published initiatives, the longest unfetched first. */
export async function feedsToImport(db: InitiativesDb): Promise<FeedRow[]> {
  return db
    .selectFrom('initiative_feeds as f')
    .innerJoin('initiatives as i', 'i.id', 'f.initiative_id')
    .selectAll('f')
    .where('f.active', '=', true)
    .where('i.status', '=', 'published')
    .orderBy(sql`f.last_fetched_at nulls first`)
    .execute();
}

export async function findFeed(db: InitiativesDb, id: string): Promise<FeedRow | undefined> {
  return db.selectFrom('initiative_feeds').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The feed locked for the rest of the transaction: two imports of one feed at once take turns. */
export async function lockFeed(db: InitiativesDb, id: string): Promise<FeedRow | undefined> {
  return db.selectFrom('initiative_feeds').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateFeed(db: InitiativesDb, id: string, values: Partial<Omit<FeedRow, 'id' | 'initiative_id' | 'created_at'>>): Promise<FeedRow> {
  return db.updateTable('initiative_feeds').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function feedEvents(db: InitiativesDb, feedId: string): Promise<EventRow[]> {
  return db.selectFrom('initiative_events').selectAll().where('feed_id', '=', feedId).execute();
}

/** How many of the feed's events are shown and how many are held back. */
export async function countFeedEvents(db: InitiativesDb, feedId: string): Promise<{ shown: number; held: number }> {
  const row = await db
    .selectFrom('initiative_events')
    .select([sql<string>`count(*) filter (where status <> 'held')`.as('shown'), sql<string>`count(*) filter (where status = 'held')`.as('held')])
    .where('feed_id', '=', feedId)
    .executeTakeFirstOrThrow();
  return { shown: Number(row.shown), held: Number(row.held) };
}

/** The addresses of the entry's active maintainers, each once. */
export async function maintainerAddresses(db: InitiativesDb, initiativeId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('initiative_maintainers')
    .select('email')
    .where('initiative_id', '=', initiativeId)
    .where('status', '=', 'active')
    .where('email', 'is not', null)
    .execute();
  return [...new Set(rows.map((row) => row.email!.toLowerCase()))];
}

export interface HeldFeed {
  feedId: string;
  url: string;
  initiativeName: string;
  initiativeSlug: string;
  heldCount: number;
  shownCount: number;
  lastFetchedAt: Date | null;
  events: { id: string; title: string; startsAt: Date; rrule: string | null }[];
}

/** Every feed with events held back, the longest waiting first, with its first held events. */
export async function heldFeeds(db: InitiativesDb, perFeed: number): Promise<HeldFeed[]> {
  const feeds = await db
    .selectFrom('initiative_feeds as f')
    .innerJoin('initiatives as i', 'i.id', 'f.initiative_id')
    .select(['f.id', 'f.url', 'f.event_count', 'f.last_fetched_at', 'i.name', 'i.slug'])
    .select((eb) => eb.selectFrom('initiative_events as e').select(sql<string>`count(*)`.as('n')).whereRef('e.feed_id', '=', 'f.id').where('e.status', '=', 'held').as('held'))
    .where((eb) => eb.exists(eb.selectFrom('initiative_events as e').select('e.id').whereRef('e.feed_id', '=', 'f.id').where('e.status', '=', 'held')))
    .orderBy('f.last_fetched_at')
    .execute();
  const result: HeldFeed[] = [];
  for (const feed of feeds) {
    const events = await db.selectFrom('initiative_events').select(['id', 'title', 'starts_at', 'rrule']).where('feed_id', '=', feed.id).where('status', '=', 'held').orderBy('starts_at').limit(perFeed).execute();
    result.push({
      feedId: feed.id,
      url: feed.url,
      initiativeName: feed.name,
      initiativeSlug: feed.slug,
      heldCount: Number(feed.held),
      shownCount: feed.event_count,
      lastFetchedAt: feed.last_fetched_at,
      events: events.map((event) => ({ id: event.id, title: event.title, startsAt: event.starts_at, rrule: event.rrule })),
    });
  }
  return result;
}

/** Lets the feed's held events through; returns how many. */
export async function releaseHeld(db: InitiativesDb, feedId: string, now: Date): Promise<number> {
  const released = await db.updateTable('initiative_events').set({ status: 'published', updated_at: now }).where('feed_id', '=', feedId).where('status', '=', 'held').executeTakeFirst();
  return Number(released.numUpdatedRows);
}

/** Deletes the feed's held events (their occurrences go with them); returns how many. */
export async function discardHeld(db: InitiativesDb, feedId: string): Promise<number> {
  const deleted = await db.deleteFrom('initiative_events').where('feed_id', '=', feedId).where('status', '=', 'held').executeTakeFirst();
  return Number(deleted.numDeletedRows);
}
