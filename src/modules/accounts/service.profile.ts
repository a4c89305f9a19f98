import type { TFunction } from 'i18next';
import { auditTrailOf, recordAudit } from '#kernel/audit.ts';
import type { SignedIn } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { FieldErrors } from '#kernel/html/page.ts';
import { collectPersonalData, erasePersonalData } from '#kernel/personal-data.ts';
import { optionalText } from '#kernel/text.ts';
import { queueAccountMail } from './mails.ts';
import { verifyPassword } from './passwords.ts';
import { accountsDb, deleteUser, displayNames, findUserById, identitiesOf, rolesOf, updateUser } from './repo.ts';
import type { PreferencesBody } from './schemas.ts';
import type { User } from './tables.ts';

export async function profileOf(ctx: KernelContext, actor: SignedIn): Promise<User> {
  const user = await findUserById(accountsDb(ctx.db), actor.userId);
  if (!user) throw new Error(`Signed-in user ${actor.userId} has no row`);
  return user;
}

export type PreferencesResult = { ok: true } | { ok: false; errors: FieldErrors };

const postalCodePattern = /^\d{5}$/;

/**
 * Saves name, channel, language and postal address. Choosing letters needs a complete address: a
 * preference the city cannot honour would silently turn into no message at all.
 */
export async function updatePreferences(ctx: KernelContext, actor: SignedIn, t: TFunction, input: PreferencesBody): Promise<PreferencesResult> {
  const address = {
    street: optionalText(input.street),
    house_number: optionalText(input.houseNumber),
    postal_code: optionalText(input.postalCode),
    city: optionalText(input.city),
  };
  const displayName = optionalText(input.displayName);
  const errors: FieldErrors = {};
  if (!displayName) errors.displayName = t('accounts:errors.nameRequired');
  if (address.postal_code && !postalCodePattern.test(address.postal_code)) errors.postalCode = t('accounts:errors.postalCode');
  const channel = input.preferredChannel;
  const addressParts = Object.values(address).filter(Boolean).length;
  if (channel !== 'digital' && addressParts < 4) errors.street = t('accounts:errors.addressNeededForLetters');
  else if (addressParts > 0 && addressParts < 4) errors.street = t('accounts:errors.addressIncomplete');
  if (Object.keys(errors).length > 0 || !displayName) return { ok: false, errors };
  await updateUser(accountsDb(ctx.db), actor.userId, {
    display_name: displayName,
    preferred_channel: channel,
    language: input.language === 'en' ? 'en' : 'de',
    simplified_language: input.simplifiedLanguage === 'on',
    ...address,
  });
  return { ok: true };
}

/** Everything the platform holds about the person, as GDPR Art. 15 and 20 ask: readable and portable. */
export async function exportPersonalData(ctx: KernelContext, actor: SignedIn) {
  const db = accountsDb(ctx.db);
  const user = await profileOf(ctx, actor);
  const { password_hash: _hash, totp_secret: _secret, totp_last_step: _step, ...profile } = user;
  const sessions = await ctx.sessions.store.listFor(user.id);
  const exported = {
    exportedAt: new Date().toISOString(),
    profile,
    roles: user.kind === 'staff' ? await rolesOf(db, user.id) : [],
    externalLogins: await identitiesOf(db, user.id),
    sessions: sessions.map(({ token_hash: _token, ...session }) => session),
    ...(await collectPersonalData(ctx, user.id)),
    accessToYourData: await auditTrailOf(ctx.db, user.id),
  };
  await recordAudit(ctx.db, { actor }, { action: 'accounts.data-exported', subjectType: 'user', subjectId: user.id, dataSubjectId: user.id });
  return exported;
}

/** The audit trail about the person, with the names of the staff who acted instead of their ids. */
export async function accessLogOf(ctx: KernelContext, actor: SignedIn) {
  const trail = await auditTrailOf(ctx.db, actor.userId, 50);
  const names = await displayNames(accountsDb(ctx.db), trail.flatMap((entry) => (entry.actor_id ? [entry.actor_id] : [])));
  return trail.map((entry) => ({ ...entry, actor_name: (entry.actor_id && names.get(entry.actor_id)) || null }));
}

export type DeleteResult = { ok: true } | { ok: false; errors: FieldErrors } | { ok: false; reason: 'staff-account' };

/**
 * Deletes a citizen account and everything hanging off it. The audit records stay: they document what
 * staff did, which the city must be able to show, and they name the account only by its id.
 */
export async function deleteAccount(ctx: KernelContext, actor: SignedIn, t: TFunction, input: { password?: string; confirm?: string }): Promise<DeleteResult> {
  const user = await profileOf(ctx, actor);
  if (user.kind === 'staff') return { ok: false, reason: 'staff-account' };
  const confirmed = user.password_hash
    ? await verifyPassword(user.password_hash, input.password ?? '')
    : (input.confirm ?? '').trim().toUpperCase() === t('accounts:delete.confirmWord').toUpperCase();
  if (!confirmed) {
    return { ok: false, errors: user.password_hash ? { password: t('accounts:errors.passwordWrong') } : { confirm: t('accounts:errors.confirmWord', { word: t('accounts:delete.confirmWord') }) } };
  }
  await ctx.db.transaction().execute(async (trx) => {
    await ctx.sessions.store.destroyAllFor(user.id, {}, trx);
    await erasePersonalData(ctx, trx, user.id);
    await deleteUser(accountsDb(trx), user.id);
    await recordAudit(trx, { actor }, { action: 'accounts.account-deleted', subjectType: 'user', subjectId: user.id, dataSubjectId: user.id });
    if (user.email) await queueAccountMail(ctx, trx, 'deleted', { email: user.email, name: user.display_name, language: user.language });
  });
  return { ok: true };
}

export async function sessionsOf(ctx: KernelContext, actor: SignedIn) {
  const sessions = await ctx.sessions.store.listFor(actor.userId);
  return sessions.map((session) => ({ ...session, current: session.token_hash === actor.sessionHash }));
}

/** Ends every session of the person except the one they are using now. */
export async function endOtherSessions(ctx: KernelContext, actor: SignedIn): Promise<number> {
  return ctx.sessions.store.destroyAllFor(actor.userId, { except: actor.sessionHash });
}
