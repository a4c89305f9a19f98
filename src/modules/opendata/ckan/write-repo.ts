import { sql, type RawBuilder } from 'kysely';
import type { AnyExecutor } from '#kernel/db/database.ts';
import { tableRef } from '../datastore/table.ts';
import { knownColumnTypes } from '../datastore/types.ts';
import { isUuid, type OpendataDb } from '../repo.ts';

/*
 * The SQL of `datastore_upsert`: finding the resource a script writes to (drafts included, deleted ones
 * not), and writing single rows into its DataStore table. Values are bound as text and cast to the column's
 * type; identifiers come from the table's own columns. `_full_text` is a generated column, so every row
 * written here is found by the full-text search at once.
 */

export interface UpsertTarget {
  id: string;
  datasetId: string;
  datasetName: string;
  organizationId: string;
  tableSchema: unknown;
}

export async function upsertTarget(db: OpendataDb, resourceId: string): Promise<UpsertTarget | undefined> {
  if (!isUuid(resourceId)) return undefined;
  const row = await db
    .selectFrom('opendata_resources as r')
    .innerJoin('opendata_datasets as d', 'd.id', 'r.dataset_id')
    .select(['r.id', 'r.table_schema', 'd.id as dataset_id', 'd.name as dataset_name', 'd.organization_id'])
    .where('r.id', '=', resourceId)
    .where('r.state', '=', 'active')
    .where('d.state', '!=', 'deleted')
    .executeTakeFirst();
  return row && { id: row.id, datasetId: row.dataset_id, datasetName: row.dataset_name, organizationId: row.organization_id, tableSchema: row.table_schema };
}

/** A column value bound as text and cast to the column's PostgreSQL type (`int8`, `date` …). */
export interface Cell {
  column: string;
  type: string;
  value: string | null;
}

function cast(cell: Cell): RawBuilder<unknown> {
  // The type name comes from the table's catalogue entry; only the DataStore's own types are written out.
  if (!knownColumnTypes.has(cell.type)) throw new Error(`Unexpected DataStore column type ${cell.type}`);
  return sql`${cell.value}::${sql.raw(cell.type)}`;
}

const where = (key: readonly Cell[]) => sql.join(key.map((cell) => sql`${sql.id(cell.column)} = ${cast(cell)}`), sql` and `);

export async function rowExists(db: AnyExecutor, table: string, key: readonly Cell[]): Promise<boolean> {
  const { rows } = await sql<{ found: number }>`select 1 as found from ${tableRef(table)} where ${where(key)} limit 1`.execute(db);
  return rows.length > 0;
}

/** Inserts a row; `_id` comes from the table's identity. */
export async function insertRow(db: AnyExecutor, table: string, cells: readonly Cell[]): Promise<void> {
  if (cells.length === 0) {
    await sql`insert into ${tableRef(table)} default values`.execute(db);
    return;
  }
  await sql`insert into ${tableRef(table)} (${sql.join(cells.map((cell) => sql.id(cell.column)))}) values (${sql.join(cells.map(cast))})`.execute(db);
}

/** Sets the given columns of the rows matching the key; returns how many rows matched. */
export async function updateRows(db: AnyExecutor, table: string, cells: readonly Cell[], key: readonly Cell[]): Promise<number> {
  const assignments = cells.length > 0 ? sql.join(cells.map((cell) => sql`${sql.id(cell.column)} = ${cast(cell)}`)) : sql`"_id" = "_id"`;
  const result = await sql`update ${tableRef(table)} set ${assignments} where ${where(key)}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
