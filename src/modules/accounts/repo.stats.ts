import { sql } from 'kysely';
import type { AccountsDb } from './repo.ts';

/**
 * Citizen accounts in use: not disabled, and confirmed by e-mail or created through an external login (which
 * may bring no e-mail address); and how many of them chose letters only.
 */
export async function countCitizenAccounts(db: AccountsDb): Promise<{ accounts: number; letterOnly: number }> {
  const row = await db
    .selectFrom('users')
    .select([sql<string>`count(*)`.as('accounts'), sql<string>`count(*) filter (where preferred_channel = 'letter')`.as('letter_only')])
    .where('kind', '=', 'citizen')
    .where('disabled_at', 'is', null)
    .where((eb) => eb.or([eb('email_verified_at', 'is not', null), eb.exists(eb.selectFrom('oidc_identities').select('user_id').whereRef('oidc_identities.user_id', '=', 'users.id'))]))
    .executeTakeFirstOrThrow();
  return { accounts: Number(row.accounts), letterOnly: Number(row.letter_only) };
}
