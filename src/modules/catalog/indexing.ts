import { putSearchDocuments, removeSearchDocuments } from '#kernel/search/index.ts';
import type { CatalogDb } from './repo.ts';
import { publishedAmong, referencedBy, servicesReferringTo } from './repo.search.ts';
import { catalogSearch, documentFor, facetEntries } from './search.ts';

/** Where citizens find an entry of each kind (the editor links to it too). */
export { publicPath } from './search.ts';

const source = { id: 'catalog', search: catalogSearch };

/**
 * Brings the search in line with these entries, as the database now holds them, in the caller's
 * transaction: a published entry's document is put, any other's removed. An office or life situation is
 * a facet value of the services that name it, so those services' documents are put again too.
 */
export async function reindexEntries(db: CatalogDb, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const dependants = await servicesReferringTo(db, ids);
  const entries = await publishedAmong(db, [...ids, ...dependants]);
  const facets = facetEntries([...entries, ...(await publishedAmong(db, referencedBy(entries)))]);
  const shown = new Set(entries.map((entry) => entry.id));
  await removeSearchDocuments(db, source, ids.filter((id) => !shown.has(id)));
  await putSearchDocuments(db, source, entries.map((entry) => documentFor(entry, facets)));
}
