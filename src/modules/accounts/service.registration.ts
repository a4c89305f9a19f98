import type { Language } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { Trx } from '#kernel/db/database.ts';
import type { FormErrors, FormValue } from '#kernel/forms/index.ts';
import { normaliseEmail, optionalText } from '#kernel/text.ts';
import { accountRegistered } from './events.ts';
import type { registerForm } from './forms.ts';
import { accountMailJob } from './jobs.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { accountsDb, confirmEmailOnce, consumeToken, findUserByEmail, findUserById, insertUser, peekToken, tokenOwner } from './repo.ts';
import { claimMailQuota } from './throttle.ts';

export type RegisterResult = { ok: true; email: string } | { ok: false; errors: FormErrors };

/**
 * Creates a citizen account and mails a confirmation link. For an address that already has an account the
 * answer looks the same and that account's owner gets a hint instead, so the form does not reveal who
 * has an account. No address gets more than three of either mail an hour, however often the form is sent.
 * Problems come back by field as reason codes: the kernel's, or the key of a password rule's message.
 */
export async function registerCitizen(ctx: KernelContext, language: Language, input: FormValue<typeof registerForm>): Promise<RegisterResult> {
  const email = normaliseEmail(input.email);
  const displayName = optionalText(input.displayName);
  const errors: FormErrors = {};
  if (!displayName) errors.displayName = { code: 'required' };
  if (!email) errors.email = { code: 'email' };
  const problem = await passwordProblem(input.password, { email, name: displayName, cityName: ctx.config.CITY_NAME });
  if (problem) errors.password = { code: problem };
  else if (input.password !== input.passwordRepeat) errors.passwordRepeat = { code: 'accounts:errors.passwordsDiffer' };
  if (!input.privacy) errors.privacy = { code: 'required' };
  if (Object.keys(errors).length > 0 || !email || !displayName) return { ok: false, errors };

  const passwordHash = await hashPassword(input.password);
  await ctx.db.transaction().execute(async (trx) => {
    const db = accountsDb(trx);
    const existing = await findUserByEmail(db, email);
    if (existing) {
      if (await claimMailQuota(ctx, db, 'already-registered', email)) await ctx.jobs.enqueue(trx, accountMailJob, { userId: existing.id, purpose: 'already-registered' });
      return;
    }
    const user = await insertUser(db, { kind: 'citizen', email, display_name: displayName, password_hash: passwordHash, language });
    if (await claimMailQuota(ctx, db, 'verify', email)) await ctx.jobs.enqueue(trx, accountMailJob, { userId: user.id, purpose: 'verify' });
  });
  return { ok: true, email };
}

/** What a confirmation link finds: a live token, an address it (or another link) already confirmed, or nothing. */
export async function confirmationLinkState(ctx: KernelContext, token: string): Promise<'live' | 'confirmed' | 'invalid'> {
  const db = accountsDb(ctx.db);
  if (await peekToken(db, token, 'verify-email')) return 'live';
  const owner = await tokenOwner(db, token, 'verify-email');
  const user = owner ? await findUserById(db, owner) : undefined;
  return user?.email_verified_at ? 'confirmed' : 'invalid';
}

export type VerifyResult = { ok: true; userId: string } | { ok: false; reason: 'invalid-token' };

/** Confirms the address; called by the button on the link's page, never by opening the link. */
export async function verifyEmail(ctx: KernelContext, token: string): Promise<VerifyResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const db = accountsDb(trx);
    const userId = await consumeToken(db, token, 'verify-email');
    if (!userId) return { ok: false, reason: 'invalid-token' } as const;
    await confirmAddress(ctx, trx, userId);
    return { ok: true, userId } as const;
  });
}

/**
 * Confirms the account's address, in the transaction of the link that proves it; the first confirmation
 * of a citizen's address is when the person has an account, and the other modules are told so
 * (`accounts.registered`). A confirmed address, or a staff member's, tells nobody.
 */
export async function confirmAddress(ctx: KernelContext, trx: Trx, userId: string): Promise<void> {
  const confirmed = await confirmEmailOnce(accountsDb(trx), userId);
  if (confirmed?.kind !== 'citizen') return;
  await ctx.events.publish(trx, accountRegistered, { userId, how: 'email', language: confirmed.language });
}

/** Sends a fresh confirmation link to an unconfirmed account; silent for any other address. */
export async function resendVerification(ctx: KernelContext, rawEmail: string): Promise<void> {
  const email = normaliseEmail(rawEmail);
  if (!email) return;
  await ctx.db.transaction().execute(async (trx) => {
    const db = accountsDb(trx);
    const user = await findUserByEmail(db, email);
    if (!user || user.email_verified_at || user.kind !== 'citizen') return;
    if (await claimMailQuota(ctx, db, 'verify', email)) await ctx.jobs.enqueue(trx, accountMailJob, { userId: user.id, purpose: 'verify' });
  });
}
