import { sql, type RawBuilder } from 'kysely';
import type { PublishedTableSchema } from '../tables.ts';
import { DatastoreSchemaError, type DatastoreProblem } from './errors.ts';
import { schemaName, stagingSuffix, tableName, tableRef } from './table.ts';
import { columnTypes, type ColumnType, type DatastoreContext, type DatastoreRow } from './types.ts';
import { lineWriter } from './values.ts';

/*
 * Loading a resource's rows. Everything happens in a staging table beside the live one: COPY, the full-text
 * column, the indexes, statistics. Only then one short transaction drops the old table and renames the new
 * one, so a reader sees the old rows or the new ones, never half a load, and a load that fails anywhere
 * before the swap leaves the old table as it was.
 */

export interface LoadInput {
  resourceId: string;
  schema: PublishedTableSchema;
  rows: AsyncIterable<DatastoreRow>;
  /** Told how many rows are in so far, for the uploader's progress bar. */
  onProgress?: (rowsLoaded: number) => void;
}

/** Loads rows into a fresh table for the resource and puts it in place of the old one; returns the row count. */
export async function loadTable(ctx: DatastoreContext, input: LoadInput): Promise<{ rowCount: number }> {
  const rowCount = await intoFreshTable(ctx, input.resourceId, input.schema, async (staging, { embedded, types }) => {
    const writeLine = lineWriter(types);
    async function* lines(): AsyncGenerator<string> {
      let id = 0;
      for await (const row of input.rows) yield writeLine(++id, row);
    }
    const columns = ['_id', ...input.schema.fields.map((field) => field.name)];
    return ctx.database.copyInto({ schema: schemaName, name: staging }, columns, lines(), { onProgress: input.onProgress, ...(embedded ? { chunkChars: embeddedChunkChars } : {}) });
  });
  return { rowCount };
}

/**
 * The frame of every load: a staging table for the schema, filled by `fill` (told the column types, which
 * returns its row count),
 * indexed, counted and analysed, then swapped in. A fill that throws leaves no staging table behind.
 * PGlite holds the whole process while a statement runs: an index built over a million rows at the end would
 * stop every page for seconds. There the indexes exist before the fill, which must then go in small steps
 * that let waiting queries in between; a server builds them once over all rows, which costs less in all.
 */
export async function intoFreshTable(
  ctx: DatastoreContext,
  resourceId: string,
  schema: PublishedTableSchema,
  fill: (staging: string, frame: { embedded: boolean; types: readonly ColumnType[] }) => Promise<number>,
): Promise<number> {
  const name = tableName(resourceId);
  const staging = name + stagingSuffix;
  const types = checkedTypes(schema);
  const { db } = ctx.database;
  // A staging table a crashed load left behind is of no use to anyone.
  await sql`drop table if exists ${tableRef(staging)}`.execute(db);
  try {
    await createStagingTable(ctx, staging, schema, types);
    const embedded = ctx.database.kind === 'pglite';
    if (embedded) await createIndexes(ctx, staging, schema);
    const rowCount = await fill(staging, { embedded, types });
    if (!embedded) await createIndexes(ctx, staging, schema);
    await finishStagingTable(ctx, staging, rowCount);
    await swapIn(ctx, name);
    return rowCount;
  } catch (error) {
    await sql`drop table if exists ${tableRef(staging)}`.execute(db);
    throw error;
  }
}

/** The column type of each field, or every reason the schema cannot become a table. */
function checkedTypes(schema: PublishedTableSchema): ColumnType[] {
  const problems: DatastoreProblem[] = [];
  const seen = new Set<string>();
  if (schema.fields.length === 0) problems.push({ key: 'fields', code: 'no-fields' });
  for (const field of schema.fields) {
    // PostgreSQL cuts longer names silently, and names starting with `_` are the DataStore's own.
    const bytes = Buffer.byteLength(field.name);
    if (bytes === 0 || bytes > 63 || field.name.startsWith('_') || field.name.includes('\0')) {
      problems.push({ key: field.name, code: 'bad-name', field: field.name });
    }
    if (seen.has(field.name)) problems.push({ key: field.name, code: 'duplicate-field', field: field.name });
    seen.add(field.name);
  }
  for (const key of schema.primaryKey ?? []) {
    if (!seen.has(key)) problems.push({ key: 'primaryKey', code: 'unknown-field', field: key });
  }
  if (problems.length > 0) throw new DatastoreSchemaError(problems);
  return schema.fields.map((field) => columnTypes[field.type]);
}

/*
 * `_id` is written by the load itself, the row's number in the file: the COPY then needs no sequence call
 * per row (on PGlite that doubled its time); the identity serves rows added later. `_full_text` is a
 * generated column, computed as each row arrives, which measured faster than one UPDATE after the COPY
 * (that writes every row twice). The 'simple' configuration keeps words as written (lower case, no
 * stemming), so a German word is found as it is typed. Only text columns feed it (see `searchable`);
 * dates and times could not anyway, as a generated column must be immutable and their spelling depends on
 * DateStyle. Numbers, truth values, dates and geometries are found with filters.
 */
async function createStagingTable(ctx: DatastoreContext, staging: string, schema: PublishedTableSchema, types: readonly ColumnType[]): Promise<void> {
  const columns = schema.fields.map((field, index) => sql`${sql.id(field.name)} ${sql.raw(types[index]!)}`);
  const texts = schema.fields.flatMap((field, index) => (searchable.has(types[index]!) ? [sql`coalesce(${sql.id(field.name)}::text, '')`] : []));
  const document = texts.length > 0 ? sql.join(texts, sql` || ' ' || `) : sql`''`;
  await sql`create table ${tableRef(staging)} (
      "_id" int8 generated by default as identity,
      ${sql.join(columns)},
      "_full_text" tsvector generated always as (to_tsvector('simple'::regconfig, ${document})) stored
    )`.execute(ctx.database.db);
  for (const field of schema.fields) {
    const info = { label: field.title, notes: field.description, unit: field.unit };
    if (info.label === undefined && info.notes === undefined && info.unit === undefined) continue;
    await sql`comment on column ${sql.id(schemaName, staging, field.name)} is ${literal(JSON.stringify(info))}`.execute(ctx.database.db);
  }
}

/*
 * Words only: numbers are found by filters (exact and by range). A column of amounts or running numbers
 * puts a million distinct tokens into the GIN index, which made building it seven times as slow, for
 * searches nobody types into a search box.
 */
const searchable: ReadonlySet<ColumnType> = new Set(['text']);

/** PGlite: about 128 kB of lines per COPY, some 50 ms with the indexes growing alongside. */
const embeddedChunkChars = 128 * 1024;

/** The primary key on `_id`, GIN on `_full_text`, a btree on the schema's primary key. */
async function createIndexes(ctx: DatastoreContext, staging: string, schema: PublishedTableSchema): Promise<void> {
  const { db } = ctx.database;
  const table = tableRef(staging);
  await sql`alter table ${table} add constraint ${sql.id(`${staging}_pkey`)} primary key ("_id")`.execute(db);
  // A short pending list: rows added to a GIN index wait there until it is full, and the COPY that fills it
  // merges them all at once; 256 kB keeps that pause on PGlite within a few tenths of a second.
  await sql`create index ${sql.id(`${staging}_full_text`)} on ${table} using gin ("_full_text") with (gin_pending_list_limit = 256)`.execute(db);
  const key = schema.primaryKey ?? [];
  if (key.length > 0) {
    const keyColumns = sql.join(key.map((column) => sql.id(column)));
    await sql`create index ${sql.id(`${staging}_key`)} on ${table} (${keyColumns})`.execute(db);
  }
}

/** Rows added later are numbered on from the loaded ones; then the planner's statistics. */
async function finishStagingTable(ctx: DatastoreContext, staging: string, rowCount: number): Promise<void> {
  const { db } = ctx.database;
  const table = tableRef(staging);
  await sql`alter table ${table} alter column "_id" restart with ${sql.lit(rowCount + 1)}`.execute(db);
  await sql`analyze ${table}`.execute(db);
}

/** The one moment readers notice: the old table goes, the new one takes its name, in one transaction. */
async function swapIn(ctx: DatastoreContext, name: string): Promise<void> {
  const staging = name + stagingSuffix;
  await ctx.database.db.transaction().execute(async (trx) => {
    await sql`drop table if exists ${tableRef(name)}`.execute(trx);
    await sql`alter table ${tableRef(staging)} rename to ${sql.id(name)}`.execute(trx);
    for (const suffix of ['_pkey', '_full_text', '_key']) {
      await sql`alter index if exists ${tableRef(staging + suffix)} rename to ${sql.id(name + suffix)}`.execute(trx);
    }
    await sql`alter sequence if exists ${tableRef(`${staging}__id_seq`)} rename to ${sql.id(`${name}__id_seq`)}`.execute(trx);
  });
}

/** A string as an SQL literal, for statements that take no parameters (COMMENT ON). */
export function literal(text: string): RawBuilder<unknown> {
  if (text.includes('\0')) throw new Error('A literal cannot contain a NUL character');
  return sql.raw(`'${text.replace(/'/g, "''")}'`);
}
