import { sql, type RawBuilder } from 'kysely';
import { Problems } from './errors.ts';
import { checkedValue } from './filter-values.ts';
import { parseSort, type SortItem } from './sort.ts';
import type { Column } from './table.ts';
import type { DatastoreQuery, FilterValue } from './types.ts';

/*
 * A `datastore_search` query checked against the table's real columns and turned into SQL fragments. User
 * input reaches the SQL only as bound values; identifiers only once found among the table's columns, and
 * types only from the catalogue. Every mistake is collected, then refused at once.
 */

export interface QueryPlan {
  /** The columns returned, in order. */
  columns: Column[];
  where: RawBuilder<unknown>[];
  sort: SortItem[];
  /** How well a row matches a full-text `q`, when there is one: without a sort of its own, best first (as CKAN). */
  rank?: RawBuilder<unknown>;
  distinct: boolean;
  /** Whether the order is `_id` alone, so an export can page by `_id` instead of by offset. */
  byIdOnly: boolean;
}

const rangeOperators = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

export function planQuery(columns: readonly Column[], query: DatastoreQuery): QueryPlan {
  const problems = new Problems();
  const byName = new Map(columns.filter((column) => column.name !== '_full_text').map((column) => [column.name, column]));
  const selected = selectedColumns(byName, query.fields, problems);
  const text = textConditions(byName, query, problems);
  const where = [...filterConditions(byName, query.filters ?? {}, problems), ...text.conditions];
  const sort = sortItems(byName, query.sort, problems);
  const distinct = query.distinct === true;
  for (const item of distinct ? sort : []) {
    // SELECT DISTINCT can only be ordered by what it returns.
    if (!selected.some((column) => column.name === item.column)) problems.add({ key: 'sort', code: 'bad-sort', value: item.column });
  }
  problems.throwIfAny();
  // SELECT DISTINCT could not be ordered by the rank, which it does not return.
  const rank = sort.length === 0 && !distinct ? text.rank : undefined;
  const byIdOnly = sort.length === 0 && !distinct && rank === undefined;
  // Without a sort of its own, rows come in the file's order (after the rank, if any); a tie-breaker keeps paging stable.
  if (!distinct && !sort.some((item) => item.column === '_id')) sort.push({ column: '_id', descending: false });
  if (distinct && sort.length === 0) sort.push(...selected.map((column) => ({ column: column.name, descending: false })));
  return { columns: selected, where, sort, ...(rank ? { rank } : {}), distinct, byIdOnly };
}

function selectedColumns(byName: ReadonlyMap<string, Column>, fields: DatastoreQuery['fields'], problems: Problems): Column[] {
  const names = typeof fields === 'string' ? fields.split(',').map((name) => name.trim()).filter(Boolean) : (fields ?? []);
  if (names.length === 0) return [...byName.values()];
  const chosen: Column[] = [];
  for (const name of names) {
    const column = byName.get(name);
    if (column) chosen.push(column);
    else problems.add({ key: 'fields', code: 'unknown-field', field: name });
  }
  return chosen;
}

function filterConditions(byName: ReadonlyMap<string, Column>, filters: Readonly<Record<string, FilterValue>>, problems: Problems): RawBuilder<unknown>[] {
  const conditions: RawBuilder<unknown>[] = [];
  for (const [name, filter] of Object.entries(filters)) {
    const column = byName.get(name);
    if (!column) {
      problems.add({ key: 'filters', code: 'unknown-field', field: name });
      continue;
    }
    if (column.type === 'jsonb' || column.type === 'tsvector') {
      problems.add({ key: 'filters', code: 'not-filterable', field: name });
      continue;
    }
    const condition = filterCondition(column, filter, problems);
    if (condition) conditions.push(condition);
  }
  return conditions;
}

/** One value bound and cast to the column's type; the type name comes from the catalogue, never the client. */
function bound(column: Column, value: unknown, problems: Problems): RawBuilder<unknown> | undefined {
  const checked = checkedValue(column.type, value);
  if (checked === undefined) {
    problems.add({ key: 'filters', code: 'bad-value', field: column.name, value: String(value) });
    return undefined;
  }
  // Bound as text and cast in SQL: a driver then never guesses how to send a boolean or a large integer.
  return sql`cast(${checked}::text as ${sql.raw(column.type)})`;
}

function filterCondition(column: Column, filter: FilterValue, problems: Problems): RawBuilder<unknown> | undefined {
  const ref = sql.id(column.name);
  if (filter === null) return sql`${ref} is null`;
  if (Array.isArray(filter)) {
    const values = (filter as readonly unknown[]).map((value) => bound(column, value, problems));
    if (values.length === 0) return sql`false`;
    if (values.some((value) => value === undefined)) return undefined;
    return sql`${ref} in (${sql.join(values)})`;
  }
  if (typeof filter === 'object') {
    const entries = Object.entries(filter);
    const known = entries.filter(([operator]) => operator in rangeOperators);
    if (entries.length === 0 || known.length !== entries.length) {
      problems.add({ key: 'filters', code: 'bad-range', field: column.name });
      return undefined;
    }
    const parts = known.map(([operator, value]) => {
      const right = bound(column, value, problems);
      return right && sql`${ref} ${sql.raw(rangeOperators[operator as keyof typeof rangeOperators])} ${right}`;
    });
    if (parts.some((part) => part === undefined)) return undefined;
    return sql.join(parts, sql` and `);
  }
  const right = bound(column, filter, problems);
  return right && sql`${ref} = ${right}`;
}

function textConditions(
  byName: ReadonlyMap<string, Column>,
  query: DatastoreQuery,
  problems: Problems,
): { conditions: RawBuilder<unknown>[]; rank?: RawBuilder<unknown> } {
  const { q } = query;
  if (q === undefined || q === '') return { conditions: [] };
  if (typeof q === 'string') {
    // websearch_to_tsquery reads quotes, `or` and `-` as a search box does and never fails on odd input.
    const tsquery = query.plain === false ? sql`to_tsquery('simple', ${q})` : sql`websearch_to_tsquery('simple', ${q})`;
    // CKAN's rank: normalisation 32 scales it to rank / (rank + 1), so a long row does not lose by its length alone.
    return { conditions: [sql`"_full_text" @@ ${tsquery}`], rank: sql`ts_rank("_full_text", ${tsquery}, 32)` };
  }
  const conditions: RawBuilder<unknown>[] = [];
  for (const [name, text] of Object.entries(q)) {
    const column = byName.get(name);
    if (!column) problems.add({ key: 'q', code: 'unknown-field', field: name });
    else if (typeof text !== 'string') problems.add({ key: 'q', code: 'bad-value', field: name, value: String(text) });
    else conditions.push(sql`${sql.id(name)}::text ilike ${`%${escapeLike(text)}%`}`);
  }
  return { conditions };
}

/** The text taken literally in ILIKE: its own `%`, `_` and `\` escaped. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

function sortItems(byName: ReadonlyMap<string, Column>, sort: DatastoreQuery['sort'], problems: Problems): SortItem[] {
  if (sort === undefined) return [];
  const texts = typeof sort === 'string' ? [sort] : sort;
  const items: SortItem[] = [];
  for (const text of texts) {
    const parsed = parseSort(text);
    if (!parsed) {
      problems.add({ key: 'sort', code: 'bad-sort', value: text });
      continue;
    }
    for (const item of parsed) {
      if (byName.has(item.column)) items.push(item);
      else problems.add({ key: 'sort', code: 'unknown-field', field: item.column });
    }
  }
  return items;
}

export function orderBy(plan: Pick<QueryPlan, 'sort' | 'rank'>): RawBuilder<unknown> {
  const items = plan.sort.map((item) => {
    const nulls = item.nulls ? sql.raw(` nulls ${item.nulls}`) : sql``;
    return sql`${sql.id(item.column)} ${sql.raw(item.descending ? 'desc' : 'asc')}${nulls}`;
  });
  return sql.join(plan.rank ? [sql`${plan.rank} desc`, ...items] : items);
}
