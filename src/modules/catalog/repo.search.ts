import { sql } from 'kysely';
import type { CatalogDb } from './repo.ts';
import type { Content } from './schemas.content.ts';
import type { EntryKind } from './tables.ts';

/** A published entry as the search reads it. */
export interface PublishedEntry {
  id: string;
  kind: EntryKind;
  published: Content;
  published_at: Date | null;
}

const published = (db: CatalogDb) => db.selectFrom('catalog_entries').select(['id', 'kind', 'published', 'published_at']).where('published', 'is not', null);

export async function allPublished(db: CatalogDb): Promise<PublishedEntry[]> {
  return (await published(db).orderBy('id').execute()) as PublishedEntry[];
}

export async function publishedAmong(db: CatalogDb, ids: readonly string[]): Promise<PublishedEntry[]> {
  if (ids.length === 0) return [];
  return (await published(db).where('id', 'in', [...new Set(ids)]).execute()) as PublishedEntry[];
}

/** Ids of the published services that name one of these offices or life situations: their facet values come from them. */
export async function servicesReferringTo(db: CatalogDb, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await published(db)
    .where('kind', '=', 'service')
    .where(sql<boolean>`(published->>'officeId' = any(${sql.val([...ids])}::text[]) or published->'lifeSituationIds' ?| ${sql.val([...ids])}::text[])`)
    .execute();
  return rows.map((row) => row.id);
}

/** The offices and life situations these services name, published or not (the caller keeps the published). */
export function referencedBy(entries: readonly PublishedEntry[]): string[] {
  return entries.flatMap((entry) => {
    if (entry.kind !== 'service') return [];
    const content = entry.published as { officeId: string | null; lifeSituationIds: string[] };
    return [...content.lifeSituationIds, ...(content.officeId ? [content.officeId] : [])];
  });
}
