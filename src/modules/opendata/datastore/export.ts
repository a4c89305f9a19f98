import { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { AnyExecutor } from '#kernel/db/database.ts';
import { DatastoreNotFoundError, DatastoreQueryError, Problems } from './errors.ts';
import { planQuery, type QueryPlan } from './query.ts';
import { pageRows } from './search.ts';
import { tableColumns, tableName, visibleFields, type Column } from './table.ts';
import type { DatastoreContext, DatastoreQuery } from './types.ts';
import { delimitedLine, jsonValue } from './values.ts';

/*
 * Any query's rows as a file (`/datastore/dump/<id>`): CSV, JSON as CKAN's dump writes it (`fields` and
 * `records` as lists), or GeoJSON when the table has a geometry. Rows go out in batches, each a short query
 * of its own, so a million rows never sit in memory and, on PGlite, other requests get the connection
 * between two batches. In the file's order a batch continues after the last `_id` (an index lookup); a query
 * with a sort of its own pages by offset.
 */

export type ExportFormat = 'csv' | 'json' | 'geojson';
export const exportFormats: readonly ExportFormat[] = ['csv', 'json', 'geojson'];
const batchSize = 5_000;

/** Checks the query first (throwing DatastoreQueryError or DatastoreNotFoundError), then streams the rows. */
export async function exportRows(ctx: DatastoreContext, resourceId: string, query: DatastoreQuery, format: ExportFormat): Promise<Readable> {
  const { db } = ctx.database;
  const name = tableName(resourceId);
  const columns = await tableColumns(db, name);
  if (!columns) throw new DatastoreNotFoundError(resourceId);
  const { limit, offset } = exportPaging(query);
  const plan = planQuery(columns, query);
  if (typeof query.q === 'string' && query.plain === false) {
    // The same check search makes, so a bad tsquery is refused before the first byte is sent.
    await sql`select to_tsquery('simple', ${query.q})`.execute(db).catch(() => {
      throw new DatastoreQueryError([{ key: 'q', code: 'bad-query', value: query.q as string }]);
    });
  }
  const geometry = format === 'geojson' ? columns.find((column) => column.type === 'jsonb') : undefined;
  if (format === 'geojson' && !geometry) throw new DatastoreQueryError([{ key: 'format', code: 'no-geometry' }]);
  const rows = batches(db, name, plan, limit, offset, geometry);
  const writer = writers[format](plan.columns.filter((column) => column !== geometry), geometry);
  return Readable.from(document(writer, rows), { objectMode: false });
}

function exportPaging(query: DatastoreQuery): { limit: number | undefined; offset: number } {
  const problems = new Problems();
  const natural = (value: number | undefined, key: 'limit' | 'offset') => {
    if (value === undefined || (Number.isSafeInteger(value) && value >= 0)) return value;
    problems.add({ key, code: 'not-natural' });
    return undefined;
  };
  const limit = natural(query.limit, 'limit');
  const offset = natural(query.offset, 'offset') ?? 0;
  problems.throwIfAny();
  return { limit, offset };
}

/** The rows in batches, with `_id` and the geometry fetched even when the query's fields leave them out. */
async function* batches(db: AnyExecutor, name: string, plan: QueryPlan, limit: number | undefined, offset: number, geometry: Column | undefined): AsyncGenerator<Record<string, unknown>[]> {
  const extraColumns = [plan.byIdOnly && !plan.columns.some((column) => column.name === '_id') ? { name: '_id', type: 'int8' } : undefined, geometry && !plan.columns.includes(geometry) ? geometry : undefined];
  const fetchPlan: QueryPlan = { ...plan, columns: [...plan.columns, ...extraColumns.filter((column) => column !== undefined)] };
  let remaining = limit ?? Number.POSITIVE_INFINITY;
  let skip = offset;
  let lastId: number | undefined;
  while (remaining > 0) {
    const size = Math.min(batchSize, remaining);
    const after = plan.byIdOnly && lastId !== undefined ? [sql`"_id" > ${lastId}`] : [];
    const rows = await pageRows(db, name, fetchPlan, size, skip, after);
    if (rows.length === 0) return;
    yield rows;
    remaining -= rows.length;
    if (rows.length < size) return;
    if (plan.byIdOnly) {
      lastId = Number(rows.at(-1)!._id);
      skip = 0;
    } else {
      skip += rows.length;
    }
  }
}

interface DocumentWriter {
  head: string;
  /** One batch's text; `first` tells whether a row came before (for separators). */
  rows(rows: Record<string, unknown>[], first: boolean): string;
  tail: string;
}

async function* document(writer: DocumentWriter, rows: AsyncIterable<Record<string, unknown>[]>): AsyncGenerator<string> {
  yield writer.head;
  let first = true;
  for await (const batch of rows) {
    yield writer.rows(batch, first);
    first = false;
  }
  yield writer.tail;
}

const cellsOf = (columns: readonly Column[], row: Record<string, unknown>) => columns.map((column) => jsonValue(column.type, row[column.name]));

const writers: Record<ExportFormat, (columns: readonly Column[], geometry: Column | undefined) => DocumentWriter> = {
  csv: (columns) => ({
    head: `${delimitedLine(columns.map((column) => column.name), ',')}\r\n`,
    rows: (rows) => rows.map((row) => `${delimitedLine(columns.map((column) => row[column.name]), ',')}\r\n`).join(''),
    tail: '',
  }),
  json: (columns) => ({
    head: `{"fields":${JSON.stringify(visibleFields(columns))},"records":[`,
    rows: (rows, first) => (first ? '\n' : ',\n') + rows.map((row) => JSON.stringify(cellsOf(columns, row))).join(',\n'),
    tail: '\n]}\n',
  }),
  geojson: (columns, geometry) => ({
    head: '{"type":"FeatureCollection","features":[',
    rows: (rows, first) =>
      (first ? '\n' : ',\n') +
      rows
        .map((row) => {
          const properties = Object.fromEntries(columns.map((column) => [column.name, jsonValue(column.type, row[column.name])]));
          return JSON.stringify({ type: 'Feature', geometry: geometryOf(row[geometry!.name]), properties });
        })
        .join(',\n'),
    tail: '\n]}\n',
  }),
};

/** A stored value as a feature's geometry: a Feature's own geometry, a geometry as it is, anything else none. */
function geometryOf(value: unknown): unknown {
  if (!value || typeof value !== 'object') return null;
  const object = value as { type?: unknown; geometry?: unknown };
  if (object.type === 'Feature') return object.geometry ?? null;
  return typeof object.type === 'string' ? value : null;
}
