import crypto from 'node:crypto';
import { sql, type Insertable, type Updateable } from 'kysely';
import type { RoleGrant } from '#kernel/auth/actor.ts';
import { hashToken } from '#kernel/auth/sessions.ts';
import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import type { AccountsTables, TokenPurpose, User } from './tables.ts';

export type AccountsDb = Executor<KernelTables & AccountsTables>;

export function accountsDb(db: Executor<KernelTables>): AccountsDb {
  return db.withTables<AccountsTables>();
}

export async function findUserById(db: AccountsDb, id: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByEmail(db: AccountsDb, email: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function displayNames(db: AccountsDb, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((row) => [row.id, row.display_name]));
}

export async function apiClientNames(db: AccountsDb, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('api_clients').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

export async function insertUser(db: AccountsDb, user: Insertable<AccountsTables['users']>): Promise<User> {
  return db.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow();
}

export async function updateUser(db: AccountsDb, id: string, patch: Updateable<AccountsTables['users']>): Promise<void> {
  await db.updateTable('users').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
}

/**
 * Marks the address confirmed unless it already is, in one statement; returns the account only when this
 * call confirmed it, so whatever follows a first confirmation happens once, whichever link got there first.
 */
export async function confirmEmailOnce(db: AccountsDb, id: string): Promise<Pick<User, 'id' | 'kind' | 'language'> | undefined> {
  return db
    .updateTable('users')
    .set({ email_verified_at: new Date(), updated_at: new Date() })
    .where('id', '=', id)
    .where('email_verified_at', 'is', null)
    .returning(['id', 'kind', 'language'])
    .executeTakeFirst();
}

export async function deleteUser(db: AccountsDb, id: string): Promise<void> {
  await db.deleteFrom('users').where('id', '=', id).execute();
}

export async function rolesOf(db: AccountsDb, userId: string): Promise<RoleGrant[]> {
  const rows = await db.selectFrom('staff_roles').select(['role', 'scope_kind', 'scope_id']).where('user_id', '=', userId).orderBy('role').orderBy('scope_id').execute();
  return rows.map((row) => (row.scope_kind === '' ? { role: row.role } : { role: row.role, scopeKind: row.scope_kind, scopeId: row.scope_id }));
}

export async function replaceRoles(db: AccountsDb, userId: string, grants: readonly RoleGrant[]): Promise<void> {
  await db.deleteFrom('staff_roles').where('user_id', '=', userId).execute();
  if (grants.length === 0) return;
  await db
    .insertInto('staff_roles')
    .values(grants.map((grant) => ({ user_id: userId, role: grant.role, scope_kind: grant.scopeKind ?? '', scope_id: grant.scopeId ?? '' })))
    .execute();
}

/** The active staff who hold a role at one scope (the caseworkers of an office), by name. */
export async function staffWithRole(db: AccountsDb, role: string, scope: { kind: string; id: string }) {
  return db
    .selectFrom('staff_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['u.id', 'u.display_name'])
    .where('r.role', '=', role)
    .where('r.scope_kind', '=', scope.kind)
    .where('r.scope_id', '=', scope.id)
    .where('u.kind', '=', 'staff')
    .where('u.disabled_at', 'is', null)
    .orderBy('u.display_name')
    .execute();
}

/** Active staff with the ids of the roles they hold at any scope, by name; one person, or everyone. */
export async function staffWithRoles(db: AccountsDb, userId?: string) {
  let query = db
    .selectFrom('users as u')
    .leftJoin('staff_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.display_name', sql<string[]>`coalesce(array_agg(distinct r.role) filter (where r.role is not null), '{}')`.as('roles')])
    .where('u.kind', '=', 'staff')
    .where('u.disabled_at', 'is', null);
  if (userId) query = query.where('u.id', '=', userId);
  return query.groupBy(['u.id', 'u.display_name']).orderBy('u.display_name').execute();
}

export async function listStaff(db: AccountsDb) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name', 'email', 'disabled_at', 'totp_confirmed_at', 'last_login_at'])
    .where('kind', '=', 'staff')
    .orderBy('display_name')
    .execute();
}

/** Issues a single-use token; only its hash is stored. Earlier tokens of the same purpose stop working. */
export async function issueToken(db: AccountsDb, userId: string, purpose: TokenPurpose, validForMs: number): Promise<string> {
  await db.deleteFrom('account_tokens').where('user_id', '=', userId).where('purpose', '=', purpose).execute();
  const token = crypto.randomBytes(32).toString('base64url');
  await db
    .insertInto('account_tokens')
    .values({ token_hash: hashToken(token), user_id: userId, purpose, expires_at: new Date(Date.now() + validForMs) })
    .execute();
  return token;
}

/** Marks a live token used and returns its user; a used, expired or unknown token yields undefined. */
export async function consumeToken(db: AccountsDb, token: string, purpose: TokenPurpose): Promise<string | undefined> {
  const row = await db
    .updateTable('account_tokens')
    .set({ used_at: new Date() })
    .where('token_hash', '=', hashToken(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id;
}

/** The account a token was made for, used, expired or live: to tell a reopened link from a wrong one. */
export async function tokenOwner(db: AccountsDb, token: string, purpose: TokenPurpose): Promise<string | undefined> {
  const row = await db.selectFrom('account_tokens').select('user_id').where('token_hash', '=', hashToken(token)).where('purpose', '=', purpose).executeTakeFirst();
  return row?.user_id;
}

/** Ends the account's links of one purpose before they are used or expire. */
export async function revokeTokens(db: AccountsDb, userId: string, purpose: TokenPurpose): Promise<void> {
  await db.deleteFrom('account_tokens').where('user_id', '=', userId).where('purpose', '=', purpose).execute();
}

export async function deleteTokensOf(db: AccountsDb, userId: string): Promise<void> {
  await db.deleteFrom('account_tokens').where('user_id', '=', userId).execute();
}

/** Looks a token up without using it, to show the form that will use it. */
export async function peekToken(db: AccountsDb, token: string, purpose: TokenPurpose): Promise<string | undefined> {
  const row = await db
    .selectFrom('account_tokens')
    .select('user_id')
    .where('token_hash', '=', hashToken(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
  return row?.user_id;
}

export async function findIdentity(db: AccountsDb, issuer: string, subject: string) {
  return db.selectFrom('oidc_identities').select('user_id').where('issuer', '=', issuer).where('subject', '=', subject).executeTakeFirst();
}

export async function identitiesOf(db: AccountsDb, userId: string) {
  return db.selectFrom('oidc_identities').select(['issuer', 'subject', 'created_at']).where('user_id', '=', userId).execute();
}

export async function linkIdentity(db: AccountsDb, identity: { issuer: string; subject: string; userId: string }): Promise<void> {
  await db.insertInto('oidc_identities').values({ issuer: identity.issuer, subject: identity.subject, user_id: identity.userId }).execute();
}

/** Registrations never confirmed are removed: an unconfirmed address may not even belong to the registrant. */
export async function deleteUnverifiedCitizensBefore(db: AccountsDb, cutoff: Date): Promise<number> {
  const result = await db
    .deleteFrom('users')
    .where('kind', '=', 'citizen')
    .where('email_verified_at', 'is', null)
    .where('created_at', '<', cutoff)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('oidc_identities').select('user_id').whereRef('oidc_identities.user_id', '=', 'users.id'))))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** New addresses asked for before the cutoff and never confirmed are forgotten. */
export async function forgetPendingEmailsBefore(db: AccountsDb, cutoff: Date): Promise<number> {
  const result = await db
    .updateTable('users')
    .set({ pending_email: null, pending_email_requested_at: null })
    .where('pending_email', 'is not', null)
    .where('pending_email_requested_at', '<', cutoff)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function deleteTokensExpiredBefore(db: AccountsDb, cutoff: Date): Promise<number> {
  const result = await db.deleteFrom('account_tokens').where('expires_at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** A new set of recovery codes replaces every earlier one, used or not. */
export async function replaceRecoveryCodes(db: AccountsDb, userId: string, codeHashes: readonly string[]): Promise<void> {
  await deleteRecoveryCodes(db, userId);
  if (codeHashes.length === 0) return;
  await db.insertInto('recovery_codes').values(codeHashes.map((code_hash) => ({ user_id: userId, code_hash }))).execute();
}

export async function deleteRecoveryCodes(db: AccountsDb, userId: string): Promise<void> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
}

/** Marks an unused code used; false when the account has no such unused code. One statement, so a code works once. */
export async function useRecoveryCode(db: AccountsDb, userId: string, codeHash: string): Promise<boolean> {
  const row = await db
    .updateTable('recovery_codes')
    .set({ used_at: new Date() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .returning('user_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function unusedRecoveryCodes(db: AccountsDb, userId: string): Promise<number> {
  const row = await db.selectFrom('recovery_codes').select((eb) => eb.fn.countAll<number>().as('count')).where('user_id', '=', userId).where('used_at', 'is', null).executeTakeFirst();
  return Number(row?.count ?? 0);
}

export async function deleteRecoveryCodesUsedBefore(db: AccountsDb, cutoff: Date): Promise<number> {
  const result = await db.deleteFrom('recovery_codes').where('used_at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
