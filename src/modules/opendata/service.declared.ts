import { CronExpressionParser } from 'cron-parser';
import { Type } from 'typebox';
import { systemActor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { publishedTableSchema } from '#kernel/declarations/check.ts';
import type { DatasetDeclaration, Row } from '#kernel/declarations/datasets.ts';
import { defineJob } from '#kernel/jobs.ts';
import { opendataDb } from './repo.ts';
import { createDataset, updateDataset, type DatasetInput } from './service.datasets.ts';
import { addResource, receiveVersion } from './service.resources.ts';
import type { PublishedTableSchema } from './tables.ts';

/*
 * The platform's own figures and directories as open data. Each module declares its datasets in its
 * manifest (`openData`: schema, query, refresh schedule); this module runs the query when the schedule says,
 * writes the rows as CSV with the declared Table Schema and publishes them as a new version when they
 * changed. It never reads another module's tables: the declaration's query does.
 */

const system = systemActor('opendata.publish-declared');
/** The organisation the platform's declared datasets are published under (made by the module's migration). */
export const cityOrganization = 'stadt-erkelenz';
const cityKey = '05370004';

/** A dataset name from a declaration id: `catalog.services` → `catalog-services`. */
export const declaredName = (id: string) => id.replace(/[^a-z0-9]+/gi, '-').toLowerCase();

/** One CSV line as RFC 4180 writes it: a cell is quoted when it holds a comma, a quote or a line break. */
function csvLine(cells: readonly (string | number | boolean | null)[]): string {
  return cells
    .map((cell) => {
      const text = cell === null ? '' : String(cell);
      return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(',');
}

export function declaredCsv(declaration: DatasetDeclaration, rows: readonly Row[]): string {
  const names = declaration.schema.fields.map((field) => field.name);
  return [csvLine(names), ...rows.map((row) => csvLine(names.map((name) => row[name] ?? null)))].join('\r\n') + '\r\n';
}

function declaredInput(ctx: KernelContext, declaration: DatasetDeclaration): DatasetInput {
  const de = ctx.i18n.getFixedT('de');
  const en = ctx.i18n.getFixedT('en');
  return {
    name: declaredName(declaration.id),
    organization: cityOrganization,
    title: de(declaration.title),
    titleEn: en(declaration.title),
    description: de(declaration.description),
    descriptionEn: en(declaration.description),
    keywords: ['Erkelenz', de('opendata:declared.keyword'), ...declaration.themes.map((theme) => de(`opendata:themes.${theme}`))],
    themes: [...declaration.themes],
    licence: declaration.licence,
    attribution: de('opendata:declared.attribution'),
    contactUrl: ctx.config.PUBLIC_URL,
    spatial: [cityKey],
    frequency: declaration.frequency,
  };
}

/**
 * The period the rows speak of: from the earliest to the latest day, month or year in any of their date
 * columns (a month from its first day to its last). Undefined for a directory of how things stand now.
 */
export function temporalCoverage(declaration: DatasetDeclaration, rows: readonly Row[]): { temporalStart: string; temporalEnd: string } | undefined {
  let start: string | undefined;
  let end: string | undefined;
  const spans = (first: string, last: string) => {
    if (start === undefined || first < start) start = first;
    if (end === undefined || last > end) end = last;
  };
  for (const field of declaration.schema.fields) {
    for (const row of rows) {
      const value = row[field.name];
      if (typeof value !== 'string' && typeof value !== 'number') continue;
      const text = String(value);
      if (field.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(text)) spans(text, text);
      else if (field.type === 'yearmonth' && /^\d{4}-\d{2}$/.test(text)) spans(`${text}-01`, lastDayOf(text));
      else if (field.type === 'year' && /^\d{4}$/.test(text)) spans(`${text}-01-01`, `${text}-12-31`);
    }
  }
  return start !== undefined && end !== undefined ? { temporalStart: start, temporalEnd: end } : undefined;
}

/** The last day of a month `YYYY-MM`. */
function lastDayOf(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, number, 0)).toISOString().slice(0, 10);
}

/** Makes or refreshes one declared dataset now: metadata from the declaration, a new version if the rows changed. */
export async function publishDeclaration(ctx: KernelContext, declaration: DatasetDeclaration, now = new Date()): Promise<'created' | 'changed' | 'unchanged'> {
  const db = opendataDb(ctx.db);
  const rows = await declaration.rows(ctx.db, ctx.config);
  const input = { ...declaredInput(ctx, declaration), ...temporalCoverage(declaration, rows) };
  const existing = await db.selectFrom('opendata_datasets').select(['id', 'name']).where('declaration_id', '=', declaration.id).executeTakeFirst();
  let datasetId: string;
  if (existing) {
    const written = await updateDataset(ctx, system, existing.id, { ...input, name: existing.name });
    if (!written.ok) throw new Error(`Declared dataset ${declaration.id} cannot be updated: ${written.reason}`);
    datasetId = existing.id;
  } else {
    const written = await createDataset(ctx, system, input, { state: 'active', declarationId: declaration.id });
    if (!written.ok) throw new Error(`Declared dataset ${declaration.id} cannot be created: ${written.reason}${'problems' in written ? ` ${JSON.stringify(written.problems)}` : ''}`);
    datasetId = written.id;
  }
  const schema = publishedTableSchema(declaration.schema, ctx.i18n.getFixedT('de')) as unknown as PublishedTableSchema;
  let resource = await db.selectFrom('opendata_resources').select('id').where('dataset_id', '=', datasetId).where('format', '=', 'CSV').where('state', '=', 'active').executeTakeFirst();
  if (!resource) {
    const added = await addResource(ctx, system, datasetId, { title: input.title, titleEn: input.titleEn, description: ctx.i18n.getFixedT('de')('opendata:declared.resource'), format: 'CSV' });
    if (!added.ok) throw new Error(`Declared dataset ${declaration.id} cannot get its table: ${added.reason}`);
    resource = { id: added.id };
  }
  // The declared schema is the contract: a new version is checked against it, not inferred.
  await db.updateTable('opendata_resources').set({ table_schema: JSON.stringify(schema) }).where('id', '=', resource.id).execute();
  const csv = Buffer.from(declaredCsv(declaration, rows), 'utf8');
  const stored = await ctx.files.put(csv, { accept: ['text/csv'], maxBytes: 512 * 1024 * 1024 });
  if (!stored.ok) throw new Error(`Declared dataset ${declaration.id} cannot be stored: ${stored.reason}`);
  const newest = await db.selectFrom('opendata_resource_versions').select('file_id').where('resource_id', '=', resource.id).orderBy('version', 'desc').limit(1).executeTakeFirst();
  let outcome: 'created' | 'changed' | 'unchanged' = existing ? 'changed' : 'created';
  if (newest?.file_id === stored.file.id) outcome = 'unchanged';
  else {
    const received = await receiveVersion(ctx, system, resource.id, { fileId: stored.file.id, filename: `${declaredName(declaration.id)}.csv` }, { now: true });
    if (!received.ok) throw new Error(`Declared dataset ${declaration.id} cannot take its new version: ${received.reason}`);
  }
  await db.updateTable('opendata_datasets').set({ refreshed_at: now }).where('id', '=', datasetId).execute();
  return outcome;
}

/** Every module's declarations, with the module that makes them. */
export function declarations(ctx: Pick<KernelContext, 'modules'>): DatasetDeclaration[] {
  return ctx.modules.flatMap((module) => module.openData ?? []);
}

/** Whether a declaration's schedule fired since it was last refreshed (never refreshed: due). */
export function isDue(refresh: string, refreshedAt: Date | null, now: Date): boolean {
  if (!refreshedAt) return true;
  const previous = CronExpressionParser.parse(refresh, { tz: 'Europe/Berlin', currentDate: now }).prev().toDate();
  return previous > refreshedAt;
}

/** Refreshes the declarations whose time has come; one that fails is logged and tried at the next run. */
export async function publishDueDeclarations(ctx: KernelContext, now = new Date()): Promise<number> {
  const refreshed = new Map(
    (await opendataDb(ctx.db).selectFrom('opendata_datasets').select(['declaration_id', 'refreshed_at']).where('declaration_id', 'is not', null).execute()).map((row) => [row.declaration_id!, row.refreshed_at]),
  );
  let done = 0;
  for (const declaration of declarations(ctx)) {
    if (!isDue(declaration.refresh, refreshed.get(declaration.id) ?? null, now)) continue;
    try {
      await publishDeclaration(ctx, declaration, now);
      done += 1;
    } catch (error) {
      ctx.log.error({ err: error, declaration: declaration.id }, 'declared dataset not refreshed');
    }
  }
  return done;
}

export const publishDeclaredJob = defineJob({
  name: 'opendata.publish-declared',
  payload: Type.Object({}),
  // Every quarter of an hour: a declaration's own schedule decides whether its dataset is made again.
  cron: '*/15 * * * *',
  handler: async (_payload, ctx) => {
    await publishDueDeclarations(ctx);
  },
});
