import { sql, type Kysely } from 'kysely';

/** TRUNCATE bypasses row triggers; the audit log refuses it too. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_refuse_change()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger audit_log_no_truncate on audit_log`.execute(db);
}
