import { sql } from 'kysely';
import type { AccountsDb } from './repo.ts';

/** The latest "not before" among the keys that still lies ahead, or undefined when none holds. */
export async function latestNotBefore(db: AccountsDb, keyHashes: readonly string[], now: Date): Promise<Date | undefined> {
  if (keyHashes.length === 0) return undefined;
  const row = await db
    .selectFrom('account_throttles')
    .select((eb) => eb.fn.max('not_before').as('until'))
    .where('key_hash', 'in', [...keyHashes])
    .where('not_before', '>', now)
    .executeTakeFirst();
  return row?.until ? new Date(row.until) : undefined;
}

/**
 * Counts one more hit on a key and returns the count. The count starts again at one when the key's
 * `since` column (its first hit for a fixed window, its last hit for a quiet period) lies before `restartBefore`.
 * One statement, so two servers counting at once both land.
 */
export async function countHit(db: AccountsDb, keyHash: string, now: Date, restart: { since: 'first_hit_at' | 'last_hit_at'; before: Date }): Promise<number> {
  const stale = sql<boolean>`account_throttles.${sql.ref(restart.since)} < ${restart.before}::timestamptz`;
  const row = await db
    .insertInto('account_throttles')
    .values({ key_hash: keyHash, hits: 1, first_hit_at: now, last_hit_at: now })
    .onConflict((oc) =>
      oc.column('key_hash').doUpdateSet({
        hits: sql<number>`case when ${stale} then 1 else account_throttles.hits + 1 end`,
        first_hit_at: sql<Date>`case when ${stale} then ${now}::timestamptz else account_throttles.first_hit_at end`,
        last_hit_at: now,
      }),
    )
    .returning('hits')
    .executeTakeFirstOrThrow();
  return row.hits;
}

export async function holdUntil(db: AccountsDb, keyHash: string, notBefore: Date): Promise<void> {
  await db.updateTable('account_throttles').set({ not_before: notBefore }).where('key_hash', '=', keyHash).execute();
}

export async function clearThrottles(db: AccountsDb, keyHashes: readonly string[]): Promise<void> {
  if (keyHashes.length === 0) return;
  await db.deleteFrom('account_throttles').where('key_hash', 'in', [...keyHashes]).execute();
}

/** Counters quiet since the cutoff whose delay, if any, is over: the retention rule. */
export async function deleteQuietThrottles(db: AccountsDb, cutoff: Date, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('account_throttles')
    .where('last_hit_at', '<', cutoff)
    .where((eb) => eb.or([eb('not_before', 'is', null), eb('not_before', '<', now)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
