import crypto from 'node:crypto';
import { recordAudit } from '#kernel/audit.ts';
import type { Actor } from '#kernel/auth/actor.ts';
import { hashToken } from '#kernel/auth/sessions.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { Db } from '#kernel/db/database.ts';
import { optionalText } from '#kernel/text.ts';
import { manageStaff } from './service.staff.ts';
import { accountsDb, type AccountsDb } from './repo.ts';

/*
 * Machine clients: other city systems (a case management system, the appointment kiosk) that call the
 * platform's APIs. Each has a random bearer token, shown once at creation and stored only as its hash, and
 * the permissions it may use as scopes. Creating and revoking them is an administrator's or operator's act.
 */

const tokenPrefix = 'erk_';

async function insertClient(db: AccountsDb, client: { name: string; tokenHash: string; scopes: string[] }) {
  return db.insertInto('api_clients').values({ name: client.name, token_hash: client.tokenHash, scopes: client.scopes }).returning('id').executeTakeFirstOrThrow();
}

async function findLiveClient(db: AccountsDb, tokenHash: string) {
  return db.selectFrom('api_clients').select(['id', 'name', 'scopes', 'last_used_at']).where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).executeTakeFirst();
}

/** The kernel's `resolveClient` hook: a live token yields its client, anything else nothing. */
export async function resolveClient(db: Db, token: string): Promise<Actor | null> {
  if (!token.startsWith(tokenPrefix) || token.length > 200) return null;
  const accounts = accountsDb(db);
  const client = await findLiveClient(accounts, hashToken(token));
  if (!client) return null;
  // Once an hour is enough to tell an operator which clients are still in use.
  if (!client.last_used_at || Date.now() - client.last_used_at.getTime() > 3_600_000) {
    await accounts.updateTable('api_clients').set({ last_used_at: new Date() }).where('id', '=', client.id).execute();
  }
  return { kind: 'client', clientId: client.id, name: client.name, scopes: client.scopes };
}

export type CreateClientResult = { ok: true; clientId: string; token: string } | { ok: false; errors: Record<string, string> };

export async function createApiClient(ctx: KernelContext, actor: Actor, input: { name: string; scopes: readonly string[] }): Promise<CreateClientResult> {
  ctx.permissions.require(actor, manageStaff);
  const name = optionalText(input.name);
  const errors: Record<string, string> = {};
  if (!name) errors.name = 'a name is required';
  const unknown = input.scopes.filter((scope) => !ctx.permissions.known(scope));
  if (input.scopes.length === 0) errors.scope = 'at least one scope is required';
  else if (unknown.length > 0) errors.scope = `unknown permission(s): ${unknown.join(', ')}`;
  if (!name || Object.keys(errors).length > 0) return { ok: false, errors };
  const token = `${tokenPrefix}${crypto.randomBytes(32).toString('base64url')}`;
  const scopes = [...new Set(input.scopes)];
  const clientId = await ctx.db.transaction().execute(async (trx) => {
    const { id } = await insertClient(accountsDb(trx), { name, tokenHash: hashToken(token), scopes });
    await recordAudit(trx, { actor }, { action: 'accounts.api-client-created', subjectType: 'api_client', subjectId: id, meta: { name, scopes } });
    return id;
  });
  return { ok: true, clientId, token };
}

export async function revokeApiClient(ctx: KernelContext, actor: Actor, clientId: string): Promise<boolean> {
  ctx.permissions.require(actor, manageStaff);
  return ctx.db.transaction().execute(async (trx) => {
    const result = await accountsDb(trx).updateTable('api_clients').set({ revoked_at: new Date() }).where('id', '=', clientId).where('revoked_at', 'is', null).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await recordAudit(trx, { actor }, { action: 'accounts.api-client-revoked', subjectType: 'api_client', subjectId: clientId });
    return true;
  });
}
