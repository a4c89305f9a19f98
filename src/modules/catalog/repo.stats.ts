import { sql } from 'kysely';
import type { CatalogDb } from './repo.ts';

/** Published services, and how many of them can be done online (a route of kind `online`). */
export async function countPublishedServices(db: CatalogDb): Promise<{ all: number; online: number }> {
  const row = await db
    .selectFrom('catalog_entries')
    .select([
      sql<string>`count(*)`.as('all'),
      sql<string>`count(*) filter (where published->'channels' @> '[{"kind": "online"}]'::jsonb)`.as('online'),
    ])
    .where('kind', '=', 'service')
    .where('published', 'is not', null)
    .executeTakeFirstOrThrow();
  return { all: Number(row.all), online: Number(row.online) };
}
