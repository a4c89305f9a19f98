import type { KernelContext } from '#kernel/context.ts';
import type { FormErrors } from '#kernel/forms/index.ts';
import { normaliseEmail } from '#kernel/text.ts';
import { accountMailJob } from './jobs.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { accountsDb, consumeToken, findUserByEmail, findUserById, peekToken, updateUser } from './repo.ts';
import { confirmAddress } from './service.registration.ts';
import { claimMailQuota } from './throttle.ts';
import type { TokenPurpose } from './tables.ts';

/**
 * Mails a reset link when the address has an account, at most three an hour; the page says the same
 * either way. The link's token is made when the mail goes out, not here.
 */
export async function requestPasswordReset(ctx: KernelContext, rawEmail: string): Promise<void> {
  const email = normaliseEmail(rawEmail);
  if (!email) return;
  await ctx.db.transaction().execute(async (trx) => {
    const db = accountsDb(trx);
    const user = await findUserByEmail(db, email);
    if (!user || user.disabled_at) return;
    if (!(await claimMailQuota(ctx, db, 'reset', email))) return;
    await ctx.jobs.enqueue(trx, accountMailJob, { userId: user.id, purpose: 'reset' });
  });
}

export async function isLiveToken(ctx: KernelContext, token: string, purpose: TokenPurpose): Promise<boolean> {
  return (await peekToken(accountsDb(ctx.db), token, purpose)) !== undefined;
}

export type SetPasswordResult = { ok: true } | { ok: false; errors: FormErrors } | { ok: false; reason: 'invalid-token' };

/**
 * Sets a new password from a reset or invitation link. Every session of the account ends (whoever knew
 * the old password is out) and the owner is told by mail, so an unexpected change does not go unnoticed.
 */
export async function setPasswordWithToken(
  ctx: KernelContext,
  purpose: 'reset-password' | 'invite',
  input: { token: string; password: string; passwordRepeat: string },
): Promise<SetPasswordResult> {
  const db = accountsDb(ctx.db);
  const userId = await peekToken(db, input.token, purpose);
  const user = userId ? await findUserById(db, userId) : undefined;
  if (!user) return { ok: false, reason: 'invalid-token' };
  const problem = await passwordProblem(input.password, { email: user.email, name: user.display_name, cityName: ctx.config.CITY_NAME });
  if (problem) return { ok: false, errors: { password: { code: problem } } };
  if (input.password !== input.passwordRepeat) return { ok: false, errors: { passwordRepeat: { code: 'accounts:errors.passwordsDiffer' } } };
  const passwordHash = await hashPassword(input.password);
  const done = await ctx.db.transaction().execute(async (trx) => {
    const accounts = accountsDb(trx);
    if ((await consumeToken(accounts, input.token, purpose)) !== user.id) return false;
    await updateUser(accounts, user.id, { password_hash: passwordHash });
    // Following the link proves control of the mailbox, which is what confirmation asks for.
    await confirmAddress(ctx, trx, user.id);
    await ctx.sessions.store.destroyAllFor(user.id, {}, trx);
    await ctx.jobs.enqueue(trx, accountMailJob, { userId: user.id, purpose: 'password-changed' });
    return true;
  });
  return done ? { ok: true } : { ok: false, reason: 'invalid-token' };
}
