import type { Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { ValidationReport } from './ingest/index.ts';
import type { Dataset, Organization, Resource } from './model.ts';
import { inOrganization, opendataPermissions } from './permissions.ts';
import { opendataDb, versionRow } from './repo.ts';
import { assembleDatasets, datasetByName, organizationsWithCounts, toVersion, versionsOf } from './service.catalog.ts';
import type { VersionStatus } from './tables.ts';

/*
 * What a publisher's pages read. A publisher sees the datasets of the organisations their role is bound to
 * (an administrator all); anything of another organisation reads as absent, so its existence is not told.
 */

export const mayPublishIn = (ctx: Pick<KernelContext, 'permissions'>, actor: Actor, organizationId: string) => ctx.permissions.can(actor, opendataPermissions.publish, inOrganization(organizationId));

export async function publishableOrganizations(ctx: KernelContext, actor: Actor): Promise<Organization[]> {
  return (await organizationsWithCounts(ctx)).filter((organization) => mayPublishIn(ctx, actor, organization.id));
}

/** Every dataset of the organisations the actor may publish for, drafts included, newest change first. */
export async function datasetsForPublisher(ctx: KernelContext, actor: Actor): Promise<Dataset[]> {
  const organizations = await publishableOrganizations(ctx, actor);
  if (organizations.length === 0) return [];
  const rows = await opendataDb(ctx.db)
    .selectFrom('opendata_datasets')
    .selectAll()
    .where('organization_id', 'in', organizations.map((organization) => organization.id))
    .where('state', 'in', ['draft', 'active'])
    .orderBy('modified_at', 'desc')
    .limit(1000)
    .execute();
  return assembleDatasets(ctx, rows);
}

/** The newest version of each resource whatever its status: the list shows what a publisher last sent. */
export async function newestStatuses(ctx: KernelContext, resourceIds: readonly string[]): Promise<Map<string, { version: number; status: VersionStatus }>> {
  if (resourceIds.length === 0) return new Map();
  const rows = await opendataDb(ctx.db)
    .selectFrom('opendata_resource_versions')
    .select(['resource_id', 'version', 'status'])
    .distinctOn('resource_id')
    .where('resource_id', 'in', [...resourceIds])
    .orderBy('resource_id')
    .orderBy('version', 'desc')
    .execute();
  return new Map(rows.map((row) => [row.resource_id, { version: row.version, status: row.status }]));
}

/** A dataset (not deleted) the actor may publish, or null. */
export async function datasetForPublisher(ctx: KernelContext, actor: Actor, name: string): Promise<Dataset | null> {
  const dataset = await datasetByName(ctx, name, { drafts: true });
  if (!dataset || dataset.state === 'deleted' || !mayPublishIn(ctx, actor, dataset.organization.id)) return null;
  return dataset;
}

export async function resourceForPublisher(ctx: KernelContext, actor: Actor, name: string, resourceId: string) {
  const dataset = await datasetForPublisher(ctx, actor, name);
  const resource = dataset?.resources.find((one) => one.id === resourceId);
  if (!dataset || !resource) return null;
  return { dataset, resource, versions: await versionsOf(ctx, resourceId) };
}

export interface VersionDetail {
  dataset: Dataset;
  resource: Resource;
  version: ReturnType<typeof toVersion>;
  rowsLoaded: number;
  report: ValidationReport | null;
  note: string | null;
  finishedAt: Date | null;
}

export const finishedStatuses: readonly VersionStatus[] = ['loaded', 'valid', 'invalid', 'failed', 'superseded'];

export async function versionForPublisher(ctx: KernelContext, actor: Actor, name: string, resourceId: string, number: number): Promise<VersionDetail | null> {
  const dataset = await datasetForPublisher(ctx, actor, name);
  const resource = dataset?.resources.find((one) => one.id === resourceId);
  if (!dataset || !resource) return null;
  const row = await versionRow(opendataDb(ctx.db), resourceId, number);
  if (!row) return null;
  return { dataset, resource, version: toVersion(row), rowsLoaded: Number(row.rows_loaded), report: row.report as ValidationReport | null, note: row.note, finishedAt: row.finished_at };
}
