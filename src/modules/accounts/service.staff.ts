import type { TFunction } from 'i18next';
import { recordAudit } from '#kernel/audit.ts';
import { staffRoles, type Actor, type RoleGrant, type StaffRole } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { FieldErrors } from '#kernel/html/page.ts';
import { normaliseEmail, optionalText } from '#kernel/text.ts';
import { accountMailJob } from './jobs.ts';
import { accountsDb, deleteRecoveryCodes, findUserByEmail, findUserById, insertUser, issueToken, listStaff, replaceRoles, rolesOf, updateUser } from './repo.ts';

export const manageStaff = 'accounts.manage-staff';
const inviteValidMs = 7 * 86_400_000;

export interface StaffInput {
  email: string;
  displayName: string;
  roles: readonly string[];
  office?: string;
}

function parseGrants(t: TFunction, roles: readonly string[], office: string | null): { grants: RoleGrant[]; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const chosen = roles.filter((role): role is StaffRole => (staffRoles as readonly string[]).includes(role));
  if (chosen.length === 0 || chosen.length !== roles.length) errors.roles = t('accounts:errors.rolesRequired');
  if (chosen.includes('caseworker') && !office) errors.office = t('accounts:errors.officeRequired');
  const grants = chosen.map((role) => ({ role, officeId: role === 'caseworker' ? office : null }));
  return { grants, errors };
}

export type CreateStaffResult = { ok: true; userId: string; inviteLink?: string } | { ok: false; errors: FieldErrors };

/**
 * Creates a staff account and mails an invitation to set a password; the second factor is set up at the
 * first login. Administrators do this in the back office, operators with `cli create-staff`. An operator
 * without a working mail server may take the link instead (`invitation: 'link'`): then no mail goes out,
 * because a mailed link would replace the one handed over.
 */
export async function createStaff(ctx: KernelContext, actor: Actor, t: TFunction, input: StaffInput, invitation: 'mail' | 'link' = 'mail'): Promise<CreateStaffResult> {
  ctx.permissions.require(actor, manageStaff);
  const email = normaliseEmail(input.email);
  const displayName = optionalText(input.displayName);
  const { grants, errors } = parseGrants(t, input.roles, optionalText(input.office));
  if (!email) errors.email = t('kernel:validation.email');
  if (!displayName) errors.displayName = t('accounts:errors.nameRequired');
  if (email && (await findUserByEmail(accountsDb(ctx.db), email))) errors.email = t('accounts:errors.emailTaken');
  if (Object.keys(errors).length > 0 || !email || !displayName) return { ok: false, errors };

  return ctx.db.transaction().execute(async (trx) => {
    const db = accountsDb(trx);
    const user = await insertUser(db, { kind: 'staff', email, display_name: displayName });
    await replaceRoles(db, user.id, grants);
    await recordAudit(trx, { actor }, { action: 'accounts.staff-created', subjectType: 'user', subjectId: user.id, dataSubjectId: user.id, meta: { roles: grants } });
    if (invitation === 'mail') {
      await ctx.jobs.enqueue(trx, accountMailJob, { userId: user.id, purpose: 'invite' });
      return { ok: true, userId: user.id } as const;
    }
    const token = await issueToken(db, user.id, 'invite', inviteValidMs);
    return { ok: true, userId: user.id, inviteLink: `${ctx.config.PUBLIC_URL}/einladung?token=${token}` } as const;
  });
}

export async function listStaffMembers(ctx: KernelContext, actor: Actor) {
  ctx.permissions.require(actor, manageStaff);
  const staff = await listStaff(accountsDb(ctx.db));
  await recordAudit(ctx.db, { actor }, { action: 'accounts.staff-list-viewed', subjectType: 'user' });
  return staff;
}

export async function staffMember(ctx: KernelContext, actor: Actor, userId: string) {
  ctx.permissions.require(actor, manageStaff);
  const db = accountsDb(ctx.db);
  const user = await findUserById(db, userId);
  if (!user || user.kind !== 'staff') return undefined;
  await recordAudit(ctx.db, { actor }, { action: 'accounts.staff-viewed', subjectType: 'user', subjectId: user.id, dataSubjectId: user.id });
  return { user, roles: await rolesOf(db, user.id) };
}

export type StaffChangeResult = { ok: true } | { ok: false; errors: FieldErrors } | { ok: false; reason: 'not-found' | 'self' };

export async function changeStaffRoles(ctx: KernelContext, actor: Actor, t: TFunction, userId: string, input: { roles: readonly string[]; office?: string }): Promise<StaffChangeResult> {
  ctx.permissions.require(actor, manageStaff);
  const { grants, errors } = parseGrants(t, input.roles, optionalText(input.office));
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return ctx.db.transaction().execute(async (trx) => {
    const db = accountsDb(trx);
    const user = await findUserById(db, userId);
    if (!user || user.kind !== 'staff') return { ok: false, reason: 'not-found' } as const;
    // An administrator who removes their own administrator role could lock the city out of its platform.
    if (actor.kind === 'staff' && actor.userId === userId && !grants.some((grant) => grant.role === 'administrator')) {
      return { ok: false, reason: 'self' } as const;
    }
    const before = await rolesOf(db, userId);
    await replaceRoles(db, userId, grants);
    await recordAudit(trx, { actor }, { action: 'accounts.staff-roles-changed', subjectType: 'user', subjectId: userId, dataSubjectId: userId, meta: { before, after: grants } });
    return { ok: true } as const;
  });
}

/** Disables or re-enables a staff account; disabling ends its sessions at once. */
export async function setStaffDisabled(ctx: KernelContext, actor: Actor, userId: string, disabled: boolean): Promise<StaffChangeResult> {
  ctx.permissions.require(actor, manageStaff);
  if (actor.kind === 'staff' && actor.userId === userId) return { ok: false, reason: 'self' };
  return ctx.db.transaction().execute(async (trx) => {
    const db = accountsDb(trx);
    const user = await findUserById(db, userId);
    if (!user || user.kind !== 'staff') return { ok: false, reason: 'not-found' } as const;
    await updateUser(db, userId, { disabled_at: disabled ? new Date() : null });
    if (disabled) await ctx.sessions.store.destroyAllFor(userId, {}, trx);
    const action = disabled ? 'accounts.staff-disabled' : 'accounts.staff-enabled';
    await recordAudit(trx, { actor }, { action, subjectType: 'user', subjectId: userId, dataSubjectId: userId });
    return { ok: true } as const;
  });
}

/**
 * For a lost phone: authenticator and recovery codes are removed, every session ends, and the staff member
 * is told by mail; they set up a new authenticator at their next sign-in.
 */
export async function resetSecondFactor(ctx: KernelContext, actor: Actor, userId: string): Promise<StaffChangeResult> {
  ctx.permissions.require(actor, manageStaff);
  return ctx.db.transaction().execute(async (trx) => {
    const db = accountsDb(trx);
    const user = await findUserById(db, userId);
    if (!user || user.kind !== 'staff') return { ok: false, reason: 'not-found' } as const;
    await updateUser(db, userId, { totp_secret: null, totp_confirmed_at: null, totp_last_step: null });
    await deleteRecoveryCodes(db, userId);
    await ctx.sessions.store.destroyAllFor(userId, {}, trx);
    await recordAudit(trx, { actor }, { action: 'accounts.second-factor-reset', subjectType: 'user', subjectId: userId, dataSubjectId: userId });
    await ctx.jobs.enqueue(trx, accountMailJob, { userId, purpose: 'second-factor-reset' });
    return { ok: true } as const;
  });
}
