import { systemActor, type RoleGrant } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { generate } from 'otplib';
import { createApiClient, revokeApiClient } from '../clients.ts';
import { hashPassword } from '../passwords.ts';
import { accountsDb, insertUser, replaceRoles } from '../repo.ts';
import { newTotpSecret } from '../totp.ts';
import type { AccountsTables } from '../tables.ts';
import type { Insertable } from 'kysely';
import type { FormClient } from '#test/http-client.ts';

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter += 1)}`;

export const builderPassword = 'Ein langes Passwort für Tests';

/** A confirmed citizen account with a known password; other modules' tests reuse it. */
export async function buildCitizen(ctx: KernelContext, overrides: Partial<Insertable<AccountsTables['users']>> = {}) {
  const id = unique();
  const user = await insertUser(accountsDb(ctx.db), {
    kind: 'citizen',
    email: `buerger-${id}@example.org`,
    email_verified_at: new Date(),
    password_hash: await hashPassword(builderPassword),
    display_name: `Bürgerin ${id}`,
    ...overrides,
  });
  return { user, password: builderPassword };
}

/** A staff account with roles and a confirmed second factor, and a way to compute its current code. */
export async function buildStaff(ctx: KernelContext, roles: RoleGrant[], overrides: Partial<Insertable<AccountsTables['users']>> = {}) {
  const id = unique();
  const secret = newTotpSecret();
  const user = await insertUser(accountsDb(ctx.db), {
    kind: 'staff',
    email: `mitarbeiterin-${id}@erkelenz.example`,
    email_verified_at: new Date(),
    password_hash: await hashPassword(builderPassword),
    display_name: `Mitarbeiterin ${id}`,
    totp_secret: secret,
    totp_confirmed_at: new Date(),
    ...overrides,
  });
  await replaceRoles(accountsDb(ctx.db), user.id, roles);
  // Later steps let a test log in twice within one 30-second window despite replay protection.
  const code = (step = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + step * 30 });
  return { user, password: builderPassword, secret, code };
}

export type BuiltStaff = Awaited<ReturnType<typeof buildStaff>>;

/** A machine client with the given scopes, made as an operator makes it; its bearer token and id. */
export async function buildApiClient(ctx: KernelContext, scopes: readonly string[], name = `Fachverfahren ${unique()}`) {
  const created = await createApiClient(ctx, systemActor('test'), { name, scopes });
  if (!created.ok) throw new Error(`API client not created: ${JSON.stringify(created.errors)}`);
  return { clientId: created.clientId, token: created.token };
}

/** Revokes a machine client as an operator does. */
export async function revokeBuiltApiClient(ctx: KernelContext, clientId: string): Promise<void> {
  if (!(await revokeApiClient(ctx, systemActor('test'), clientId))) throw new Error(`API client ${clientId} was not live`);
}

/** Signs a staff member in as a browser does: password, then the authenticator's current code. */
export async function signInStaff(client: FormClient, staff: BuiltStaff, step = 0): Promise<void> {
  await client.get('/anmelden');
  await client.post('/anmelden', { email: staff.user.email!, password: staff.password });
  await client.get('/anmelden/zweiter-faktor');
  const done = await client.post('/anmelden/zweiter-faktor', { code: await staff.code(step) });
  if (done.location !== '/verwaltung') throw new Error(`Staff sign-in failed: ${done.status} ${done.location ?? ''}`);
}
