import { recordAudit } from '#kernel/audit.ts';
import type { SignedIn } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { FormErrors } from '#kernel/forms/index.ts';
import { accountMailJob } from './jobs.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { accountsDb, updateUser } from './repo.ts';
import type { Client, Throttled } from './service.login.ts';
import { profileOf } from './service.profile.ts';
import { forgetFailures, passwordKeys, recordFailure, secondsToWait } from './throttle.ts';

export interface ChangePasswordInput {
  currentPassword: string;
  password: string;
  passwordRepeat: string;
  /** End every session of the account but the one in use. */
  endOtherSessions: boolean;
  client: Client;
}

export type ChangePasswordResult =
  | { ok: true; otherSessionsEnded: number | null }
  | { ok: false; reason: 'no-password' }
  | { ok: false; reason: 'invalid'; problems: FormErrors }
  | Throttled;

/**
 * Changes the password of the signed-in person, who proves it is them with the current one: a session left
 * open on a shared computer must not be enough to take the account over. Wrong current passwords count
 * towards the same delays as wrong passwords at sign-in. The new password meets the rules of registration.
 * The owner is told by mail, and other sessions end unless the person chose to keep them.
 */
export async function changePassword(ctx: KernelContext, actor: SignedIn, input: ChangePasswordInput): Promise<ChangePasswordResult> {
  const user = await profileOf(ctx, actor);
  if (!user.password_hash) return { ok: false, reason: 'no-password' };
  const db = accountsDb(ctx.db);
  const keys = passwordKeys(ctx, user.email ?? user.id, input.client.address);
  const wait = await secondsToWait(db, keys);
  if (wait > 0) return { ok: false, reason: 'throttled', waitSeconds: wait };
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    // Told as at sign-in: this answer says the password is wrong, the next one that there is a wait.
    await recordFailure(db, keys);
    return { ok: false, reason: 'invalid', problems: { currentPassword: { code: 'accounts:errors.passwordWrong' } } };
  }
  const problems: FormErrors = {};
  const problem = await passwordProblem(input.password, { email: user.email, name: user.display_name, cityName: ctx.config.CITY_NAME });
  if (problem) problems.password = { code: problem };
  else if (input.password === input.currentPassword) problems.password = { code: 'accounts:errors.passwordUnchanged' };
  else if (input.password !== input.passwordRepeat) problems.passwordRepeat = { code: 'accounts:errors.passwordsDiffer' };
  if (Object.keys(problems).length > 0) return { ok: false, reason: 'invalid', problems };

  const passwordHash = await hashPassword(input.password);
  const ended = await ctx.db.transaction().execute(async (trx) => {
    const accounts = accountsDb(trx);
    await updateUser(accounts, user.id, { password_hash: passwordHash });
    await forgetFailures(accounts, keys);
    const count = input.endOtherSessions ? await ctx.sessions.store.destroyAllFor(user.id, { except: actor.sessionHash }, trx) : null;
    await recordAudit(trx, { actor }, { action: 'accounts.password-changed', subjectType: 'user', subjectId: user.id, dataSubjectId: user.id, meta: { otherSessionsEnded: count } });
    await ctx.jobs.enqueue(trx, accountMailJob, { userId: user.id, purpose: input.endOtherSessions ? 'password-changed' : 'password-changed-sessions-kept' });
    return count;
  });
  return { ok: true, otherSessionsEnded: ended };
}
