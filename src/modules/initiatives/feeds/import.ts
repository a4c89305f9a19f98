import type { KernelContext } from '#kernel/context.ts';
import { requestOutbound, type OutboundFailure } from '#kernel/outbound/request.ts';
import { insertEvent, writeOccurrences } from '../events/repo.ts';
import { initiativesDb, type InitiativesDb } from '../repo.ts';
import { reindexInitiative } from '../search.ts';
import type { EventRow, FeedRow } from '../tables.ts';
import { sendFeedFailureJob } from './mail.ts';
import { parseFeed, type FeedEvent, type FeedProblem } from './parse.ts';
import { countFeedEvents, feedEvents, feedsToImport, findFeed, lockFeed, updateFeed } from './repo.ts';

/*
 * Imports an initiative's iCalendar feed: fetched through the platform's guarded outbound request, read,
 * and written as the feed's events with their occurrences in one transaction. A fetch that fails keeps
 * every event imported before and tells the maintainers once, when the feed starts failing. A feed that
 * suddenly brings far more new events than it had (a hijacked or broken calendar) gets them held back
 * until a moderator has looked.
 */

export const fetchLimits = { maxBytes: 2 * 1024 * 1024, connectTimeoutMs: 5_000, timeoutMs: 20_000 } as const;

/** More new events than this, and more than `floodFactor` times what the feed had, is a flood… */
export const floodNew = 50;
export const floodFactor = 3;
/** …and so is any feed with more events than this in one fetch. */
export const floodTotal = 500;

export type FeedFailure = OutboundFailure | FeedProblem | 'http-status';

export type ImportOutcome =
  | { ok: true; added: number; updated: number; removed: number; unchanged: number; held: number; skipped: number }
  | { ok: false; reason: FeedFailure; status?: number }
  | { ok: false; reason: 'not-found' };

type Fetched = { ok: true; text: string } | { ok: false; reason: FeedFailure; status?: number };

async function fetchFeed(ctx: KernelContext, url: string): Promise<Fetched> {
  // webcal:// is how calendar programs subscribe; it means the same address over HTTP(S).
  const address = url.replace(/^webcals?:\/\//i, 'https://');
  const response = await requestOutbound(ctx.config, address, { ...fetchLimits, headers: { accept: 'text/calendar, text/plain;q=0.5, */*;q=0.1', 'user-agent': `${ctx.config.CITY_NAME} Initiativen-Kalender` } });
  if (!response.ok) return { ok: false, reason: response.reason };
  if (response.status >= 400) return { ok: false, reason: 'http-status', status: response.status };
  return { ok: true, text: response.body.toString('utf8') };
}

/** Whether the stored event already says what the feed says (then nothing is written). */
function sameAs(stored: EventRow, event: FeedEvent, title: string): boolean {
  const times = (days: readonly Date[]) => days.map((day) => day.getTime()).join(',');
  return (
    stored.title === title &&
    stored.description === event.description &&
    stored.location === event.location &&
    stored.url === event.url &&
    stored.starts_at.getTime() === event.startsAt.getTime() &&
    stored.ends_at.getTime() === event.endsAt.getTime() &&
    stored.all_day === event.allDay &&
    stored.time_zone === event.timeZone &&
    stored.rrule === event.rrule &&
    times(stored.exdates) === times(event.exdates) &&
    stored.sequence === event.sequence &&
    (stored.status === 'cancelled') === event.cancelled
  );
}

function columnsOf(event: FeedEvent, title: string) {
  return {
    title,
    description: event.description,
    location: event.location,
    url: event.url,
    starts_at: event.startsAt,
    ends_at: event.endsAt,
    all_day: event.allDay,
    time_zone: event.timeZone,
    rrule: event.rrule,
    exdates: event.exdates,
    sequence: event.sequence,
  };
}

/** Writes a read feed's events under the feed's lock: upsert by UID, delete what vanished, hold a flood back. */
async function applyFeed(ctx: KernelContext, db: InitiativesDb, feed: FeedRow, events: FeedEvent[], skipped: number, now: Date): Promise<ImportOutcome> {
  const untitled = ctx.i18n.getFixedT('de')('initiatives:feeds.untitled');
  const stored = new Map((await feedEvents(db, feed.id)).map((event) => [event.source_uid, event]));
  const fresh = events.filter((event) => !stored.has(event.sourceUid)).length;
  const flood = fresh > 0 && ((fresh > floodNew && fresh > floodFactor * feed.event_count) || events.length > floodTotal);
  const outcome = { ok: true as const, added: 0, updated: 0, removed: 0, unchanged: 0, held: 0, skipped };
  for (const event of events) {
    const title = event.title || untitled;
    const known = stored.get(event.sourceUid);
    if (!known) {
      const status = flood ? 'held' : event.cancelled ? 'cancelled' : 'published';
      await insertEvent(db, { initiative_id: feed.initiative_id, feed_id: feed.id, source_uid: event.sourceUid, status, ...columnsOf(event, title) }, now);
      outcome.added += 1;
      continue;
    }
    // An older revision than the one stored (SEQUENCE went back) is not taken over.
    if (event.sequence < known.sequence || sameAs(known, event, title)) {
      outcome.unchanged += 1;
      continue;
    }
    // Held stays held until a moderator decides; a shown event follows the feed's cancellation.
    const status = known.status === 'held' ? 'held' : event.cancelled ? 'cancelled' : 'published';
    const updated = await db.updateTable('initiative_events').set({ ...columnsOf(event, title), status, updated_at: now }).where('id', '=', known.id).returningAll().executeTakeFirstOrThrow();
    await writeOccurrences(db, updated, now);
    outcome.updated += 1;
  }
  const kept = new Set(events.map((event) => event.sourceUid));
  const vanished = [...stored.values()].filter((event) => !kept.has(event.source_uid ?? '')).map((event) => event.id);
  if (vanished.length > 0) await db.deleteFrom('initiative_events').where('id', 'in', vanished).execute();
  outcome.removed = vanished.length;
  const counts = await countFeedEvents(db, feed.id);
  outcome.held = flood ? outcome.added : 0;
  await updateFeed(db, feed.id, { last_fetched_at: now, last_ok_at: now, last_error: null, failures: 0, event_count: counts.shown, held_count: counts.held });
  return outcome;
}

/** The failure as the German sentence maintainers and moderators read; the feed keeps its events. */
async function recordFailure(ctx: KernelContext, db: InitiativesDb, feed: FeedRow, failure: { reason: FeedFailure; status?: number }, now: Date): Promise<void> {
  const sentence = ctx.i18n.getFixedT('de')(`initiatives:feeds.errors.${failure.reason}`, { status: failure.status ?? '' });
  await updateFeed(db, feed.id, { last_fetched_at: now, last_error: sentence, failures: feed.failures + 1 });
  // Mailed when the feed starts failing; the next mail only after it worked again and failed anew.
  if (feed.failures === 0) await ctx.jobs.enqueue(db, sendFeedFailureJob, { feedId: feed.id });
}

/** Fetches and imports one feed; never throws for anything the feed or its server can do. */
export async function importFeed(ctx: KernelContext, feed: Pick<FeedRow, 'id' | 'url'>, now = new Date()): Promise<ImportOutcome> {
  const fetched = await fetchFeed(ctx, feed.url);
  const parsed = fetched.ok ? parseFeed(fetched.text) : fetched;
  return ctx.db.transaction().execute(async (trx) => {
    const db = initiativesDb(trx);
    const locked = await lockFeed(db, feed.id);
    if (!locked) return { ok: false as const, reason: 'not-found' as const };
    if (!parsed.ok) {
      const failure = { reason: parsed.reason, ...('status' in parsed && parsed.status ? { status: parsed.status } : {}) };
      await recordFailure(ctx, db, locked, failure, now);
      return { ok: false as const, ...failure };
    }
    const outcome = await applyFeed(ctx, db, locked, parsed.events, parsed.skipped, now);
    // The search finds the entry's events with dates ahead: put them in step in the import's transaction.
    await reindexInitiative(trx, locked.initiative_id);
    return outcome;
  });
}

/** Imports one feed at once (the maintenance pages' "jetzt abrufen"); `not-found` for an unknown feed. */
export async function importFeedNow(ctx: KernelContext, feedId: string): Promise<ImportOutcome> {
  const feed = await findFeed(initiativesDb(ctx.db), feedId);
  if (!feed) return { ok: false, reason: 'not-found' };
  return importFeed(ctx, feed);
}

/** Imports every active feed of a published initiative; one feed's failure never stops the others. */
export async function importAllFeeds(ctx: KernelContext, now = new Date()): Promise<{ imported: number; failed: number }> {
  const result = { imported: 0, failed: 0 };
  for (const feed of await feedsToImport(initiativesDb(ctx.db))) {
    try {
      const outcome = await importFeed(ctx, feed, now);
      if (outcome.ok) result.imported += 1;
      else result.failed += 1;
      if (outcome.ok && outcome.skipped > 0) ctx.log.info({ feedId: feed.id, skipped: outcome.skipped }, 'feed events skipped');
    } catch (error) {
      result.failed += 1;
      ctx.log.error({ err: error, feedId: feed.id }, 'feed import failed');
    }
  }
  return result;
}
