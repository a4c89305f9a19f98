import { sql } from 'kysely';
import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import type { DatasetRow, DatasetState, OpendataTables, OrganizationRow, ResourceRow, VersionRow } from './tables.ts';

export type OpendataDb = Executor<KernelTables & OpendataTables>;

export function opendataDb(db: Executor<KernelTables>): OpendataDb {
  return db.withTables<OpendataTables>();
}

export async function organizationRows(db: OpendataDb): Promise<(OrganizationRow & { dataset_count: number })[]> {
  return db
    .selectFrom('opendata_organizations as o')
    .selectAll('o')
    .select((eb) =>
      eb
        .selectFrom('opendata_datasets as d')
        .whereRef('d.organization_id', '=', 'o.id')
        .where('d.state', '=', 'active')
        .select(sql<number>`count(*)::int`.as('n'))
        .as('dataset_count'),
    )
    .orderBy('o.title')
    .execute() as Promise<(OrganizationRow & { dataset_count: number })[]>;
}

export async function organizationRowsById(db: OpendataDb, ids: readonly string[]): Promise<OrganizationRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('opendata_organizations').selectAll().where('id', 'in', [...ids]).execute();
}

export async function organizationRowByName(db: OpendataDb, nameOrId: string): Promise<OrganizationRow | undefined> {
  return db
    .selectFrom('opendata_organizations')
    .selectAll()
    .where((eb) => (isUuid(nameOrId) ? eb.or([eb('id', '=', nameOrId), eb('name', '=', nameOrId)]) : eb('name', '=', nameOrId)))
    .executeTakeFirst();
}

/** CKAN clients address a dataset by name or by id, as they please. */
export async function datasetRowByName(db: OpendataDb, nameOrId: string): Promise<DatasetRow | undefined> {
  return db
    .selectFrom('opendata_datasets')
    .selectAll()
    .where((eb) => (isUuid(nameOrId) ? eb.or([eb('id', '=', nameOrId), eb('name', '=', nameOrId)]) : eb('name', '=', nameOrId)))
    .executeTakeFirst();
}

export interface DatasetListing {
  states: readonly DatasetState[];
  modifiedSince?: Date;
  organizationId?: string;
  offset: number;
  limit: number;
  /** `modified`: newest change first (harvesters, "recently updated"); `name`: stable order for lists. */
  order: 'modified' | 'name';
}

export async function datasetRows(db: OpendataDb, listing: DatasetListing): Promise<{ total: number; rows: DatasetRow[] }> {
  let query = db.selectFrom('opendata_datasets').where('state', 'in', [...listing.states]);
  if (listing.modifiedSince) query = query.where('modified_at', '>=', listing.modifiedSince);
  if (listing.organizationId) query = query.where('organization_id', '=', listing.organizationId);
  const [count, rows] = await Promise.all([
    query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    query
      .selectAll()
      .$call((q) => (listing.order === 'modified' ? q.orderBy('modified_at', 'desc').orderBy('id') : q.orderBy('name')))
      .offset(listing.offset)
      .limit(listing.limit)
      .execute(),
  ]);
  return { total: count.n, rows };
}

export async function resourceRowsOf(db: OpendataDb, datasetIds: readonly string[]): Promise<ResourceRow[]> {
  if (datasetIds.length === 0) return [];
  return db.selectFrom('opendata_resources').selectAll().where('dataset_id', 'in', [...datasetIds]).where('state', '=', 'active').orderBy('position').orderBy('created_at').execute();
}

export async function resourceRowById(db: OpendataDb, id: string): Promise<ResourceRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('opendata_resources').selectAll().where('id', '=', id).where('state', '=', 'active').executeTakeFirst();
}

/** The newest version of each resource that passed its checks: the one its stable address gives. */
export async function currentVersionRows(db: OpendataDb, resourceIds: readonly string[]): Promise<VersionRow[]> {
  if (resourceIds.length === 0) return [];
  return db
    .selectFrom('opendata_resource_versions')
    .selectAll()
    .distinctOn('resource_id')
    .where('resource_id', 'in', [...resourceIds])
    .where('status', 'in', ['loaded', 'valid'])
    .orderBy('resource_id')
    .orderBy('version', 'desc')
    .execute();
}

export async function versionRows(db: OpendataDb, resourceId: string): Promise<VersionRow[]> {
  return db.selectFrom('opendata_resource_versions').selectAll().where('resource_id', '=', resourceId).orderBy('version', 'desc').execute();
}

export async function versionRow(db: OpendataDb, resourceId: string, version: number): Promise<VersionRow | undefined> {
  return db.selectFrom('opendata_resource_versions').selectAll().where('resource_id', '=', resourceId).where('version', '=', version).executeTakeFirst();
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
