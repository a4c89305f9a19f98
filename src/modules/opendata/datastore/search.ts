import { sql, type RawBuilder } from 'kysely';
import type { AnyExecutor } from '#kernel/db/database.ts';
import { DatastoreNotFoundError, DatastoreQueryError, Problems } from './errors.ts';
import { orderBy, planQuery, type QueryPlan } from './query.ts';
import { tableColumns, tableName, tableRef, visibleFields, type Column } from './table.ts';
import { defaultLimit, maxLimit, type DatastoreContext, type DatastoreQuery, type SearchResult } from './types.ts';
import { delimitedLine, jsonValue } from './values.ts';

/*
 * CKAN's `datastore_search` over a resource's table: filters, full text, sort, paging and an exact total.
 * The page and the count run side by side (on a server, two connections), so the total costs no second
 * round trip in time.
 */

export async function search(ctx: DatastoreContext, resourceId: string, query: DatastoreQuery = {}): Promise<SearchResult> {
  const { db } = ctx.database;
  const name = tableName(resourceId);
  const columns = await tableColumns(db, name);
  if (!columns) throw new DatastoreNotFoundError(resourceId);
  const { limit, offset } = paging(query);
  const plan = planQuery(columns, query);
  if (typeof query.q === 'string' && query.plain === false) await checkTsquery(db, query.q);
  const format = query.recordsFormat ?? 'objects';
  const [rows, total] = await Promise.all([
    pageRows(db, name, plan, limit, offset),
    query.includeTotal === false ? undefined : countRows(db, name, plan),
  ]);
  const fields = visibleFields(plan.columns);
  let records: SearchResult['records'];
  if (format === 'csv' || format === 'tsv') {
    // As stored, like CKAN's COPY … TO STDOUT: numeric keeps its digits (`12.30`).
    const delimiter = format === 'csv' ? ',' : '\t';
    records = rows.map((row) => `${delimitedLine(plan.columns.map((column) => row[column.name]), delimiter)}\n`).join('');
  } else {
    const lists = rows.map((row) => plan.columns.map((column) => jsonValue(column.type, row[column.name])));
    records = format === 'lists' ? lists : lists.map((cells) => Object.fromEntries(plan.columns.map((column, index) => [column.name, cells[index]])));
  }
  return { fields, records, ...(total === undefined ? {} : { total }), totalWasEstimated: false, limit, offset };
}

/** CKAN's paging: limit 100 by default and at most 32,000 (more is cut, not refused); both natural numbers. */
export function paging(query: Pick<DatastoreQuery, 'limit' | 'offset'>): { limit: number; offset: number } {
  const problems = new Problems();
  const natural = (value: number | undefined, key: 'limit' | 'offset', fallback: number) => {
    if (value === undefined) return fallback;
    if (Number.isSafeInteger(value) && value >= 0) return value;
    problems.add({ key, code: 'not-natural' });
    return fallback;
  };
  const limit = Math.min(natural(query.limit, 'limit', defaultLimit), maxLimit);
  const offset = natural(query.offset, 'offset', 0);
  problems.throwIfAny();
  return { limit, offset };
}

/** to_tsquery fails on text that is not its syntax; asked alone first, so the failure names `q`. */
async function checkTsquery(db: AnyExecutor, q: string): Promise<void> {
  try {
    await sql`select to_tsquery('simple', ${q})`.execute(db);
  } catch {
    throw new DatastoreQueryError([{ key: 'q', code: 'bad-query', value: q }]);
  }
}

/** The select list: dates as their ISO text (drivers would make them a Date at some midnight), the rest as stored. */
export function selectList(columns: readonly Column[]): RawBuilder<unknown> {
  return sql.join(columns.map((column) => (column.type === 'date' ? sql`${sql.id(column.name)}::text as ${sql.id(column.name)}` : sql.id(column.name))));
}

export function whereClause(plan: QueryPlan, extra: readonly RawBuilder<unknown>[] = []): RawBuilder<unknown> {
  const conditions = [...plan.where, ...extra];
  return conditions.length > 0 ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
}

export async function pageRows(db: AnyExecutor, name: string, plan: QueryPlan, limit: number, offset: number, extra: readonly RawBuilder<unknown>[] = []): Promise<Record<string, unknown>[]> {
  if (limit === 0) return [];
  const distinct = plan.distinct ? sql`distinct ` : sql``;
  const { rows } = await sql<Record<string, unknown>>`
    select ${distinct}${selectList(plan.columns)} from ${tableRef(name)} ${whereClause(plan, extra)}
     order by ${orderBy(plan)} limit ${limit} offset ${offset}`.execute(db);
  return rows;
}

async function countRows(db: AnyExecutor, name: string, plan: QueryPlan): Promise<number> {
  const query = plan.distinct
    ? sql<{ n: number }>`select count(*)::int8 as n from (select distinct ${selectList(plan.columns)} from ${tableRef(name)} ${whereClause(plan)}) as matching`
    : sql<{ n: number }>`select count(*)::int8 as n from ${tableRef(name)} ${whereClause(plan)}`;
  const { rows } = await query.execute(db);
  return Number(rows[0]!.n);
}
