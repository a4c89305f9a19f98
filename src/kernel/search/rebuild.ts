import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ModuleManifest } from '../module.ts';
import { replaceSourceDocuments } from './documents.ts';

type Searchable = ModuleManifest & { search: NonNullable<ModuleManifest['search']> };

/**
 * Rebuilds one module's documents from its declaration, in one transaction: the search sees the old
 * documents until the new ones are complete. Several app servers starting at once rebuild it once: the
 * second waits for the first's lock and then finds the version current.
 */
export async function rebuildSearchSource(db: Db, module: Searchable, options: { force?: boolean } = {}): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`search:${module.id}`}))`.execute(trx);
    const { rows } = await sql<{ version: number }>`select version from search_sources where source = ${module.id}`.execute(trx);
    if (!options.force && rows[0]?.version === module.search.version) return false;
    await replaceSourceDocuments(trx, module.id, module.search, await module.search.documents(trx));
    return true;
  });
}

/**
 * At start: every module whose documents were built with another version (or never, as on a database that
 * held them in a table of the module's own) is rebuilt before the platform answers a search.
 */
export async function rebuildStaleSearchSources(db: Db, modules: readonly ModuleManifest[]): Promise<string[]> {
  const searchable = modules.filter((module): module is Searchable => module.search !== undefined);
  if (searchable.length === 0) return [];
  const { rows } = await sql<{ source: string; version: number }>`select source, version from search_sources`.execute(db);
  const stored = new Map(rows.map((row) => [row.source, row.version]));
  const rebuilt: string[] = [];
  for (const module of searchable) {
    if (stored.get(module.id) === module.search.version) continue;
    if (await rebuildSearchSource(db, module)) rebuilt.push(module.id);
  }
  return rebuilt;
}
