import { sql, type Kysely } from 'kysely';

/**
 * Sign-in notices to staff used to carry the time, browser and address of the sign-in in their job, and
 * pg-boss keeps a job for a week after it ran. They now carry the session's id only; this takes those
 * details out of the notices already queued, run or archived. The notices still go: without them they say
 * the details are no longer known. pg-boss installs its schema after the migrations on a new database,
 * hence the check that its tables exist.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['job', 'archive']) {
    const name = `pgboss.${table}`;
    const exists = await sql<{ found: string | null }>`select to_regclass(${name})::text as found`.execute(db);
    if (!exists.rows[0]?.found) continue;
    await sql`
      update ${sql.table(name)} set data = data - 'signIn'
      where name = 'accounts.send-account-mail' and data->>'purpose' = 'staff-signed-in' and data->'signIn' is not null`.execute(db);
  }
}

/** What was taken out is gone; there is nothing to put back. */
export async function down(): Promise<void> {}
