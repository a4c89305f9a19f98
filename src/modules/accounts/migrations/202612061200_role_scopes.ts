import { sql, type Kysely } from 'kysely';

/**
 * Roles come from the modules now, and a role is bound to a kind of scope its module names (an office, a
 * location, an organisation) rather than always to an office. Every grant stays: one that was bound to an
 * office keeps that office as a scope of kind `office`.
 *
 * The print room had borrowed the citizens' office role `appointments-desk`; notify brings a role of its
 * own for it, `print-room`, and whoever ran the print room keeps doing so. The old grant stays for the
 * appointments module that will declare it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table staff_roles rename column office_id to scope_id`.execute(db);
  await db.schema.alterTable('staff_roles').addColumn('scope_kind', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.updateTable('staff_roles').set({ scope_kind: 'office' }).where('scope_id', '<>', '').execute();
  await sql`alter table staff_roles add constraint staff_roles_scope_check check ((scope_kind = '') = (scope_id = ''))`.execute(db);
  await sql`
    insert into staff_roles (user_id, role, scope_kind, scope_id)
    select distinct user_id, 'print-room', '', '' from staff_roles where role = 'appointments-desk'
    on conflict do nothing
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('staff_roles').where('role', '=', 'print-room').execute();
  await sql`alter table staff_roles drop constraint staff_roles_scope_check`.execute(db);
  // Only offices were scopes before; a grant bound to anything else has no place to go back to.
  await db.deleteFrom('staff_roles').where('scope_kind', 'not in', ['', 'office']).execute();
  await db.schema.alterTable('staff_roles').dropColumn('scope_kind').execute();
  await sql`alter table staff_roles rename column scope_id to office_id`.execute(db);
}
