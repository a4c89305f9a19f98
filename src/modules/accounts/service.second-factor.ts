import { recordAudit } from '#kernel/audit.ts';
import type { KernelContext } from '#kernel/context.ts';
import { personActor } from './actor.ts';
import { accountsDb, findUserById, replaceRecoveryCodes, rolesOf, updateUser, useRecoveryCode, type AccountsDb } from './repo.ts';
import { completeLogin, type SignInClient, type Throttled } from './service.login.ts';
import { recordFailure, secondFactorKeys, secondsToWait } from './throttle.ts';
import { checkTotp, kindOfCode, newRecoveryCodes, recoveryCodeHash } from './totp.ts';
import type { User } from './tables.ts';

export type SecondFactorResult = { ok: true } | { ok: false; reason: 'invalid' } | Throttled;

/**
 * Second step for staff: the code from their authenticator app, or one of their recovery codes. Wrong ones
 * are counted on their own, per account and client, and forgotten only after a complete sign-in; every
 * fifth sends the person back to the password with a wait that grows each round.
 */
export async function checkSecondFactor(ctx: KernelContext, input: { userId: string; code: string; client: SignInClient }): Promise<SecondFactorResult> {
  const db = accountsDb(ctx.db);
  const keys = secondFactorKeys(ctx, input.userId, input.client.address);
  const wait = await secondsToWait(db, keys);
  if (wait > 0) return { ok: false, reason: 'throttled', waitSeconds: wait };
  const user = await findUserById(db, input.userId);
  if (!user?.totp_secret || user.disabled_at) return { ok: false, reason: 'invalid' };
  const proof = await checkProof(db, user, input.code);
  if (!proof) {
    const delay = await recordFailure(db, keys);
    return delay > 0 ? { ok: false, reason: 'throttled', waitSeconds: delay } : { ok: false, reason: 'invalid' };
  }
  await completeLogin(ctx, user, input.client, { recoveryCode: proof === 'recovery-code' });
  return { ok: true };
}

async function checkProof(db: AccountsDb, user: User, code: string): Promise<'totp' | 'recovery-code' | undefined> {
  const kind = kindOfCode(code);
  if (kind === 'recovery-code') return (await useRecoveryCode(db, user.id, recoveryCodeHash(code))) ? kind : undefined;
  if (kind !== 'totp' || !user.totp_secret) return undefined;
  const result = await checkTotp(user.totp_secret, code.replace(/[\s-]/g, ''), user.totp_last_step);
  if (!result.ok) return undefined;
  await updateUser(db, user.id, { totp_last_step: result.step });
  return kind;
}

export type EnrolResult = { ok: true; recoveryCodes: string[] } | { ok: false; reason: 'invalid' };

/**
 * Confirms a new authenticator: the secret is stored only once a code made from it has been typed back.
 * Ten recovery codes come with it, shown this once; only their hashes are kept.
 */
export async function enrolSecondFactor(ctx: KernelContext, input: { userId: string; secret: string; code: string; client: SignInClient }): Promise<EnrolResult> {
  const user = await findUserById(accountsDb(ctx.db), input.userId);
  // An authenticator already set up is replaced only through an administrator's reset.
  if (!user || user.kind !== 'staff' || user.disabled_at || user.totp_confirmed_at) return { ok: false, reason: 'invalid' };
  const result = await checkTotp(input.secret, input.code.replace(/[\s-]/g, ''), null);
  if (!result.ok) return { ok: false, reason: 'invalid' };
  const recoveryCodes = newRecoveryCodes();
  await ctx.db.transaction().execute(async (trx) => {
    const db = accountsDb(trx);
    await updateUser(db, user.id, { totp_secret: input.secret, totp_confirmed_at: new Date(), totp_last_step: result.step });
    await replaceRecoveryCodes(db, user.id, recoveryCodes.map(recoveryCodeHash));
    // Set up by the staff member themself, on the way into their first session.
    await recordAudit(trx, { actor: personActor(user, await rolesOf(db, user.id)) }, { action: 'accounts.second-factor-enrolled', subjectType: 'user', subjectId: user.id, dataSubjectId: user.id });
  });
  await completeLogin(ctx, user, input.client);
  return { ok: true, recoveryCodes };
}
