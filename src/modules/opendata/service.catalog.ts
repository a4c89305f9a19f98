import type { KernelContext } from '#kernel/context.ts';
import type { DataTheme, Frequency, LicenceId } from '#kernel/declarations/datasets.ts';
import type { Dataset, Organization, Resource, ResourceVersion } from './model.ts';
import {
  currentVersionRows,
  datasetRowByName,
  datasetRows,
  opendataDb,
  organizationRowByName,
  organizationRows,
  organizationRowsById,
  resourceRowById,
  resourceRowsOf,
  versionRows,
  type DatasetListing,
} from './repo.ts';
import type { DatasetRow, DatasetState, OrganizationRow, ResourceRow, VersionRow } from './tables.ts';

/*
 * Reading the catalogue as `model.ts` shapes: what the pages, the CKAN API, DCAT-AP.de and the quality score
 * all read. Drafts are for their publishers only; deleted datasets stay readable for harvesters.
 */

const day = (value: Date | null) => (value ? value.toISOString().slice(0, 10) : null);

export function toOrganization(row: OrganizationRow): Organization {
  return { id: row.id, name: row.name, title: row.title, titleEn: row.title_en, description: row.description, email: row.email, url: row.url, createdAt: row.created_at };
}

export function toVersion(row: VersionRow): ResourceVersion {
  return {
    id: row.id,
    resourceId: row.resource_id,
    version: row.version,
    fileId: row.file_id,
    filename: row.filename,
    byteSize: Number(row.byte_size),
    mediaType: row.media_type,
    status: row.status,
    rowCount: row.row_count === null ? null : Number(row.row_count),
    createdAt: row.created_at,
  };
}

function toResource(row: ResourceRow, current: VersionRow | undefined): Resource {
  return {
    id: row.id,
    datasetId: row.dataset_id,
    position: row.position,
    title: row.title,
    titleEn: row.title_en,
    description: row.description,
    format: row.format,
    mediaType: row.media_type,
    externalUrl: row.external_url,
    tableSchema: row.table_schema,
    datastoreActive: row.datastore_active,
    createdAt: row.created_at,
    modifiedAt: row.modified_at,
    current: current ? toVersion(current) : null,
  };
}

function toDataset(row: DatasetRow, organization: Organization, resources: Resource[]): Dataset {
  const temporal = row.temporal_start || row.temporal_end ? { start: day(row.temporal_start), end: day(row.temporal_end) } : null;
  return {
    id: row.id,
    name: row.name,
    state: row.state,
    organization,
    title: row.title,
    titleEn: row.title_en,
    description: row.description,
    descriptionEn: row.description_en,
    keywords: row.keywords,
    themes: row.themes as DataTheme[],
    licence: row.licence as LicenceId,
    attribution: row.attribution,
    contact: { name: row.contact_name, email: row.contact_email, url: row.contact_url },
    temporal,
    spatial: row.spatial,
    frequency: row.frequency as Frequency,
    conformsTo: row.conforms_to,
    hvdCategory: row.hvd_category,
    declarationId: row.declaration_id,
    demo: row.demo,
    issuedAt: row.issued_at,
    modifiedAt: row.modified_at,
    createdAt: row.created_at,
    resources,
  };
}

/** Whole datasets for rows: their organisations, resources and current versions in three queries, whatever the count. */
export async function assembleDatasets(ctx: Pick<KernelContext, 'db'>, rows: readonly DatasetRow[]): Promise<Dataset[]> {
  const db = opendataDb(ctx.db);
  const [organizations, resources] = await Promise.all([
    organizationRowsById(db, [...new Set(rows.map((row) => row.organization_id))]),
    resourceRowsOf(
      db,
      rows.map((row) => row.id),
    ),
  ]);
  const versions = new Map((await currentVersionRows(db, resources.map((resource) => resource.id))).map((version) => [version.resource_id, version]));
  const organizationById = new Map(organizations.map((row) => [row.id, toOrganization(row)]));
  return rows.map((row) =>
    toDataset(
      row,
      organizationById.get(row.organization_id)!,
      resources.filter((resource) => resource.dataset_id === row.id).map((resource) => toResource(resource, versions.get(resource.id))),
    ),
  );
}

/** A dataset by name or id; a draft only when asked for (its publisher's pages), a deleted one always (harvesters). */
export async function datasetByName(ctx: Pick<KernelContext, 'db'>, nameOrId: string, options: { drafts?: boolean } = {}): Promise<Dataset | null> {
  const row = await datasetRowByName(opendataDb(ctx.db), nameOrId);
  if (!row || (row.state === 'draft' && !options.drafts)) return null;
  return (await assembleDatasets(ctx, [row]))[0]!;
}

export interface DatasetsPageQuery {
  states?: readonly DatasetState[];
  modifiedSince?: Date;
  organizationId?: string;
  offset?: number;
  limit?: number;
  order?: DatasetListing['order'];
}

/** A page of datasets (published ones unless states are named), with the total for paging. */
export async function datasetsPage(ctx: Pick<KernelContext, 'db'>, query: DatasetsPageQuery = {}): Promise<{ total: number; datasets: Dataset[] }> {
  const { total, rows } = await datasetRows(opendataDb(ctx.db), {
    states: query.states ?? ['active'],
    modifiedSince: query.modifiedSince,
    organizationId: query.organizationId,
    offset: query.offset ?? 0,
    limit: query.limit ?? 100,
    order: query.order ?? 'modified',
  });
  return { total, datasets: await assembleDatasets(ctx, rows) };
}

export async function organizationsWithCounts(ctx: Pick<KernelContext, 'db'>): Promise<(Organization & { datasetCount: number })[]> {
  return (await organizationRows(opendataDb(ctx.db))).map((row) => ({ ...toOrganization(row), datasetCount: row.dataset_count }));
}

export async function organizationByName(ctx: Pick<KernelContext, 'db'>, nameOrId: string): Promise<Organization | null> {
  const row = await organizationRowByName(opendataDb(ctx.db), nameOrId);
  return row ? toOrganization(row) : null;
}

/** A resource of a published (or deleted) dataset, with its dataset. */
export async function resourceById(ctx: Pick<KernelContext, 'db'>, id: string, options: { drafts?: boolean } = {}): Promise<{ dataset: Dataset; resource: Resource } | null> {
  const row = await resourceRowById(opendataDb(ctx.db), id);
  if (!row) return null;
  const dataset = await datasetByName(ctx, row.dataset_id, options);
  const resource = dataset?.resources.find((one) => one.id === id);
  return dataset && resource ? { dataset, resource } : null;
}

/** Every version of a resource, newest first, whatever its status (the publisher's history; the public list filters). */
export async function versionsOf(ctx: Pick<KernelContext, 'db'>, resourceId: string): Promise<ResourceVersion[]> {
  return (await versionRows(opendataDb(ctx.db), resourceId)).map(toVersion);
}
