import { Type } from 'typebox';
import { recordAudit } from '#kernel/audit.ts';
import type { Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { defineJob } from '#kernel/jobs.ts';
import { formats, isFormatCode, isTabular, linkFormatOf, type FormatCode } from './formats.ts';
import { inspect, typedRows, type IngestFormat } from './ingest/index.ts';
import { loadTable } from './datastore/index.ts';
import { grantReader } from './datastore/sql.ts';
import { inOrganization, opendataPermissions } from './permissions.ts';
import { datasetRowByName, opendataDb } from './repo.ts';
import { claimLoad, releaseLoad } from './repo.loads.ts';
import type { PublishedTableSchema } from './tables.ts';
import { reindexDataset } from './search.ts';
import { loadCsvFast } from './service.load-csv.ts';

/*
 * Resources and their versions. A new file becomes a new version, numbered on; the job checks it (a
 * validation report for tabular data) and loads valid tables into the DataStore. The resource's stable
 * address keeps giving the newest version that passed, so a bad upload never replaces good data.
 */

export interface ResourceInput {
  title: string;
  titleEn?: string | null;
  description?: string;
  format: string;
  /** For a resource kept elsewhere (an API, a map service) instead of files kept here. */
  externalUrl?: string | null;
}

export type ResourceWrite = { ok: true; id: string } | { ok: false; reason: 'not-found' } | { ok: false; reason: 'invalid'; problems: Partial<Record<keyof ResourceInput, string>> };

export async function addResource(ctx: KernelContext, actor: Actor, datasetNameOrId: string, input: ResourceInput): Promise<ResourceWrite> {
  const dataset = await datasetRowByName(opendataDb(ctx.db), datasetNameOrId);
  if (!dataset) return { ok: false, reason: 'not-found' };
  ctx.permissions.require(actor, opendataPermissions.publish, inOrganization(dataset.organization_id));
  const problems: Partial<Record<keyof ResourceInput, string>> = {};
  if (!input.title.trim() || input.title.length > 200) problems.title = 'opendata:datasets.problems.title';
  // Files kept here come in the formats the portal reads; a link may name any file type the catalogue knows.
  const linked = input.externalUrl ? linkFormatOf(input.format) : undefined;
  if (!isFormatCode(input.format) && !linked) problems.format = 'opendata:resources.problems.format';
  if (input.externalUrl && !/^https?:\/\/\S+$/.test(input.externalUrl)) problems.externalUrl = 'opendata:datasets.problems.url';
  if (Object.keys(problems).length > 0) return { ok: false, reason: 'invalid', problems };
  const format = linked?.code ?? (input.format as FormatCode);
  const mediaType = linked?.mediaType ?? formats[input.format as FormatCode].published;
  return ctx.db.transaction().execute(async (trx) => {
    const db = opendataDb(trx);
    const last = await db.selectFrom('opendata_resources').select((eb) => eb.fn.max('position').as('position')).where('dataset_id', '=', dataset.id).executeTakeFirst();
    const row = await db
      .insertInto('opendata_resources')
      .values({
        dataset_id: dataset.id,
        position: (last?.position ?? -1) + 1,
        title: input.title.trim(),
        title_en: input.titleEn?.trim() || null,
        description: input.description?.trim() ?? '',
        format,
        media_type: mediaType,
        external_url: input.externalUrl || null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.updateTable('opendata_datasets').set({ modified_at: new Date() }).where('id', '=', dataset.id).execute();
    await recordAudit(trx, { actor }, { action: 'opendata.resource-added', subjectType: 'opendata.resource', subjectId: row.id, meta: { dataset: dataset.name } });
    await reindexDataset(trx, dataset.id);
    return { ok: true, id: row.id } as const;
  });
}

export const processVersionJob = defineJob({
  name: 'opendata.process-version',
  payload: Type.Object({ versionId: Type.String() }),
  // A load of millions of rows takes minutes; a worker that died is noticed after an hour.
  expireInSeconds: 3600,
  handler: async ({ versionId }, ctx) => {
    await processVersion(ctx, versionId);
  },
});

export type VersionReceipt = { ok: true; versionId: string; version: number } | { ok: false; reason: 'not-found' | 'unknown-file' | 'wrong-type' | 'external' };

/**
 * Records an uploaded (already stored) file as the resource's next version and queues its check and load;
 * `now` checks and loads it before returning instead (the seed and the declared datasets, whose files are
 * the platform's own and small, and which run in a job or at start already).
 */
export async function receiveVersion(
  ctx: KernelContext,
  actor: Actor,
  resourceId: string,
  file: { fileId: string; filename: string; note?: string | null },
  options: { now?: boolean } = {},
): Promise<VersionReceipt> {
  const db = opendataDb(ctx.db);
  const resource = await db
    .selectFrom('opendata_resources as r')
    .innerJoin('opendata_datasets as d', 'd.id', 'r.dataset_id')
    .select(['r.id', 'r.format', 'r.external_url', 'd.organization_id', 'd.id as dataset_id'])
    .where('r.id', '=', resourceId)
    .where('r.state', '=', 'active')
    .executeTakeFirst();
  if (!resource) return { ok: false, reason: 'not-found' };
  ctx.permissions.require(actor, opendataPermissions.publish, inOrganization(resource.organization_id));
  if (resource.external_url) return { ok: false, reason: 'external' };
  const info = (await ctx.files.describe([file.fileId])).get(file.fileId);
  if (!info) return { ok: false, reason: 'unknown-file' };
  const format = resource.format as FormatCode;
  if (isFormatCode(format) && !(formats[format].mediaTypes as readonly string[]).includes(info.mediaType)) return { ok: false, reason: 'wrong-type' };
  const receipt = await ctx.db.transaction().execute(async (trx) => {
    const tx = opendataDb(trx);
    // The resource row is locked, so two uploads at once get consecutive numbers rather than one failing.
    await tx.selectFrom('opendata_resources').select('id').where('id', '=', resourceId).forUpdate().executeTakeFirst();
    const last = await tx.selectFrom('opendata_resource_versions').select((eb) => eb.fn.max('version').as('version')).where('resource_id', '=', resourceId).executeTakeFirst();
    const version = (last?.version ?? 0) + 1;
    const row = await tx
      .insertInto('opendata_resource_versions')
      .values({
        resource_id: resourceId,
        version,
        file_id: info.id,
        filename: file.filename,
        byte_size: info.size,
        media_type: info.mediaType,
        note: file.note ?? null,
        created_by: actor.kind === 'staff' ? actor.userId : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ref = await ctx.files.addRef(trx, { fileId: info.id, owner: { module: 'opendata', kind: 'resource-version', id: row.id }, personal: false });
    if (!ref.ok) throw new Error(`The file of version ${row.id} cannot be referenced: ${ref.reason}`);
    if (!options.now) await ctx.jobs.enqueue(trx, processVersionJob, { versionId: row.id });
    await recordAudit(trx, { actor }, { action: 'opendata.version-uploaded', subjectType: 'opendata.resource', subjectId: resourceId, meta: { version, file: info.id } });
    return { ok: true, versionId: row.id, version } as const;
  });
  if (options.now) await processVersion(ctx, receipt.versionId);
  return receipt;
}

/**
 * Keeps what a publisher wrote about a column (its description and unit) when a new version brings the
 * same column again: the data dictionary outlives the file.
 */
export function mergeDictionary(inferred: PublishedTableSchema, previous: PublishedTableSchema | null): PublishedTableSchema {
  if (!previous) return inferred;
  const known = new Map(previous.fields.map((field) => [field.name, field]));
  return {
    ...inferred,
    fields: inferred.fields.map((field) => {
      const before = known.get(field.name);
      return before ? { ...field, title: before.title ?? field.title, description: before.description ?? field.description, unit: before.unit ?? field.unit } : field;
    }),
  };
}

/** Checks a version and, for a valid table, loads it into the DataStore; every outcome is recorded on the version. */
export async function processVersion(ctx: KernelContext, versionId: string): Promise<void> {
  const db = opendataDb(ctx.db);
  const version = await db
    .selectFrom('opendata_resource_versions as v')
    .innerJoin('opendata_resources as r', 'r.id', 'v.resource_id')
    .innerJoin('opendata_datasets as d', 'd.id', 'r.dataset_id')
    .select(['v.id', 'v.file_id', 'v.status', 'v.resource_id', 'r.format', 'r.table_schema', 'r.dataset_id', 'd.declaration_id'])
    .where('v.id', '=', versionId)
    .executeTakeFirst();
  if (!version || !['received', 'checking'].includes(version.status)) return;
  const opened = await ctx.files.open(version.file_id);
  // A file still waiting for its virus scan is tried again by the job's retries.
  if (!opened.ok && opened.reason === 'pending') throw new Error(`The file of version ${versionId} is not scanned yet`);
  if (!opened.ok) {
    await finish(ctx, versionId, version.dataset_id, { status: 'failed', note: opened.reason });
    return;
  }
  opened.content.destroy();
  if (!isTabular(version.format)) {
    await finish(ctx, versionId, version.dataset_id, { status: 'valid' });
    return;
  }
  // Two versions of one resource never load at once (they would share the staging tables): the second
  // waits for its job's retry.
  if (!(await claimLoad(ctx.db, version.resource_id, versionId))) throw new Error(`Another version of resource ${version.resource_id} is loading; version ${versionId} waits`);
  try {
    // Checked under the claim: a newer version that loaded first must not be overwritten with older rows.
    if (await newerVersionLoaded(db, version.resource_id, versionId)) {
      await finish(ctx, versionId, version.dataset_id, { status: 'superseded' });
      return;
    }
    await db.updateTable('opendata_resource_versions').set({ status: 'checking' }).where('id', '=', versionId).execute();
    await checkAndLoad(ctx, { ...version, format: version.format });
  } finally {
    await releaseLoad(ctx.db, version.resource_id, versionId);
  }
}

async function newerVersionLoaded(db: ReturnType<typeof opendataDb>, resourceId: string, versionId: string): Promise<boolean> {
  const newer = await db
    .selectFrom('opendata_resource_versions')
    .select('id')
    .where('resource_id', '=', resourceId)
    .where('status', '=', 'loaded')
    .where('version', '>', (eb) => eb.selectFrom('opendata_resource_versions').select('version').where('id', '=', versionId))
    .executeTakeFirst();
  return newer !== undefined;
}

interface TabularVersion {
  id: string;
  file_id: string;
  resource_id: string;
  dataset_id: string;
  format: IngestFormat;
  table_schema: PublishedTableSchema | null;
  declaration_id: string | null;
}

/** A tabular version read (the fast way for CSV first), and loaded when valid. */
async function checkAndLoad(ctx: KernelContext, version: TabularVersion): Promise<void> {
  const versionId = version.id;
  const open = async () => {
    const again = await ctx.files.open(version.file_id);
    if (!again.ok) throw new Error(`The file of version ${versionId} went away: ${again.reason}`);
    return again.content;
  };
  // A module's declared dataset is checked against its declared schema; an upload's columns are inferred.
  const declared = version.declaration_id !== null && version.table_schema !== null;
  if (version.format === 'CSV' && !declared) {
    const progress = progressWriter(ctx, versionId);
    const fast = await loadCsvFast(ctx, version.resource_id, open, (inferred) => mergeDictionary(inferred, version.table_schema), progress.onProgress);
    await progress.written();
    if (fast) return markLoaded(ctx, version, fast);
  }
  // The usual way counts its rows from the start again.
  const progress = progressWriter(ctx, versionId);
  const { schema, report, parsing } = await inspect(open, version.format, declared ? { schema: version.table_schema! } : {});
  if (!report.valid) {
    await finish(ctx, versionId, version.dataset_id, { status: 'invalid', report });
    return;
  }
  const published = declared ? version.table_schema! : mergeDictionary(schema, version.table_schema);
  const { rowCount } = await loadTable(ctx, { resourceId: version.resource_id, schema: published, rows: typedRows(open, version.format, published, parsing), onProgress: progress.onProgress });
  await progress.written();
  await markLoaded(ctx, version, { schema: published, report, rowCount });
}

/** Progress is written in order, one write at a time, never more than once per ten thousand rows. */
function progressWriter(ctx: KernelContext, versionId: string): { onProgress: (rowsLoaded: number) => void; written: () => Promise<void> } {
  const db = opendataDb(ctx.db);
  let reported = 0;
  let progress = Promise.resolve();
  const onProgress = (rowsLoaded: number) => {
    if (rowsLoaded - reported < 10_000) return;
    reported = rowsLoaded;
    progress = progress
      .then(async () => {
        await db.updateTable('opendata_resource_versions').set({ rows_loaded: rowsLoaded }).where('id', '=', versionId).execute();
      })
      .catch((error: unknown) => ctx.log.warn({ err: error, versionId }, 'load progress not recorded'));
  };
  return { onProgress, written: () => progress };
}

/** A loaded table serves: the SQL endpoint may read it, the resource names its schema, the version is done. */
async function markLoaded(
  ctx: KernelContext,
  version: { id: string; resource_id: string; dataset_id: string },
  loaded: { schema: PublishedTableSchema; report: unknown; rowCount: number },
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const tx = opendataDb(trx);
    // The SQL endpoint's read-only role reads the new table (a role PostgreSQL may lack; then nothing is granted).
    await grantReader(trx, version.resource_id);
    await tx.updateTable('opendata_resources').set({ table_schema: JSON.stringify(loaded.schema), datastore_active: true, modified_at: new Date() }).where('id', '=', version.resource_id).execute();
    await finishIn(tx, version.id, version.dataset_id, { status: 'loaded', report: loaded.report, rowCount: loaded.rowCount });
  });
}

interface Outcome {
  status: 'loaded' | 'valid' | 'invalid' | 'failed' | 'superseded';
  report?: unknown;
  rowCount?: number;
  note?: string;
}

async function finish(ctx: KernelContext, versionId: string, datasetId: string, outcome: Outcome): Promise<void> {
  await ctx.db.transaction().execute((trx) => finishIn(opendataDb(trx), versionId, datasetId, outcome));
}

async function finishIn(db: ReturnType<typeof opendataDb>, versionId: string, datasetId: string, outcome: Outcome): Promise<void> {
  await db
    .updateTable('opendata_resource_versions')
    .set({
      status: outcome.status,
      report: outcome.report === undefined ? null : JSON.stringify(outcome.report),
      row_count: outcome.rowCount ?? null,
      rows_loaded: outcome.rowCount ?? 0,
      note: outcome.note ?? null,
      finished_at: new Date(),
    })
    .where('id', '=', versionId)
    .execute();
  // Only a version that now serves changes what harvesters see.
  if (outcome.status === 'loaded' || outcome.status === 'valid') await db.updateTable('opendata_datasets').set({ modified_at: new Date() }).where('id', '=', datasetId).execute();
}
