import { recordAudit } from '#kernel/audit.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { Trx } from '#kernel/db/database.ts';
import { normaliseEmail } from '#kernel/text.ts';
import { personActor } from './actor.ts';
import { accountMailJob } from './jobs.ts';
import { verifyPassword } from './passwords.ts';
import { accountsDb, findUserByEmail, rolesOf, updateUser } from './repo.ts';
import { forgetFailures, passwordKeys, recordFailure, secondFactorKeys, secondsToWait } from './throttle.ts';
import type { User } from './tables.ts';

/** Where a request comes from: counted for throttling. */
export interface Client {
  address: string;
  userAgent?: string | undefined;
}

/** Where a sign-in comes from, and where its session starts. */
export interface SignInClient extends Client {
  /**
   * Starts the signed-in session inside the sign-in's transaction and returns its id. The route supplies it,
   * as cookies are its business; the session keeps address and browser, which the sign-in notice reads.
   */
  startSession: (trx: Trx, userId: string) => Promise<string>;
}

export type Throttled = { ok: false; reason: 'throttled'; waitSeconds: number };

export type PasswordStep =
  | { ok: true; next: 'signed-in' | 'second-factor' | 'enrol-second-factor'; userId: string }
  | { ok: false; reason: 'invalid' | 'unverified' }
  | Throttled;

/**
 * First step of sign-in. Unknown address, wrong password and disabled account get one answer, and so do
 * their delays, because failures are counted by the address typed whether an account has it or not. A
 * delay holds whatever the password: it is checked before the password is.
 */
export async function checkPassword(ctx: KernelContext, input: { email: string; password: string; client: SignInClient }): Promise<PasswordStep> {
  const db = accountsDb(ctx.db);
  const email = normaliseEmail(input.email);
  const keys = passwordKeys(ctx, email ?? input.email.trim().toLowerCase(), input.client.address);
  const wait = await secondsToWait(db, keys);
  if (wait > 0) return { ok: false, reason: 'throttled', waitSeconds: wait };
  const user = email ? await findUserByEmail(db, email) : undefined;
  const matches = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user || user.disabled_at || !matches) {
    await recordFailure(db, keys);
    return { ok: false, reason: 'invalid' };
  }
  if (user.kind === 'citizen' && !user.email_verified_at) return { ok: false, reason: 'unverified' };
  if (user.kind === 'staff') {
    // Too many wrong codes sent this client back here; the password alone does not shorten that wait.
    const held = await secondsToWait(db, secondFactorKeys(ctx, user.id, input.client.address));
    if (held > 0) return { ok: false, reason: 'throttled', waitSeconds: held };
    return { ok: true, next: user.totp_confirmed_at ? 'second-factor' : 'enrol-second-factor', userId: user.id };
  }
  await completeLogin(ctx, user, input.client);
  return { ok: true, next: 'signed-in', userId: user.id };
}

/**
 * A sign-in is complete: its failure counts are over, its session starts, and a staff member's sign-in is
 * recorded and announced to them by mail, so that one they did not make does not go unnoticed. The notice's
 * job carries the session's id only: address and browser stay in the session row and leave with it, instead
 * of resting in the job queue for a week.
 */
export async function completeLogin(ctx: KernelContext, user: User, client: SignInClient, how: { recoveryCode?: boolean } = {}): Promise<void> {
  const at = new Date();
  await ctx.db.transaction().execute(async (trx) => {
    const db = accountsDb(trx);
    await forgetFailures(db, [...passwordKeys(ctx, user.email ?? '', client.address), ...secondFactorKeys(ctx, user.id, client.address)]);
    await updateUser(db, user.id, { last_login_at: at });
    const session = await client.startSession(trx, user.id);
    if (user.kind !== 'staff') return;
    // The staff member signs in, not the platform: they are the record's actor, and as their sign-in times
    // are their personal data, its data subject too, so their own data page and the person filter find it.
    const self = { actor: personActor(user, await rolesOf(db, user.id)) };
    const audit = { subjectType: 'user', subjectId: user.id, dataSubjectId: user.id };
    await recordAudit(trx, self, { action: 'accounts.staff-signed-in', ...audit });
    if (how.recoveryCode) await recordAudit(trx, self, { action: 'accounts.recovery-code-used', ...audit });
    await ctx.jobs.enqueue(trx, accountMailJob, { userId: user.id, purpose: 'staff-signed-in', session });
  });
}
