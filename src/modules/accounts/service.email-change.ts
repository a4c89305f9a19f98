import { recordAudit } from '#kernel/audit.ts';
import type { SignedIn } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { FormErrors } from '#kernel/forms/index.ts';
import { languages } from '#kernel/i18n/i18n.ts';
import { normaliseEmail } from '#kernel/text.ts';
import { personActor } from './actor.ts';
import { accountMailJob } from './jobs.ts';
import { verifyPassword } from './passwords.ts';
import { accountsDb, consumeToken, findUserByEmail, findUserById, peekToken, revokeTokens, updateUser } from './repo.ts';
import type { Client, Throttled } from './service.login.ts';
import { profileOf } from './service.profile.ts';
import { claimMailQuota, passwordKeys, recordFailure, secondsToWait } from './throttle.ts';

export interface EmailChangeInput {
  email: string;
  /** The current password; accounts without one (external login only) type the confirmation word instead. */
  password?: string | undefined;
  confirm?: string | undefined;
  client: Client;
}

export type EmailChangeResult =
  | { ok: true; email: string }
  | { ok: false; reason: 'staff-account' }
  | { ok: false; reason: 'invalid'; problems: FormErrors }
  | Throttled;

/** The word an account without a password types to confirm, in any of the platform's languages. */
function isConfirmWord(ctx: KernelContext, typed: string | undefined): boolean {
  const word = (typed ?? '').trim().toUpperCase();
  return languages.some((language) => ctx.i18n.getFixedT(language)('accounts:emailChange.confirmWord').toUpperCase() === word);
}

/**
 * Asks to move the account to another address. Nothing changes until a link mailed to the new address is
 * followed; the old address is told at once, so an owner whose session someone else uses learns of it.
 * When another account has the address, the answer and the mail to the old address are the same, and that
 * account's owner gets a hint instead of a link: the form must not tell who has an account. Staff
 * addresses are the administration's to change.
 */
export async function requestEmailChange(ctx: KernelContext, actor: SignedIn, input: EmailChangeInput): Promise<EmailChangeResult> {
  const user = await profileOf(ctx, actor);
  if (user.kind === 'staff') return { ok: false, reason: 'staff-account' };
  const db = accountsDb(ctx.db);
  const problems: FormErrors = {};
  const email = normaliseEmail(input.email);
  if (!email) problems.email = { code: 'email' };
  else if (email === user.email) problems.email = { code: 'accounts:errors.emailUnchanged' };
  if (user.password_hash) {
    const keys = passwordKeys(ctx, user.email ?? user.id, input.client.address);
    const wait = await secondsToWait(db, keys);
    if (wait > 0) return { ok: false, reason: 'throttled', waitSeconds: wait };
    if (!(await verifyPassword(user.password_hash, input.password ?? ''))) {
      // Told as at sign-in: this answer says the password is wrong, the next one that there is a wait.
      await recordFailure(db, keys);
      problems.password = { code: 'accounts:errors.passwordWrong' };
    }
  } else if (!isConfirmWord(ctx, input.confirm)) {
    problems.confirm = { code: 'accounts:errors.confirmWord', values: { word: { key: 'accounts:emailChange.confirmWord' } } };
  }
  if (!email || Object.keys(problems).length > 0) return { ok: false, reason: 'invalid', problems };

  await ctx.db.transaction().execute(async (trx) => {
    const accounts = accountsDb(trx);
    // A link mailed for an earlier request would otherwise confirm this newer address.
    await revokeTokens(accounts, user.id, 'change-email');
    await updateUser(accounts, user.id, { pending_email: email, pending_email_requested_at: new Date() });
    const holder = await findUserByEmail(accounts, email);
    if (holder && holder.id !== user.id) {
      if (await claimMailQuota(ctx, accounts, 'already-registered', email)) await ctx.jobs.enqueue(trx, accountMailJob, { userId: holder.id, purpose: 'email-taken' });
    } else if (await claimMailQuota(ctx, accounts, 'change-email', email)) {
      await ctx.jobs.enqueue(trx, accountMailJob, { userId: user.id, purpose: 'email-change-confirm' });
    }
    if (user.email && (await claimMailQuota(ctx, accounts, 'change-email', user.email))) await ctx.jobs.enqueue(trx, accountMailJob, { userId: user.id, purpose: 'email-change-notice' });
    await recordAudit(trx, { actor }, { action: 'accounts.email-change-requested', subjectType: 'user', subjectId: user.id, dataSubjectId: user.id });
  });
  return { ok: true, email };
}

export async function isLiveEmailChangeLink(ctx: KernelContext, token: string): Promise<boolean> {
  return (await peekToken(accountsDb(ctx.db), token, 'change-email')) !== undefined;
}

export type ConfirmEmailChangeResult = { ok: true; email: string } | { ok: false; reason: 'invalid-token' | 'taken' };

/**
 * Makes the new address the account's; called by the button on the link's page, never by opening the link.
 * Following the link proves the mailbox is the account owner's, so the address counts as confirmed.
 */
export async function confirmEmailChange(ctx: KernelContext, token: string): Promise<ConfirmEmailChangeResult> {
  return ctx.db.transaction().execute(async (trx): Promise<ConfirmEmailChangeResult> => {
    const accounts = accountsDb(trx);
    const userId = await consumeToken(accounts, token, 'change-email');
    const user = userId ? await findUserById(accounts, userId) : undefined;
    if (!user?.pending_email || user.disabled_at) return { ok: false, reason: 'invalid-token' };
    const email = user.pending_email;
    const cleared = { pending_email: null, pending_email_requested_at: null };
    // Someone registered the address since the link was sent: it stays theirs.
    const holder = await findUserByEmail(accounts, email);
    if (holder && holder.id !== user.id) {
      await updateUser(accounts, user.id, cleared);
      return { ok: false, reason: 'taken' };
    }
    await updateUser(accounts, user.id, { ...cleared, email, email_verified_at: new Date() });
    await recordAudit(trx, { actor: personActor(user, []) }, { action: 'accounts.email-changed', subjectType: 'user', subjectId: user.id, dataSubjectId: user.id });
    return { ok: true, email };
  });
}
