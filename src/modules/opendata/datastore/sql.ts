import { sql, type RawBuilder } from 'kysely';
import type { KernelContext } from '#kernel/context.ts';
import type { AnyExecutor, Executor } from '#kernel/db/database.ts';
import type { OpendataTables } from '../tables.ts';
import { allowedFunctions } from './allowed-functions.ts';
import { LexError, disallowedCalls, statementKind, statements, tokenize, type Token } from './sql-lexer.ts';

/*
 * CKAN's `datastore_search_sql`, hardened. Only on a PostgreSQL server: PGlite enforces no statement
 * timeout and blocks the whole process while a query runs. Four walls, each enough for most attacks:
 * the text is read before the database sees it (one statement, a query, only allowed function calls,
 * since planning already evaluates some calls); it runs as `datastore_reader`, which may read the DataStore
 * tables and nothing of the platform's, in a read-only transaction with a 5-second statement timeout; and
 * EXPLAIN's plan must name only public resources' tables and allowed functions before the query runs.
 */

export const datastoreReaderRole = 'datastore_reader';
/** CKAN's `ckan.datastore.search.rows_max`: more rows are cut off and flagged. */
export const sqlRowsMax = 32000;
const statementMilliseconds = 5000;
/** The JSON of one answer's records; more is cut off and flagged like too many rows. */
export const sqlBytesMax = 32 * 1024 * 1024;
const fetchSize = 2000;

export type SqlRefusalReason = 'disabled' | 'not-single-statement' | 'not-select' | 'not-authorized' | 'timeout' | 'invalid';
export interface SqlField {
  id: string;
  /** PostgreSQL's type name as CKAN reports it (`int4`, `text`, `numeric`, `timestamp`, `_text` …). */
  type: string;
}
export type SqlRecord = Record<string, unknown>;
export type SqlResult =
  | { ok: true; sql: string; fields: SqlField[]; records: SqlRecord[]; recordsTruncated: boolean }
  | {
      ok: false;
      reason: SqlRefusalReason;
      /** In English, as CKAN words it; `detail` is the refused function or table, for a translated text. */
      message: string;
      detail?: string;
      /** PostgreSQL's own account of an invalid query; `position` counts characters of the caller's text from 1. */
      info?: { code: string; position?: number; hint?: string };
    };
type Refusal = Extract<SqlResult, { ok: false }>;

const refuse = (reason: SqlRefusalReason, message: string, detail?: string): Refusal => ({ ok: false, reason, message, ...(detail === undefined ? {} : { detail }) });

/** Runs one read-only query over the DataStore's public tables, or says why not. */
export async function runSql(ctx: Pick<KernelContext, 'database'>, text: string): Promise<SqlResult> {
  if (ctx.database.kind !== 'postgres') return refuse('disabled', 'datastore_search_sql is not enabled');
  const checked = checkText(text);
  if (!checked.ok) return checked;
  const query = checked.sql;
  // Where the caller's text starts in the statement that failed, to point into the caller's text.
  const at: { offset: number | null } = { offset: null };
  try {
    return await ctx.database.db.transaction().execute(async (trx) => {
      const platform = await platformSettings(trx);
      if (!platform.mayBecomeReader) return refuse('disabled', `The role ${datastoreReaderRole} is missing or not granted to the platform's database user`);
      await sql`set local statement_timeout = ${sql.lit(statementMilliseconds)}`.execute(trx);
      await sql`set local search_path = pg_catalog, datastore`.execute(trx);
      await sql`set local standard_conforming_strings = on`.execute(trx);
      await sql`set local transaction_read_only = on`.execute(trx);
      await sql`set local role ${sql.id(datastoreReaderRole)}`.execute(trx);

      at.offset = explainPrefix.length - checked.start;
      const plan = await explain(trx, query);
      const planned = checkPlan(plan.root);
      if ('reason' in planned) return planned;
      // Who may read which resource is the platform's to say, so the reader steps aside for this look-up.
      await sql`set local role none`.execute(trx);
      await sql`select set_config('search_path', ${platform.searchPath}, true)`.execute(trx);
      const closed = await nonPublicTables(trx, planned.tables);
      if (closed.length > 0) return refuse('not-authorized', `Not authorized to read resource ${closed[0]}`, closed[0]);
      await sql`set local search_path = pg_catalog, datastore`.execute(trx);
      await sql`set local role ${sql.id(datastoreReaderRole)}`.execute(trx);

      const columns = plan.columns;
      at.offset = null;
      const fields = columns.length === 0 ? [] : await fieldTypes(trx, query, columns);
      const { rows, truncated } = await records(trx, query, columns);
      return { ok: true, sql: text, fields, records: rows, recordsTruncated: truncated } as const;
    });
  } catch (error) {
    return databaseRefusal(error, at.offset, text.length);
  }
}

/** Lets the DataStore's reader read a table the loader made (default privileges cover the migration's own user). */
export async function grantReader(trx: AnyExecutor, table: string): Promise<void> {
  const { rows } = await sql<{ present: boolean }>`select exists (select 1 from pg_roles where rolname = ${datastoreReaderRole}) as present`.execute(trx);
  if (!rows[0]?.present) return;
  await sql`grant select on table ${sql.id('datastore', table)} to ${sql.id(datastoreReaderRole)}`.execute(trx);
}

type Checked = { ok: true; sql: string; start: number } | Refusal;

/** The checks that need no database: one statement, a query, no call outside the allow-list. */
export function checkText(text: string): Checked {
  let tokens: Token[];
  try {
    tokens = tokenize(text);
    const parts = statements(tokens);
    if (parts.length === 0) return refuse('invalid', 'Missing value');
    if (parts.length > 1) return refuse('not-single-statement', 'Query is not a single statement.');
    tokens = parts[0]!;
    const param = tokens.find((token) => token.kind === 'param');
    if (param) return refuse('invalid', `Parameters such as ${param.value} are not supported`, param.value);
    if (statementKind(tokens) !== 'select') return refuse('not-select', 'Only SELECT statements may be run.');
    const call = disallowedCalls(tokens)[0];
    if (call) return refuse('not-authorized', `Not authorized to call function ${call.name}`, call.name);
  } catch (error) {
    if (error instanceof LexError) return refuse('invalid', error.message);
    throw error;
  }
  // Comments after the last token are left behind: a trailing `--` would swallow the wrapper's `)`.
  return { ok: true, sql: text.slice(tokens[0]!.start, tokens.at(-1)!.end), start: tokens[0]!.start };
}

/** Whether the platform's user may act as the reader, and its own search path, to return to for the look-up. */
async function platformSettings(trx: AnyExecutor): Promise<{ mayBecomeReader: boolean; searchPath: string }> {
  const { rows } = await sql<{ usable: boolean; path: string }>`
    select case when exists (select 1 from pg_roles where rolname = ${datastoreReaderRole})
      then pg_has_role(current_user, ${datastoreReaderRole}, 'MEMBER') else false end as usable,
      current_setting('search_path') as path`.execute(trx);
  return { mayBecomeReader: rows[0]?.usable === true, searchPath: rows[0]?.path ?? 'public' };
}

// The plan's statement: a materialised CTE, so that its scan's output names the query's columns.
const explainPrefix = 'explain (verbose, format json) with datastore_sql_query as materialized (\n';

async function explain(trx: AnyExecutor, query: string): Promise<{ root: PlanNode; columns: string[] }> {
  // The limit as a parameter keeps the statement on the extended protocol, which runs one statement only.
  const { rows } = await sql<{ 'QUERY PLAN': unknown }>`${sql.raw(explainPrefix)}${sql.raw(query)}
) select * from datastore_sql_query limit ${sqlRowsMax + 1}`.execute(trx);
  const raw = rows[0]?.['QUERY PLAN'];
  const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
  const root = parsed[0]!.Plan;
  return { root, columns: (root.Output as string[] | undefined ?? []).map(columnName) };
}

/** `datastore_sql_query."Name"` → `Name`, as EXPLAIN quotes it (duplicate names come back numbered: `count_1`). */
function columnName(output: string): string {
  const tokens = tokenize(output);
  const last = tokens.at(-1);
  return last ? last.value : output;
}

export type PlanNode = Record<string, unknown> & { 'Node Type': string; Plans?: PlanNode[] };
type PlanCheck = { tables: string[] } | Refusal;

// Keys whose values are names, not expressions.
const nameKeys = new Set(['Node Type', 'Parent Relationship', 'Subplan Name', 'Relation Name', 'Schema', 'Alias', 'CTE Name', 'Index Name', 'Function Name', 'Strategy', 'Partial Mode', 'Join Type', 'Scan Direction', 'Operation', 'Sampling Method', 'Command']);
const refusedNodes = new Set(['ModifyTable', 'LockRows']);

/** Every table a public resource's, every call in every expression allowed; tables come back for the look-up. */
export function checkPlan(root: PlanNode): PlanCheck {
  const tables = new Set<string>();
  const nodes = [root];
  for (let node = nodes.pop(); node; node = nodes.pop()) {
    nodes.push(...(node.Plans ?? []));
    if (refusedNodes.has(node['Node Type'])) return refuse('not-select', 'Only SELECT statements may be run.');
    if (node['Node Type'] === 'Table Function Scan') return refuse('not-authorized', 'Not authorized to call table functions', 'XMLTABLE');
    const relation = node['Relation Name'];
    if (typeof relation === 'string') {
      const schema = typeof node.Schema === 'string' ? node.Schema : '';
      if (schema !== 'datastore' || relation.startsWith('pg_')) return refuse('not-authorized', `Not authorized to read ${schema}.${relation}`, `${schema}.${relation}`);
      tables.add(relation);
    }
    const fn = node['Function Name'];
    if (typeof fn === 'string') {
      const denied = node.Schema !== 'pg_catalog' ? `${String(node.Schema)}.${fn}` : allowedFunctions.has(fn) ? undefined : fn;
      if (denied) return refuse('not-authorized', `Not authorized to call function ${denied}`, denied);
    }
    for (const [key, value] of Object.entries(node)) {
      if (nameKeys.has(key)) continue;
      for (const expression of Array.isArray(value) ? value : [value]) {
        if (typeof expression !== 'string') continue;
        const call = planCalls(expression);
        if (call) return refuse('not-authorized', `Not authorized to call function ${call}`, call);
      }
    }
  }
  return { tables: [...tables] };
}

function planCalls(expression: string): string | undefined {
  try {
    return disallowedCalls(tokenize(expression))[0]?.name;
  } catch {
    // An expression this reader cannot follow is not one to run.
    return expression;
  }
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The tables that are not the DataStore of an active resource in a published dataset. */
async function nonPublicTables(trx: Executor, tables: string[]): Promise<string[]> {
  const candidates = tables.filter((table) => uuid.test(table));
  const open = candidates.length === 0 ? [] : await trx.withTables<OpendataTables>()
    .selectFrom('opendata_resources as r')
    .innerJoin('opendata_datasets as d', 'd.id', 'r.dataset_id')
    .select('r.id')
    .where('r.id', 'in', candidates)
    .where('r.state', '=', 'active')
    .where('r.datastore_active', '=', true)
    .where('d.state', '=', 'active')
    .execute();
  const published = new Set(open.map((row) => row.id));
  return tables.filter((table) => !published.has(table));
}

/** The query's own columns renamed c1…cN, so that equal names cannot collide in a record. */
function aliased(query: string, columns: string[], name: string): RawBuilder<unknown> {
  const list = columns.map((_, index) => sql.id(`c${index + 1}`));
  return sql`(\n${sql.raw(query)}\n) as ${sql.id(name)}${columns.length === 0 ? sql`` : sql`(${sql.join(list)})`}`;
}

async function fieldTypes(trx: AnyExecutor, query: string, columns: string[]): Promise<SqlField[]> {
  // A row of nulls from an empty result still carries each column's type.
  const types = columns.map((_, index) => sql`(select typname::text from pg_type where oid = pg_typeof(${sql.ref(`q.c${index + 1}`)}))`);
  const { rows } = await sql<{ types: string[] }>`
    select array[${sql.join(types)}] as types
    from (select 1) as one left join (select * from ${aliased(query, columns, 'inner_query')} limit 0) as q on true`.execute(trx);
  const names = rows[0]?.types ?? [];
  return columns.map((id, index) => ({ id, type: names[index] ?? 'unknown' }));
}

/**
 * The records, at most 32,000 and 32 MB of JSON: read through a cursor in chunks, so that a query of huge
 * rows stops at the first chunk past the limit instead of filling this process's memory, and all chunks
 * together get the five seconds one statement would.
 */
async function records(trx: AnyExecutor, query: string, columns: string[]): Promise<{ rows: SqlRecord[]; truncated: boolean }> {
  const deadline = Date.now() + statementMilliseconds;
  // to_json writes values as CKAN does: numbers as numbers, timestamps as ISO 8601 without a zone.
  await sql`declare datastore_sql_rows no scroll cursor for
    select case when total <= ${sqlBytesMax} then record end as record, total > ${sqlBytesMax} as over
    from (select record, sum(octet_length(record::text)) over (rows unbounded preceding) as total
      from (select to_json(q) as record from ${aliased(query, columns, 'q')} limit ${sqlRowsMax + 1}) as r) as w`.execute(trx);
  const rows: SqlRecord[] = [];
  for (;;) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw Object.assign(new Error('Query took too long'), { code: '57014' });
    await sql`set local statement_timeout = ${sql.lit(remaining)}`.execute(trx);
    const { rows: chunk } = await sql<{ record: Record<string, unknown> | null; over: boolean }>`fetch forward ${sql.lit(fetchSize)} from datastore_sql_rows`.execute(trx);
    for (const { record, over } of chunk) {
      if (over || !record || rows.length === sqlRowsMax) return { rows, truncated: true };
      rows.push(Object.fromEntries(columns.map((name, index) => [name, record[`c${index + 1}`] ?? null])));
    }
    if (chunk.length < fetchSize) return { rows, truncated: false };
  }
}

/** PostgreSQL's errors as CKAN reports them; errors of the server itself are not the caller's and go on up. */
function databaseRefusal(error: unknown, offset: number | null, length: number): Refusal {
  const failure = error as { code?: unknown; message?: unknown; position?: unknown; hint?: unknown };
  const code = typeof failure.code === 'string' ? failure.code : undefined;
  if (!code || /^(08|57P|58|XX)/.test(code)) throw error;
  if (code === '57014') return refuse('timeout', 'Query took too long');
  if (code === '42501') return refuse('not-authorized', String(failure.message), String(failure.message));
  if (code === '25006') return refuse('not-select', 'Only SELECT statements may be run.');
  const position = offset === null ? NaN : Number(failure.position) - offset;
  return {
    ...refuse('invalid', String(failure.message)),
    info: { code, ...(position > 0 && position <= length ? { position } : {}), ...(typeof failure.hint === 'string' ? { hint: failure.hint } : {}) },
  };
}
