import { sql, type Kysely } from 'kysely';

/*
 * A version whose turn to load came after a newer version of its resource had loaded (its file waited for the
 * virus scan, its job for a retry) is superseded: loading it would put older rows in the DataStore than the
 * resource's address serves.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table opendata_resource_versions drop constraint opendata_resource_versions_status_check`.execute(db);
  await sql`alter table opendata_resource_versions add constraint opendata_resource_versions_status_check
    check (status in ('received', 'checking', 'loaded', 'valid', 'invalid', 'failed', 'superseded'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update opendata_resource_versions set status = 'failed', note = 'superseded' where status = 'superseded'`.execute(db);
  await sql`alter table opendata_resource_versions drop constraint opendata_resource_versions_status_check`.execute(db);
  await sql`alter table opendata_resource_versions add constraint opendata_resource_versions_status_check
    check (status in ('received', 'checking', 'loaded', 'valid', 'invalid', 'failed'))`.execute(db);
}
