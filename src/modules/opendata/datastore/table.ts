import { sql, type RawBuilder } from 'kysely';
import type { AnyExecutor } from '#kernel/db/database.ts';
import { DatastoreNotFoundError } from './errors.ts';
import type { DatastoreContext, DatastoreField, FieldInfo, TableInfo } from './types.ts';

/*
 * One table per resource in the schema `datastore`, named by the resource's id: `_id` (the row's number in
 * the file, CKAN's `_id`), the schema's fields by their names, and `_full_text` for the search over all
 * fields. The data dictionary sits in the columns' comments as JSON, as CKAN keeps it, so a table describes
 * itself whatever became of the resource's metadata meanwhile.
 */

export const schemaName = 'datastore';
export const stagingSuffix = '__next';
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The table's name for a resource id; an id that is no UUID cannot have a table. */
export function tableName(resourceId: string): string {
  const id = resourceId.toLowerCase();
  if (!uuidPattern.test(id)) throw new DatastoreNotFoundError(resourceId);
  return id;
}

const isResourceId = (resourceId: string) => uuidPattern.test(resourceId.toLowerCase());

export const tableRef = (name: string): RawBuilder<unknown> => sql.id(schemaName, name);

/** A column as the catalogue has it: PostgreSQL's type name (`int8`, `text` …) and the dictionary. */
export interface Column {
  name: string;
  type: string;
  info?: FieldInfo;
}

/** The columns of a table, `_id` first and `_full_text` last; undefined when there is no such table. */
export async function tableColumns(db: AnyExecutor, name: string): Promise<Column[] | undefined> {
  const { rows } = await sql<{ name: string; type: string; comment: string | null; found: boolean }>`
    select a.attname as name, t.typname as type, col_description(a.attrelid, a.attnum) as comment, true as found
      from pg_attribute a join pg_type t on t.oid = a.atttypid
     where a.attrelid = to_regclass(${`"${schemaName}"."${name}"`}) and a.attnum > 0 and not a.attisdropped
     order by a.attnum`.execute(db);
  if (rows.length === 0) return undefined;
  return rows.map((row) => ({ name: row.name, type: row.type, ...infoFrom(row.comment) }));
}

function infoFrom(comment: string | null): { info?: FieldInfo } {
  if (!comment) return {};
  try {
    const parsed = JSON.parse(comment) as unknown;
    if (!parsed || typeof parsed !== 'object') return {};
    const { label, notes, unit } = parsed as Record<string, unknown>;
    const info: FieldInfo = {};
    if (typeof label === 'string') info.label = label;
    if (typeof notes === 'string') info.notes = notes;
    if (typeof unit === 'string') info.unit = unit;
    return Object.keys(info).length > 0 ? { info } : {};
  } catch {
    // A comment someone wrote by hand is no dictionary; the column simply has none.
    return {};
  }
}

/** The columns a reader sees: everything but `_full_text`, `_id` typed `int` as CKAN has it. */
export function visibleFields(columns: readonly Column[]): DatastoreField[] {
  return columns
    .filter((column) => column.name !== '_full_text')
    .map((column) => ({ id: column.name, type: column.name === '_id' ? 'int' : column.type, ...(column.info ? { info: column.info } : {}) }));
}

/** The fields with their types and dictionary, and the exact number of rows; undefined without a table. */
export async function tableInfo(ctx: DatastoreContext, resourceId: string): Promise<TableInfo | undefined> {
  if (!isResourceId(resourceId)) return undefined;
  const name = tableName(resourceId);
  const columns = await tableColumns(ctx.database.db, name);
  if (!columns) return undefined;
  const { rows } = await sql<{ n: number }>`select count(*)::int8 as n from ${tableRef(name)}`.execute(ctx.database.db);
  return { fields: visibleFields(columns), rowCount: Number(rows[0]!.n) };
}

/** Removes a resource's table (and a load's leftover staging table); true when there was a table. */
export async function dropTable(ctx: DatastoreContext, resourceId: string): Promise<boolean> {
  if (!isResourceId(resourceId)) return false;
  const name = tableName(resourceId);
  const existed = (await tableColumns(ctx.database.db, name)) !== undefined;
  await sql`drop table if exists ${tableRef(name + stagingSuffix)}`.execute(ctx.database.db);
  await sql`drop table if exists ${tableRef(name)}`.execute(ctx.database.db);
  return existed;
}
