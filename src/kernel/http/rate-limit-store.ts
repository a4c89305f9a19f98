import crypto from 'node:crypto';
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/*
 * The rate limits' counters live in the database rather than in the process, so that several app servers
 * on one PostgreSQL count a client's attempts together; with PGlite there is one process and it costs one
 * small statement per limited request (logins, registrations, resets, feedback). A window starts at a
 * client's first request on a route and lasts the route's `timeWindow`; the counters are keyed by a hash of
 * route and client, and the kernel's retention rule removes them once their window is over.
 */

interface Counter {
  current: number;
  ttl: number;
}

type Callback = (error: Error | null, result: Counter) => void;

type ChildOptions = Parameters<FastifyRateLimitStore['child']>[0];

/** The store class @fastify/rate-limit instantiates (`store` option), bound to one database. */
export function databaseRateLimitStore(db: Db): FastifyRateLimitStoreCtor {
  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    readonly #route: string;

    constructor(options?: object) {
      // The plugin hands the route's options in as `routeInfo` (its type declarations leave that out).
      const route = (options as { routeInfo?: { method?: string | string[]; url?: string } } | undefined)?.routeInfo;
      this.#route = route?.url ? `${String(route.method)} ${route.url}` : '*';
    }

    incr(key: string, callback: Callback, timeWindow: number): void {
      countHit(db, keyHash(this.#route, key), timeWindow).then(
        (counter) => callback(null, counter),
        (error: Error) => callback(error, { current: 0, ttl: 0 }),
      );
    }

    read(key: string, callback: Callback): void {
      readHits(db, keyHash(this.#route, key)).then(
        (counter) => callback(null, counter),
        (error: Error) => callback(error, { current: 0, ttl: 0 }),
      );
    }

    /** Each route counts on its own, as the in-process store does. */
    child(routeOptions: ChildOptions): FastifyRateLimitStore {
      return new DatabaseRateLimitStore(routeOptions);
    }
  };
}

function keyHash(route: string, client: string): string {
  return crypto.createHash('sha256').update(`${route}\n${client}`).digest('base64url');
}

async function countHit(db: Db, hash: string, windowMs: number): Promise<Counter> {
  // One statement, so two servers counting at once both land: the row lock orders them.
  const { rows } = await sql<{ hits: number; ttl_ms: number }>`
    insert into rate_limits as r (key_hash, hits, window_ends_at)
    values (${hash}, 1, clock_timestamp() + make_interval(secs => ${windowMs / 1000}))
    on conflict (key_hash) do update set
      hits = case when r.window_ends_at <= clock_timestamp() then 1 else r.hits + 1 end,
      window_ends_at = case when r.window_ends_at <= clock_timestamp() then excluded.window_ends_at else r.window_ends_at end
    returning hits, greatest(0, ceil(extract(epoch from (window_ends_at - clock_timestamp())) * 1000))::int as ttl_ms`.execute(db);
  const row = rows[0]!;
  return { current: row.hits, ttl: row.ttl_ms };
}

async function readHits(db: Db, hash: string): Promise<Counter> {
  const { rows } = await sql<{ hits: number; ttl_ms: number }>`
    select hits, ceil(extract(epoch from (window_ends_at - clock_timestamp())) * 1000)::int as ttl_ms
    from rate_limits where key_hash = ${hash} and window_ends_at > clock_timestamp()`.execute(db);
  const row = rows[0];
  return row ? { current: row.hits, ttl: row.ttl_ms } : { current: 0, ttl: 0 };
}

/** Removes counters whose window is over; the kernel's retention job runs it daily. */
export async function purgeEndedRateLimitWindows(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom('rate_limits').where('window_ends_at', '<', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
