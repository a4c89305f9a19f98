import { sql } from 'kysely';
import type { AnyExecutor } from '#kernel/db/database.ts';

/*
 * One load per resource at a time (`opendata_resource_loads`). A claim lasts until released, or until it is
 * older than the load job's expiry: then its worker died, and the claim passes to whoever asks.
 */

const claimLasts = sql`interval '1 hour'`;

/** True when this version may load the resource now (no other load under way, or its own claim again). */
export async function claimLoad(db: AnyExecutor, resourceId: string, versionId: string): Promise<boolean> {
  const { rows } = await sql<{ version_id: string }>`
    insert into opendata_resource_loads (resource_id, version_id) values (${resourceId}, ${versionId})
    on conflict (resource_id) do update set version_id = excluded.version_id, started_at = now()
      where opendata_resource_loads.version_id = excluded.version_id or opendata_resource_loads.started_at < now() - ${claimLasts}
    returning version_id`.execute(db);
  return rows.length > 0;
}

export async function releaseLoad(db: AnyExecutor, resourceId: string, versionId: string): Promise<void> {
  await sql`delete from opendata_resource_loads where resource_id = ${resourceId} and version_id = ${versionId}`.execute(db);
}
