import { sql, type Kysely } from 'kysely';

/** The file store names a file by the SHA-256 of its content (64 hex digits), not by a UUID. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table initiatives alter column logo_file_id type text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update initiatives set logo_file_id = null`.execute(db);
  await sql`alter table initiatives alter column logo_file_id type uuid using null`.execute(db);
}
