import { auditTrailOf, recordAudit } from '#kernel/audit.ts';
import type { SignedIn } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { FormErrors, FormValue } from '#kernel/forms/index.ts';
import { languages } from '#kernel/i18n/i18n.ts';
import { collectPersonalData, erasePersonalData } from '#kernel/personal-data.ts';
import { optionalText } from '#kernel/text.ts';
import type { preferencesForm } from './forms.ts';
import { queueAccountMail } from './mails.ts';
import { verifyPassword } from './passwords.ts';
import { consentsOfUser } from './repo.consent.ts';
import { accountsDb, deleteUser, displayNames, findUserById, identitiesOf, rolesOf, updateUser } from './repo.ts';
import type { User } from './tables.ts';

export async function profileOf(ctx: KernelContext, actor: SignedIn): Promise<User> {
  const user = await findUserById(accountsDb(ctx.db), actor.userId);
  if (!user) throw new Error(`Signed-in user ${actor.userId} has no row`);
  return user;
}

/** What is wrong, by form field, as reason codes; an address field's message names the field. */
export type PreferencesResult = { ok: true } | { ok: false; problems: FormErrors };

const postalCodePattern = /^\d{5}$/;

/** Whether letters go to this person, so that their address is needed. */
export function needsPostalAddress(channel: string | undefined): boolean {
  return channel === 'letter' || channel === 'both';
}

/**
 * Saves name, channel, language and postal address. Choosing letters needs a complete address: a
 * preference the city cannot honour would silently turn into no message at all. Each missing part of the
 * address is named at its own field.
 */
export async function updatePreferences(ctx: KernelContext, actor: SignedIn, input: FormValue<typeof preferencesForm>): Promise<PreferencesResult> {
  const typed = { street: optionalText(input.street), houseNumber: optionalText(input.houseNumber), postalCode: optionalText(input.postalCode), city: optionalText(input.city) };
  const displayName = optionalText(input.displayName);
  const problems: FormErrors = {};
  if (!displayName) problems.displayName = { code: 'required' };
  const channel = input.preferredChannel;
  const missing = (Object.keys(typed) as (keyof typeof typed)[]).filter((field) => !typed[field]);
  const partial = missing.length > 0 && missing.length < 4;
  if (needsPostalAddress(channel) || partial) {
    for (const field of missing) problems[field] = { code: needsPostalAddress(channel) ? 'accounts:errors.addressNeededForLetters' : 'accounts:errors.addressIncomplete' };
  }
  if (typed.postalCode && !postalCodePattern.test(typed.postalCode)) problems.postalCode = { code: 'accounts:errors.postalCode' };
  if (Object.keys(problems).length > 0 || !displayName) return { ok: false, problems };
  const address = { street: typed.street, house_number: typed.houseNumber, postal_code: typed.postalCode, city: typed.city };
  await updateUser(accountsDb(ctx.db), actor.userId, {
    display_name: displayName,
    preferred_channel: channel,
    language: input.language === 'en' ? 'en' : 'de',
    simplified_language: input.simplifiedLanguage,
    ...address,
  });
  return { ok: true };
}

/** Everything the platform holds about the person, as GDPR Art. 15 and 20 ask. */
async function personalDataOf(ctx: KernelContext, actor: SignedIn) {
  const db = accountsDb(ctx.db);
  const user = await profileOf(ctx, actor);
  const { password_hash: _hash, totp_secret: _secret, totp_last_step: _step, ...profile } = user;
  const sessions = await ctx.sessions.store.listFor(user.id);
  return {
    exportedAt: new Date().toISOString(),
    profile,
    roles: user.kind === 'staff' ? await rolesOf(db, user.id) : [],
    externalLogins: await identitiesOf(db, user.id),
    sessions: sessions.map(({ token_hash: _token, ...session }) => session),
    consents: await consentsOfUser(ctx.db, user.id),
    ...(await collectPersonalData(ctx, user.id)),
    accessToYourData: await auditTrailOf(ctx.db, user.id),
  };
}

/** The person's data as one portable file (GDPR Art. 20); the download is recorded. */
export async function exportPersonalData(ctx: KernelContext, actor: SignedIn) {
  const exported = await personalDataOf(ctx, actor);
  await recordAudit(ctx.db, { actor }, { action: 'accounts.data-exported', subjectType: 'user', subjectId: actor.userId, dataSubjectId: actor.userId });
  return exported;
}

/** The same data to read on a page (GDPR Art. 15); the reading is recorded like the download. */
export async function viewPersonalData(ctx: KernelContext, actor: SignedIn) {
  const data = await personalDataOf(ctx, actor);
  await recordAudit(ctx.db, { actor }, { action: 'accounts.data-viewed', subjectType: 'user', subjectId: actor.userId, dataSubjectId: actor.userId });
  return data;
}

/** The audit trail about the person, with the names of the staff who acted instead of their ids. */
export async function accessLogOf(ctx: KernelContext, actor: SignedIn) {
  const trail = await auditTrailOf(ctx.db, actor.userId, 50);
  const names = await displayNames(accountsDb(ctx.db), trail.flatMap((entry) => (entry.actor_id ? [entry.actor_id] : [])));
  return trail.map((entry) => ({ ...entry, actor_name: (entry.actor_id && names.get(entry.actor_id)) || null }));
}

export type DeleteResult = { ok: true } | { ok: false; errors: FormErrors } | { ok: false; reason: 'staff-account' };

/** The word an account without a password types to confirm, in any of the platform's languages. */
function isDeleteWord(ctx: KernelContext, typed: string): boolean {
  const word = typed.trim().toUpperCase();
  return languages.some((language) => ctx.i18n.getFixedT(language)('accounts:delete.confirmWord').toUpperCase() === word);
}

/**
 * Deletes a citizen account and everything hanging off it. The audit records stay: they document what
 * staff did, which the city must be able to show, and they name the account only by its id.
 */
export async function deleteAccount(ctx: KernelContext, actor: SignedIn, input: { password: string; confirm: string }): Promise<DeleteResult> {
  const user = await profileOf(ctx, actor);
  if (user.kind === 'staff') return { ok: false, reason: 'staff-account' };
  const confirmed = user.password_hash ? await verifyPassword(user.password_hash, input.password) : isDeleteWord(ctx, input.confirm);
  if (!confirmed) {
    const errors: FormErrors = user.password_hash
      ? { password: { code: 'accounts:errors.passwordWrong' } }
      : { confirm: { code: 'accounts:errors.confirmWord', values: { word: { key: 'accounts:delete.confirmWord' } } } };
    return { ok: false, errors };
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
