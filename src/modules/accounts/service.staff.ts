import { recordAudit } from '#kernel/audit.ts';
import type { Actor, Language, RoleGrant } from '#kernel/auth/actor.ts';
import type { DeclaredRole, ScopeOption } from '#kernel/auth/roles.ts';
import type { KernelContext } from '#kernel/context.ts';
import { normaliseEmail, optionalText } from '#kernel/text.ts';
import { accountMailJob } from './jobs.ts';
import { accountsDb, deleteRecoveryCodes, findUserByEmail, findUserById, insertUser, issueToken, listStaff, replaceRoles, rolesOf, updateUser } from './repo.ts';

export const manageStaff = 'accounts.manage-staff';
const inviteValidMs = 7 * 86_400_000;

export interface StaffInput {
  email: string;
  displayName: string;
  roles: readonly string[];
  /** For roles bound to a scope: the scope's id by role (`{ caseworker: '<office id>' }`). */
  scopes?: Readonly<Record<string, string | undefined>>;
}

/** Why a field of the staff form was refused; `role` names the role a scope problem is about. */
export type StaffProblem =
  | { reason: 'email-invalid' | 'email-taken' | 'name-required' | 'roles-required' }
  | { reason: 'scope-required' | 'scope-unknown'; role: string };
/** Problems by form field: `email`, `displayName`, `roles`, or `scope-<role>` for a role's scope. */
export type StaffProblems = Record<string, StaffProblem>;

/** The field of the form that holds a scoped role's scope. */
export const scopeField = (role: string) => `scope-${role}`;

export interface RoleChoice {
  role: DeclaredRole;
  /** For a role bound to a scope: what one of them is called (i18n key) and the things there are. */
  scope?: { label: string; options: readonly ScopeOption[] };
}

/** Every role the installed modules bring, and for a role bound to a scope the things it can be bound to. */
export async function roleChoices(ctx: KernelContext, actor: Actor, language: Language): Promise<RoleChoice[]> {
  ctx.permissions.require(actor, manageStaff);
  const scopes = new Map<string, RoleChoice['scope']>();
  for (const role of ctx.permissions.roles) {
    const kind = role.scope ? ctx.permissions.scopeKind(role.scope) : undefined;
    if (kind && !scopes.has(kind.id)) scopes.set(kind.id, { label: kind.label, options: await kind.options(ctx.db, language) });
  }
  return ctx.permissions.roles.map((role) => ({ role, scope: role.scope ? scopes.get(role.scope) : undefined }));
}

async function parseGrants(ctx: KernelContext, input: Pick<StaffInput, 'roles' | 'scopes'>): Promise<{ grants: RoleGrant[]; problems: StaffProblems }> {
  const problems: StaffProblems = {};
  const chosen = input.roles.flatMap((id) => ctx.permissions.role(id) ?? []);
  if (chosen.length === 0 || chosen.length !== input.roles.length) problems.roles = { reason: 'roles-required' };
  const grants: RoleGrant[] = [];
  for (const role of chosen) {
    if (!role.scope) {
      grants.push({ role: role.id });
      continue;
    }
    const scopeId = optionalText(input.scopes?.[role.id]);
    const known = scopeId ? (await ctx.permissions.scopeKind(role.scope)!.options(ctx.db, 'de')).some((option) => option.id === scopeId) : false;
    if (!scopeId || !known) problems[scopeField(role.id)] = { reason: scopeId ? 'scope-unknown' : 'scope-required', role: role.id };
    else grants.push({ role: role.id, scopeKind: role.scope, scopeId });
  }
  return { grants, problems };
}

export type CreateStaffResult = { ok: true; userId: string; inviteLink?: string } | { ok: false; problems: StaffProblems };

/**
 * Creates a staff account and mails an invitation to set a password; the second factor is set up at the
 * first login. Administrators do this in the back office, operators with `cli create-staff`. An operator
 * without a working mail server may take the link instead (`invitation: 'link'`): then no mail goes out,
 * because a mailed link would replace the one handed over.
 */
export async function createStaff(ctx: KernelContext, actor: Actor, input: StaffInput, invitation: 'mail' | 'link' = 'mail'): Promise<CreateStaffResult> {
  ctx.permissions.require(actor, manageStaff);
  const email = normaliseEmail(input.email);
  const displayName = optionalText(input.displayName);
  const { grants, problems } = await parseGrants(ctx, input);
  if (!email) problems.email = { reason: 'email-invalid' };
  if (!displayName) problems.displayName = { reason: 'name-required' };
  if (email && (await findUserByEmail(accountsDb(ctx.db), email))) problems.email = { reason: 'email-taken' };
  if (Object.keys(problems).length > 0 || !email || !displayName) return { ok: false, problems };

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

export type StaffChangeResult = { ok: true } | { ok: false; problems: StaffProblems } | { ok: false; reason: 'not-found' | 'self' };

/**
 * Replaces a staff member's roles with those chosen. Grants of roles no installed module offers any more
 * are kept as they are: the form cannot show them, and removing a module must not strip its people.
 */
export async function changeStaffRoles(ctx: KernelContext, actor: Actor, userId: string, input: Pick<StaffInput, 'roles' | 'scopes'>): Promise<StaffChangeResult> {
  ctx.permissions.require(actor, manageStaff);
  const { grants, problems } = await parseGrants(ctx, input);
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return ctx.db.transaction().execute(async (trx) => {
    const db = accountsDb(trx);
    const user = await findUserById(db, userId);
    if (!user || user.kind !== 'staff') return { ok: false, reason: 'not-found' } as const;
    // An administrator who removes their own administrator role could lock the city out of its platform.
    if (actor.kind === 'staff' && actor.userId === userId && !grants.some((grant) => grant.role === 'administrator')) {
      return { ok: false, reason: 'self' } as const;
    }
    const before = await rolesOf(db, userId);
    const after = [...grants, ...before.filter((grant) => !ctx.permissions.role(grant.role))];
    await replaceRoles(db, userId, after);
    await recordAudit(trx, { actor }, { action: 'accounts.staff-roles-changed', subjectType: 'user', subjectId: userId, dataSubjectId: userId, meta: { before, after } });
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

/** The names of the things grants are bound to (an office's title), by `<kind>:<id>`, for showing grants in words. */
export async function scopeNames(ctx: KernelContext, grants: readonly RoleGrant[], language: Language): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const kind of new Set(grants.flatMap((grant) => grant.scopeKind ?? []))) {
    const declared = ctx.permissions.scopeKind(kind);
    for (const option of declared ? await declared.options(ctx.db, language) : []) names.set(`${kind}:${option.id}`, option.label);
  }
  return names;
}
