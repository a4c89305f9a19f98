import type { Actor, RoleGrant, SignedIn } from '#kernel/auth/actor.ts';
import type { Db } from '#kernel/db/database.ts';
import { accountsDb, findUserById, rolesOf } from './repo.ts';
import type { User } from './tables.ts';

/**
 * The account as the actor of what it does. During sign-in no session is the account's yet, and its
 * records (a staff member's own sign-in) carry an empty session hash.
 */
export function personActor(user: User, roles: RoleGrant[], sessionHash = ''): SignedIn {
  const person = {
    userId: user.id,
    displayName: user.display_name,
    email: user.email,
    language: user.language,
    simplifiedLanguage: user.simplified_language,
    sessionHash,
  };
  return user.kind === 'citizen' ? { kind: 'citizen', ...person } : { kind: 'staff', roles, ...person };
}

/**
 * The kernel asks this for the person behind a session. A disabled account, or a staff account whose
 * second factor is not set up, yields no actor: its session is worthless.
 */
export async function resolveActor(db: Db, userId: string, sessionHash: string): Promise<Actor | null> {
  const accounts = accountsDb(db);
  const user = await findUserById(accounts, userId);
  if (!user || user.disabled_at) return null;
  if (user.kind === 'citizen') return personActor(user, [], sessionHash);
  if (!user.totp_confirmed_at) return null;
  return personActor(user, await rolesOf(accounts, user.id), sessionHash);
}
