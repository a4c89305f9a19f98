import { sql } from 'kysely';
import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import type { StaffTables } from './tables.ts';

/*
 * The staff a requirement can apply to: every active staff account with the ids of the roles it holds. The
 * accounts module's public functions answer for one role at one scope (the caseworkers of one office); the
 * dashboard and the figures need everyone's roles at once, in one statement, so this reads the accounts'
 * tables for exactly that and nothing else. A disabled account is no longer on the staff.
 */

export interface StaffMember {
  userId: string;
  name: string;
  roles: string[];
}

const staffDb = (db: Executor<KernelTables>) => db.withTables<StaffTables>();

/** Every active staff member with their roles, by name. */
export async function activeStaff(db: Executor<KernelTables>): Promise<StaffMember[]> {
  const rows = await staffDb(db)
    .selectFrom('users as u')
    .leftJoin('staff_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.display_name', sql<string[]>`coalesce(array_agg(distinct r.role) filter (where r.role is not null), '{}')`.as('roles')])
    .where('u.kind', '=', 'staff')
    .where('u.disabled_at', 'is', null)
    .groupBy(['u.id', 'u.display_name'])
    .orderBy('u.display_name')
    .execute();
  return rows.map((row) => ({ userId: row.id, name: row.display_name, roles: row.roles }));
}

/** One active staff member, or undefined for anyone else (a citizen, a disabled account, an unknown id). */
export async function staffMember(db: Executor<KernelTables>, userId: string): Promise<StaffMember | undefined> {
  const rows = await staffDb(db)
    .selectFrom('users as u')
    .leftJoin('staff_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.display_name', sql<string[]>`coalesce(array_agg(distinct r.role) filter (where r.role is not null), '{}')`.as('roles')])
    .where('u.id', '=', userId)
    .where('u.kind', '=', 'staff')
    .where('u.disabled_at', 'is', null)
    .groupBy(['u.id', 'u.display_name'])
    .execute();
  const row = rows[0];
  return row ? { userId: row.id, name: row.display_name, roles: row.roles } : undefined;
}

/** A staff account by its address, for the demo seed that must find the account it made before. */
export async function staffIdByEmail(db: Executor<KernelTables>, email: string): Promise<string | undefined> {
  const row = await staffDb(db).selectFrom('users').select('id').where('email', '=', email).where('kind', '=', 'staff').executeTakeFirst();
  return row?.id;
}
