import type { TFunction } from 'i18next';
import type { Language } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { FieldErrors } from '#kernel/html/page.ts';
import { normaliseEmail, optionalText } from '#kernel/text.ts';
import { queueAccountMail } from './mails.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { accountsDb, consumeToken, findUserByEmail, insertUser, issueToken, updateUser } from './repo.ts';
import type { RegisterBody } from './schemas.ts';

const verifyValidMs = 48 * 3_600_000;

export type RegisterResult = { ok: true; email: string } | { ok: false; errors: FieldErrors };

/**
 * Creates a citizen account and mails a confirmation link. For an address that already has an account the
 * answer looks the same and that account's owner gets a hint instead, so the form does not reveal who
 * has an account.
 */
export async function registerCitizen(ctx: KernelContext, t: TFunction, language: Language, input: RegisterBody): Promise<RegisterResult> {
  const email = normaliseEmail(input.email);
  const displayName = optionalText(input.displayName);
  const errors: FieldErrors = {};
  if (!displayName) errors.displayName = t('accounts:errors.nameRequired');
  if (!email) errors.email = t('kernel:validation.email');
  const problem = passwordProblem(input.password, email);
  if (problem) errors.password = t(problem);
  else if (input.password !== input.passwordRepeat) errors.passwordRepeat = t('accounts:errors.passwordsDiffer');
  if (input.privacy !== 'yes') errors.privacy = t('accounts:errors.privacyRequired');
  if (Object.keys(errors).length > 0 || !email || !displayName) return { ok: false, errors };

  const passwordHash = await hashPassword(input.password);
  await ctx.db.transaction().execute(async (trx) => {
    const db = accountsDb(trx);
    const existing = await findUserByEmail(db, email);
    if (existing) {
      await queueAccountMail(ctx, trx, 'alreadyRegistered', { email, name: existing.display_name, language: existing.language }, {
        loginUrl: `${ctx.config.PUBLIC_URL}/anmelden`,
        resetUrl: `${ctx.config.PUBLIC_URL}/passwort-vergessen`,
      });
      return;
    }
    const user = await insertUser(db, { kind: 'citizen', email, display_name: displayName, password_hash: passwordHash, language });
    const token = await issueToken(db, user.id, 'verify-email', verifyValidMs);
    await queueAccountMail(ctx, trx, 'verify', { email, name: displayName, language }, {
      link: `${ctx.config.PUBLIC_URL}/registrieren/bestaetigen?token=${token}`,
    });
  });
  return { ok: true, email };
}

export type VerifyResult = { ok: true; userId: string } | { ok: false; reason: 'invalid-token' };

export async function verifyEmail(ctx: KernelContext, token: string): Promise<VerifyResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const db = accountsDb(trx);
    const userId = await consumeToken(db, token, 'verify-email');
    if (!userId) return { ok: false, reason: 'invalid-token' } as const;
    await updateUser(db, userId, { email_verified_at: new Date() });
    return { ok: true, userId } as const;
  });
}

/** Sends a fresh confirmation link to an unconfirmed account; silent for any other address. */
export async function resendVerification(ctx: KernelContext, rawEmail: string): Promise<void> {
  const email = normaliseEmail(rawEmail);
  if (!email) return;
  await ctx.db.transaction().execute(async (trx) => {
    const db = accountsDb(trx);
    const user = await findUserByEmail(db, email);
    if (!user || user.email_verified_at || user.kind !== 'citizen') return;
    const token = await issueToken(db, user.id, 'verify-email', verifyValidMs);
    await queueAccountMail(ctx, trx, 'verify', { email, name: user.display_name, language: user.language }, {
      link: `${ctx.config.PUBLIC_URL}/registrieren/bestaetigen?token=${token}`,
    });
  });
}
