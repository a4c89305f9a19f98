import { sql, type Kysely } from 'kysely';

/** Trigram similarity for search that forgives typos ("Persnalausweis"); used by every search source. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop extension if exists pg_trgm`.execute(db);
}
