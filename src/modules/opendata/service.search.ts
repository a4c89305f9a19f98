import type { KernelContext } from '#kernel/context.ts';
import type { Dataset } from './model.ts';
import { opendataDb } from './repo.ts';
import { facetRows, searchDatasetRows, type FacetName, type SearchFilter } from './repo.search.ts';
import { assembleDatasets } from './service.catalog.ts';
import type { DatasetState } from './tables.ts';

/*
 * Searching the catalogue: what the portal's search page and CKAN's package_search share. Words match by
 * German stem and as prefixes ("Lade" finds "Ladesäulen"); every word must match. Organisations and
 * licences are any-of (a dataset has one of each); keywords, themes and formats must all be present.
 */

export const facetNames = ['organization', 'tags', 'res_format', 'license_id', 'groups'] as const satisfies readonly FacetName[];
export type { FacetName };

export interface DatasetSearchQuery {
  text?: string;
  /** Organisation names (CKAN `organization:<name>`). */
  organizations?: string[];
  tags?: string[];
  /** EU file-type codes, compared without case. */
  formats?: string[];
  licences?: string[];
  /** EU data themes (CKAN groups). */
  themes?: string[];
  modifiedSince?: Date;
  modifiedUntil?: Date;
  /** Published ones unless named. */
  states?: DatasetState[];
  /** Relevance (when there is text; newest change first otherwise) unless named. */
  sort?: 'relevance' | 'modified' | 'title' | 'name' | 'created';
  direction?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
  facets?: FacetName[];
  /** Values per facet, most frequent first (CKAN's facet.limit, default 50). */
  facetLimit?: number;
  /** Fewest datasets a facet value needs to be listed (CKAN's facet.mincount, default 1). */
  facetMinCount?: number;
}

export interface FacetValue {
  name: string;
  count: number;
  /** The organisation's title; the value itself for the others (their labels are the reader's to translate). */
  displayName: string;
}

export interface DatasetSearchResult {
  count: number;
  datasets: Dataset[];
  facets: Partial<Record<FacetName, FacetValue[]>>;
}

/** The words of a search as a `to_tsquery` text: each a quoted prefix, all required; null when there are none. */
export function prefixQuery(text: string | undefined): string | null {
  const words = (text ?? '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length === 0 ? null : words.slice(0, 32).map((word) => `'${word}':*`).join(' & ');
}

export async function searchDatasets(ctx: Pick<KernelContext, 'db'>, query: DatasetSearchQuery = {}): Promise<DatasetSearchResult> {
  const db = opendataDb(ctx.db);
  const filter: SearchFilter = {
    tsquery: prefixQuery(query.text) ?? undefined,
    organizationNames: query.organizations,
    tags: query.tags,
    formats: query.formats,
    licences: query.licences,
    themes: query.themes,
    modifiedSince: query.modifiedSince,
    modifiedUntil: query.modifiedUntil,
    states: query.states?.length ? query.states : ['active'],
  };
  const sort = query.sort ?? 'relevance';
  const direction = query.direction ?? (sort === 'title' || sort === 'name' ? 'asc' : 'desc');
  const facets = [...new Set(query.facets ?? [])];
  const [{ count, rows }, facetLists] = await Promise.all([
    searchDatasetRows(db, filter, { by: sort, direction }, { offset: Math.max(0, query.offset ?? 0), limit: Math.max(0, query.limit ?? 10) }),
    Promise.all(facets.map((facet) => facetRows(db, filter, facet, { limit: query.facetLimit ?? 50, minCount: Math.max(1, query.facetMinCount ?? 1) }))),
  ]);
  return {
    count,
    datasets: await assembleDatasets(ctx, rows),
    facets: Object.fromEntries(
      facets.map((facet, index) => [facet, facetLists[index]!.map((row) => ({ name: row.name, count: row.count, displayName: row.display_name ?? row.name }))]),
    ),
  };
}
