import { sql, type Expression, type SqlBool } from 'kysely';
import type { OpendataDb } from './repo.ts';
import type { DatasetRow, DatasetState } from './tables.ts';

/*
 * The catalogue's search in SQL: one filter shared by the page of hits, the exact count and every facet, so
 * facets count the filtered set in the database rather than in JavaScript over all rows.
 */

export interface SearchFilter {
  /** A `to_tsquery('german', …)` text made by the service from the user's words (each a quoted prefix). */
  tsquery?: string;
  organizationNames?: readonly string[];
  tags?: readonly string[];
  formats?: readonly string[];
  licences?: readonly string[];
  themes?: readonly string[];
  modifiedSince?: Date;
  modifiedUntil?: Date;
  states: readonly DatasetState[];
}

export type SearchOrder = { by: 'relevance' | 'modified' | 'title' | 'name' | 'created'; direction: 'asc' | 'desc' };
export type FacetName = 'organization' | 'tags' | 'res_format' | 'license_id' | 'groups';

/** Every dataset column but the search vector, which no reader needs. */
const datasetColumns = [
  'd.id', 'd.name', 'd.organization_id', 'd.state', 'd.title', 'd.title_en', 'd.description', 'd.description_en', 'd.keywords', 'd.themes',
  'd.licence', 'd.attribution', 'd.contact_name', 'd.contact_email', 'd.contact_url', 'd.temporal_start', 'd.temporal_end', 'd.spatial',
  'd.frequency', 'd.conforms_to', 'd.hvd_category', 'd.declaration_id', 'd.demo', 'd.issued_at', 'd.modified_at', 'd.created_at',
] as const;

const textArray = (values: readonly string[]) => sql`cast(${[...values]} as text[])`;

function filtered(db: OpendataDb, filter: SearchFilter) {
  return db
    .selectFrom('opendata_datasets as d')
    .where('d.state', 'in', [...filter.states])
    .where((eb) => {
      const all: Expression<SqlBool>[] = [];
      if (filter.tsquery) all.push(sql<SqlBool>`d.search_vector @@ to_tsquery('german', ${filter.tsquery})`);
      if (filter.organizationNames?.length) {
        all.push(eb('d.organization_id', 'in', eb.selectFrom('opendata_organizations').select('id').where('name', 'in', [...filter.organizationNames])));
      }
      // Keywords and themes combine like CKAN's fq (each must hold); a dataset has one organisation and one licence, so those are any-of.
      if (filter.tags?.length) all.push(sql<SqlBool>`d.keywords @> ${textArray(filter.tags)}`);
      if (filter.themes?.length) all.push(sql<SqlBool>`d.themes @> ${textArray(filter.themes)}`);
      if (filter.licences?.length) all.push(eb('d.licence', 'in', [...filter.licences]));
      for (const format of filter.formats ?? []) {
        all.push(sql<SqlBool>`exists (select 1 from opendata_resources r where r.dataset_id = d.id and r.state = 'active' and upper(r.format) = ${format.toUpperCase()})`);
      }
      if (filter.modifiedSince) all.push(eb('d.modified_at', '>=', filter.modifiedSince));
      if (filter.modifiedUntil) all.push(eb('d.modified_at', '<=', filter.modifiedUntil));
      return eb.and(all);
    });
}

export async function searchDatasetRows(
  db: OpendataDb,
  filter: SearchFilter,
  order: SearchOrder,
  page: { offset: number; limit: number },
): Promise<{ count: number; rows: DatasetRow[] }> {
  const base = filtered(db, filter);
  const direction = order.direction === 'asc' ? sql`asc` : sql`desc`;
  const orderBy =
    order.by === 'relevance' && filter.tsquery
      ? sql`ts_rank(d.search_vector, to_tsquery('german', ${filter.tsquery})) ${direction}, d.modified_at desc`
      : order.by === 'title'
        ? sql`lower(d.title) ${direction}`
        : order.by === 'name'
          ? sql`d.name ${direction}`
          : order.by === 'created'
            ? sql`d.created_at ${direction}`
            : order.by === 'relevance'
              ? sql`d.modified_at desc`
              : sql`d.modified_at ${direction}`;
  // The count rides on the page's rows (one pass over the matches); a page past the end asks for it alone.
  const rows =
    page.limit === 0
      ? []
      : await base
          .select(datasetColumns)
          .select(sql<number>`count(*) over ()`.as('total'))
          .orderBy(orderBy)
          .orderBy('d.id')
          .offset(page.offset)
          .limit(page.limit)
          .execute();
  const count = rows.length > 0 ? Number(rows[0]!.total) : (await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
  return { count, rows: rows.map(({ total: _total, ...row }) => row) as DatasetRow[] };
}

export interface FacetRow {
  name: string;
  count: number;
  display_name: string | null;
}

/** One facet's values over the filtered set, most frequent first. */
export async function facetRows(db: OpendataDb, filter: SearchFilter, facet: FacetName, options: { limit: number; minCount: number }): Promise<FacetRow[]> {
  const inner = filtered(db, filter);
  const value =
    facet === 'organization'
      ? inner.innerJoin('opendata_organizations as o', 'o.id', 'd.organization_id').select(['o.name as name', 'o.title as display_name'])
      : facet === 'license_id'
        ? inner.select(['d.licence as name', sql<string | null>`null`.as('display_name')])
        : facet === 'tags'
          ? inner.select([sql<string>`unnest(d.keywords)`.as('name'), sql<string | null>`null`.as('display_name')])
          : facet === 'groups'
            ? inner.select([sql<string>`unnest(d.themes)`.as('name'), sql<string | null>`null`.as('display_name')])
            : inner
                .innerJoin('opendata_resources as r', (join) => join.onRef('r.dataset_id', '=', 'd.id').on('r.state', '=', 'active'))
                .select([sql<string>`upper(r.format)`.as('name'), sql<string | null>`null`.as('display_name')])
                .distinct()
                .select('d.id');
  const rows = await db
    .selectFrom(value.as('v'))
    .select(['v.name', sql<string | null>`max(v.display_name)`.as('display_name'), sql<number>`count(*)::int`.as('count')])
    .groupBy('v.name')
    .having(sql`count(*)`, '>=', options.minCount)
    .orderBy('count', 'desc')
    .orderBy('v.name')
    .limit(options.limit)
    .execute();
  return rows;
}

/** Names of the published datasets in name order (CKAN's package_list). */
export async function datasetNames(db: OpendataDb, page: { offset: number; limit: number }): Promise<string[]> {
  const rows = await db.selectFrom('opendata_datasets').select('name').where('state', '=', 'active').orderBy('name').offset(page.offset).limit(page.limit).execute();
  return rows.map((row) => row.name);
}
