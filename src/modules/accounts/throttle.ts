import crypto from 'node:crypto';
import type { KernelContext } from '#kernel/context.ts';
import type { AccountsDb } from './repo.ts';
import { clearThrottles, countHit, holdUntil, latestNotBefore } from './repo.throttles.ts';

/*
 * Failed sign-ins slow the next attempt down rather than lock the account: a lock that strangers can set
 * keeps the owner out, and the owner's own address must stay usable when someone elsewhere guesses. Failures
 * are counted per account (or address typed, whether an account exists or not) and client address, and
 * more gently per account alone, so that many addresses guessing together gain little.
 */

const second = 1_000;
const minute = 60 * second;
const hour = 60 * minute;

export type ThrottleScope = 'password' | 'password-account' | 'second-factor' | 'second-factor-account';

/** Free failures first, then a wait that doubles up to a cap. */
const doubling = (failures: number, free: number, first: number, cap: number) => (failures < free ? 0 : Math.min(cap, first * 2 ** (failures - free)));
/** A wait after every `every` failures, doubling with each round up to a cap. */
const rounds = (failures: number, every: number, first: number, cap: number) => (failures % every !== 0 ? 0 : Math.min(cap, first * 2 ** (failures / every - 1)));

/** Milliseconds to wait after the n-th failure in a row. */
const delayAfter: Record<ThrottleScope, (failures: number) => number> = {
  // Typing mistakes are free; then 15 seconds, doubling to 15 minutes.
  password: (n) => doubling(n, 5, 15 * second, 15 * minute),
  // Never more than a minute: the account's owner waits this long at most for strangers' failures.
  'password-account': (n) => doubling(n, 20, second, minute),
  // Five codes, then back to the password for a minute, doubling with each round to 15 minutes.
  'second-factor': (n) => rounds(n, 5, minute, 15 * minute),
  'second-factor-account': (n) => rounds(n, 10, minute, 15 * minute),
};

/** A series of failures ends after a day without one. */
const quietPeriod = 24 * hour;

export interface ThrottleKey {
  scope: ThrottleScope;
  hash: string;
}

function keyHash(ctx: KernelContext, parts: readonly string[]): string {
  // Keyed, so that the table cannot be matched against a list of e-mail addresses. Development runs
  // without a configured secret, and a fixed key serves there.
  return crypto.createHmac('sha256', ctx.config.SESSION_SECRET ?? 'accounts.throttle').update(parts.join('\n')).digest('base64url');
}

/** `account` is the address as typed (normalised when it is one), so unknown addresses count alike. */
export function passwordKeys(ctx: KernelContext, account: string, clientAddress: string): ThrottleKey[] {
  return [
    { scope: 'password', hash: keyHash(ctx, ['password', account, clientAddress]) },
    { scope: 'password-account', hash: keyHash(ctx, ['password', account]) },
  ];
}

export function secondFactorKeys(ctx: KernelContext, userId: string, clientAddress: string): ThrottleKey[] {
  return [
    { scope: 'second-factor', hash: keyHash(ctx, ['second-factor', userId, clientAddress]) },
    { scope: 'second-factor-account', hash: keyHash(ctx, ['second-factor', userId]) },
  ];
}

/** Whole seconds until the keys allow another attempt; 0 when they do now. */
export async function secondsToWait(db: AccountsDb, keys: readonly ThrottleKey[], now = new Date()): Promise<number> {
  const until = await latestNotBefore(db, keys.map((key) => key.hash), now);
  return until ? Math.ceil((until.getTime() - now.getTime()) / second) : 0;
}

/** Counts a failure on every key; returns the seconds of the longest wait this starts, 0 for none. */
export async function recordFailure(db: AccountsDb, keys: readonly ThrottleKey[], now = new Date()): Promise<number> {
  let longest = 0;
  for (const key of keys) {
    const failures = await countHit(db, key.hash, now, { since: 'last_hit_at', before: new Date(now.getTime() - quietPeriod) });
    const delay = delayAfter[key.scope](failures);
    if (delay === 0) continue;
    await holdUntil(db, key.hash, new Date(now.getTime() + delay));
    longest = Math.max(longest, delay);
  }
  return Math.ceil(longest / second);
}

/** After a complete sign-in the series is over. */
export async function forgetFailures(db: AccountsDb, keys: readonly ThrottleKey[]): Promise<void> {
  await clearThrottles(db, keys.map((key) => key.hash));
}

export type MailKind = 'verify' | 'already-registered' | 'reset' | 'change-email';

const mailsPerHour = 3;

/**
 * Whether one more account mail of this kind may go to the address this hour. Over the limit the caller
 * sends nothing and says nothing: the page must read the same either way, or it would tell who has an account.
 */
export async function claimMailQuota(ctx: KernelContext, db: AccountsDb, kind: MailKind, email: string, now = new Date()): Promise<boolean> {
  const sent = await countHit(db, keyHash(ctx, ['mail', kind, email]), now, { since: 'first_hit_at', before: new Date(now.getTime() - hour) });
  return sent <= mailsPerHour;
}
