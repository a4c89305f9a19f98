import { systemActor } from '#kernel/auth/actor.ts';
import { recordAudit } from '#kernel/audit.ts';
import type { KernelContext } from '#kernel/context.ts';
import { normaliseEmail } from '#kernel/text.ts';
import { verifyPassword } from './passwords.ts';
import { accountsDb, findUserByEmail, findUserById, recordFailedLogin, updateUser } from './repo.ts';
import { checkTotp } from './totp.ts';
import type { User } from './tables.ts';

const lockAfterFailures = 10;
const lockForMs = 15 * 60_000;

export type PasswordStep =
  | { ok: true; next: 'signed-in'; userId: string }
  | { ok: true; next: 'second-factor' | 'enrol-second-factor'; userId: string }
  | { ok: false; reason: 'invalid' | 'locked' | 'unverified' };

/**
 * First step of login. One message for unknown address, wrong password and disabled account, so the form
 * does not tell an attacker which addresses exist; repeated failures lock the account for a while.
 */
export async function checkPassword(ctx: KernelContext, input: { email: string; password: string }): Promise<PasswordStep> {
  const db = accountsDb(ctx.db);
  const email = normaliseEmail(input.email);
  const user = email ? await findUserByEmail(db, email) : undefined;
  const matches = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user || user.disabled_at) return { ok: false, reason: 'invalid' };
  if (user.locked_until && user.locked_until.getTime() > Date.now()) return { ok: false, reason: 'locked' };
  if (!matches) {
    await recordFailedLogin(db, user.id, lockAfterFailures, lockForMs);
    return { ok: false, reason: 'invalid' };
  }
  if (user.kind === 'citizen' && !user.email_verified_at) return { ok: false, reason: 'unverified' };
  await updateUser(db, user.id, { failed_logins: 0, locked_until: null });
  if (user.kind === 'staff') {
    return { ok: true, next: user.totp_confirmed_at ? 'second-factor' : 'enrol-second-factor', userId: user.id };
  }
  await completeLogin(ctx, user);
  return { ok: true, next: 'signed-in', userId: user.id };
}

export type SecondFactorResult = { ok: true } | { ok: false; reason: 'invalid' | 'locked' };

/** Second step for staff: the code from their authenticator app. */
export async function checkSecondFactor(ctx: KernelContext, userId: string, code: string): Promise<SecondFactorResult> {
  const db = accountsDb(ctx.db);
  const user = await findUserById(db, userId);
  if (!user?.totp_secret || user.disabled_at) return { ok: false, reason: 'invalid' };
  if (user.locked_until && user.locked_until.getTime() > Date.now()) return { ok: false, reason: 'locked' };
  const result = await checkTotp(user.totp_secret, code.replace(/\s/g, ''), user.totp_last_step);
  if (!result.ok) {
    await recordFailedLogin(db, user.id, lockAfterFailures, lockForMs);
    return { ok: false, reason: 'invalid' };
  }
  await updateUser(db, user.id, { totp_last_step: result.step, failed_logins: 0 });
  await completeLogin(ctx, user);
  return { ok: true };
}

/** Confirms a new authenticator: the secret is stored only once a code made from it has been typed back. */
export async function enrolSecondFactor(ctx: KernelContext, userId: string, secret: string, code: string): Promise<SecondFactorResult> {
  const result = await checkTotp(secret, code.replace(/\s/g, ''), null);
  if (!result.ok) return { ok: false, reason: 'invalid' };
  await ctx.db.transaction().execute(async (trx) => {
    const db = accountsDb(trx);
    await updateUser(db, userId, { totp_secret: secret, totp_confirmed_at: new Date(), totp_last_step: result.step });
    await recordAudit(trx, { actor: systemActor('accounts') }, { action: 'accounts.second-factor-enrolled', subjectType: 'user', subjectId: userId, dataSubjectId: userId });
  });
  const user = await findUserById(accountsDb(ctx.db), userId);
  if (user) await completeLogin(ctx, user);
  return { ok: true };
}

async function completeLogin(ctx: KernelContext, user: User): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(accountsDb(trx), user.id, { last_login_at: new Date() });
    if (user.kind === 'staff') {
      // The staff member's sign-in times are their personal data: their own data page and the audit log's
      // person filter find them.
      await recordAudit(trx, { actor: systemActor('accounts') }, { action: 'accounts.staff-signed-in', subjectType: 'user', subjectId: user.id, dataSubjectId: user.id });
    }
  });
}
