import type { Actor } from '#kernel/auth/actor.ts';
import type { Db } from '#kernel/db/database.ts';
import { accountsDb, findUserById, rolesOf } from './repo.ts';

/**
 * The kernel asks this for the person behind a session. A disabled account, or a staff account whose
 * second factor is not set up, yields no actor: its session is worthless.
 */
export async function resolveActor(db: Db, userId: string, sessionHash: string): Promise<Actor | null> {
  const accounts = accountsDb(db);
  const user = await findUserById(accounts, userId);
  if (!user || user.disabled_at) return null;
  const person = {
    userId: user.id,
    displayName: user.display_name,
    email: user.email,
    language: user.language,
    simplifiedLanguage: user.simplified_language,
    sessionHash,
  };
  if (user.kind === 'citizen') return { kind: 'citizen', ...person };
  if (!user.totp_confirmed_at) return null;
  return { kind: 'staff', roles: await rolesOf(accounts, user.id), ...person };
}
