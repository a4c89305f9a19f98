import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#kernel/db/database.ts';
import { freshDatabase } from '#test/database.ts';
import { checkPlan, checkText, grantReader, runSql, sqlBytesMax, sqlRowsMax, type PlanNode, type SqlResult } from './sql.ts';

/*
 * The read-only SQL endpoint on a PostgreSQL server: what it answers, and the attacks CKAN's advisories
 * and the issue name, each refused for the right reason (and a refusal by the checks comes before any
 * timeout could: a refused `pg_sleep(10)` says `not-authorized`, never `timeout`).
 */

let database: Database;
const districts = '0b6c1c2e-4c1f-4d39-9d55-1f7a8f0e0a01';
const draft = '0b6c1c2e-4c1f-4d39-9d55-1f7a8f0e0a02';

beforeAll(async () => {
  database = await freshDatabase();
  const db = database.db;
  const [org] = (await sql<{ id: string }>`insert into opendata_organizations (name, title) values ('statistik', 'Statistikstelle') returning id`.execute(db)).rows;
  const dataset = async (name: string, state: string) =>
    (await sql<{ id: string }>`insert into opendata_datasets (name, organization_id, state, title, licence, frequency)
      values (${name}, ${org!.id}, ${state}, ${name}, 'dl-by-de/2.0', 'ANNUAL') returning id`.execute(db)).rows[0]!.id;
  const resource = (id: string, datasetId: string) =>
    sql`insert into opendata_resources (id, dataset_id, title, format, media_type, datastore_active)
      values (${id}, ${datasetId}, 'Tabelle', 'CSV', 'text/csv', true)`.execute(db);
  await resource(districts, await dataset('stadtteile', 'active'));
  await resource(draft, await dataset('entwurf', 'draft'));
  for (const id of [districts, draft]) {
    await sql`create table ${sql.id('datastore', id)} (_id bigint primary key, district text, population integer, counted date, _full_text tsvector)`.execute(db);
  }
  await sql`insert into ${sql.id('datastore', districts)} (_id, district, population, counted) values
    (1, 'Erkelenz-Mitte', 18900, '2024-12-31'), (2, 'Hetzerath', 1400, '2024-12-31'), (3, 'Lövenich', 2300, '2024-12-31'), (4, 'Hetzerath', 200, '2023-12-31')`.execute(db);
  await sql`insert into ${sql.id('datastore', draft)} (_id, district, population) values (1, 'geheim', 1)`.execute(db);
});
afterAll(async () => {
  await database?.close();
});

const run = (text: string) => runSql({ database }, text);
const refusal = (result: SqlResult) => (result.ok ? { ok: true } : { reason: result.reason, detail: result.detail });

describe('allowed queries', () => {
  it('answers a SELECT with aggregates: fields with their types, records as CKAN writes them', async () => {
    const result = await run(`SELECT district, count(*) AS places, sum(population) AS total, max(counted) AS latest
      FROM "${districts}" GROUP BY district ORDER BY total DESC -- the biggest first`);
    expect(result).toEqual({
      ok: true,
      sql: expect.stringContaining('GROUP BY district'),
      fields: [{ id: 'district', type: 'text' }, { id: 'places', type: 'int8' }, { id: 'total', type: 'int8' }, { id: 'latest', type: 'date' }],
      records: [
        { district: 'Erkelenz-Mitte', places: 1, total: 18900, latest: '2024-12-31' },
        { district: 'Lövenich', places: 1, total: 2300, latest: '2024-12-31' },
        { district: 'Hetzerath', places: 2, total: 1600, latest: '2024-12-31' },
      ],
      recordsTruncated: false,
    });
  });

  it('reads a table by its schema-qualified name, through a CTE, a window and a subquery, with a trailing semicolon', async () => {
    const result = await run(`with t as (select district, population from datastore."${districts}")
      select district, rank() over (order by population desc) as place, round(population * 100.0 / (select sum(population) from t), 1) as share
      from t where district ilike 'h%' order by place;`);
    expect(result.ok && result.records).toEqual([{ district: 'Hetzerath', place: 1, share: 6.1 }, { district: 'Hetzerath', place: 2, share: 0.9 }]);
    expect(result.ok && result.fields.map((field) => field.type)).toEqual(['text', 'int8', 'numeric']);
  });

  it('types the fields of an empty result and tells equal column names apart', async () => {
    const empty = await run(`select _id, counted, _full_text from "${districts}" where population < 0`);
    expect(empty).toMatchObject({ ok: true, records: [], fields: [{ id: '_id', type: 'int8' }, { id: 'counted', type: 'date' }, { id: '_full_text', type: 'tsvector' }] });
    const twice = await run(`select district, district from "${districts}" where _id = 1`);
    expect(twice).toMatchObject({ ok: true, fields: [{ id: 'district' }, { id: 'district_1' }], records: [{ district: 'Erkelenz-Mitte', district_1: 'Erkelenz-Mitte' }] });
  });

  it('keeps semicolons, quotes and comments inside strings and comments', async () => {
    const result = await run(`select ';' as "a;b", $$ ; drop table x; $$ as dollars, E'\\'; --' as escaped /* ; nested /* ; */ */ from "${districts}" limit 1`);
    expect(result.ok && result.records).toEqual([{ 'a;b': ';', dollars: ' ; drop table x; ', escaped: "'; --" }]);
  });

  it('cuts the answer at 32 MB of records and says so', async () => {
    const result = await run('select n, repeat(\'x\', 1000000) as filler from generate_series(1, 100) as n');
    const records = result.ok ? result.records : [];
    expect(result.ok && result.recordsTruncated).toBe(true);
    expect(records.length).toBeGreaterThan(10);
    expect(records.map((record) => record.n)).toEqual(Array.from({ length: records.length }, (_, index) => index + 1));
    expect(JSON.stringify(records).length).toBeLessThanOrEqual(sqlBytesMax);
  });

  it('cuts the answer at 32,000 records and says so', async () => {
    const result = await run('select n from generate_series(1, 40000) as n');
    expect(result.ok && result.records.length).toBe(sqlRowsMax);
    expect(result.ok && result.recordsTruncated).toBe(true);
  });
});

describe('refused statements', () => {
  it.each([
    [`insert into "${districts}" (_id) values (9)`, 'not-select'],
    [`update "${districts}" set population = 0`, 'not-select'],
    [`delete from "${districts}"`, 'not-select'],
    [`drop table "${districts}"`, 'not-select'],
    [`copy "${districts}" to stdout`, 'not-select'],
    [`with gone as (delete from "${districts}" returning *) select * from gone`, 'not-select'],
    [`with x as materialized (insert into "${districts}" (_id) values (9) returning _id) select 1`, 'not-select'],
    [`with x as (select 1) delete from "${districts}"`, 'not-select'],
    // Locking rows needs UPDATE, which the reader lacks.
    [`select * from "${districts}" for update`, 'not-authorized'],
    [`select 1; drop table "${districts}"`, 'not-single-statement'],
    [`select 1;select 2`, 'not-single-statement'],
    ['', 'invalid'],
    ['  ; -- nothing', 'invalid'],
    [`select 'unterminated`, 'invalid'],
    ['select $1', 'invalid'],
  ])('%s → %s', async (text, reason) => {
    expect(refusal(await run(text))).toMatchObject({ reason });
    expect((await sql<{ n: number }>`select count(*)::int as n from ${sql.id('datastore', districts)}`.execute(database.db)).rows[0]!.n).toBe(4);
  });

  it('reports a syntax error with its position in the caller\'s text', async () => {
    const text = `  select district frm "${districts}"`;
    const result = await run(text);
    expect(result).toMatchObject({ ok: false, reason: 'invalid', message: expect.stringContaining('syntax error'), info: { code: '42601', position: text.indexOf('"') + 1 } });
  });
});

describe('refused functions and tables', () => {
  it.each([
    ['select pg_sleep(10)', 'pg_sleep'],
    [`select * from "${districts}" t, lateral (select pg_sleep(10)) s`, 'pg_sleep'],
    [`select district from "${districts}" where population > (select count(*) from (select pg_catalog.pg_sleep(10)) s)`, 'pg_sleep'],
    ['select "pg_sleep"(10)', 'pg_sleep'],
    ['select PG_CATALOG.PG_SLEEP(10)', 'pg_sleep'],
    [`select ts_rewrite('a'::tsquery, 'select ''a''::tsquery, ''b''::tsquery from opendata_datasets')`, 'ts_rewrite'],
    [`select * from "${districts}" where to_tsquery('a') = ts_rewrite('a'::tsquery, $q$select 'a'::tsquery, 'b'::tsquery$q$)`, 'ts_rewrite'],
    [`select query_to_xml('select * from users', true, true, '')`, 'query_to_xml'],
    [`select table_to_xml('sessions', true, true, '')`, 'table_to_xml'],
    [`select set_config('role', 'postgres', true)`, 'set_config'],
    [`select current_setting('server_version')`, 'current_setting'],
    [`select txid_current()`, 'txid_current'],
    [`select nextval('x')`, 'nextval'],
    [`select public.kernel_content_changed()`, 'public.kernel_content_changed'],
    [`select * from dblink('host=x', 'select 1') as t(a int)`, 'dblink'],
  ])('%s', async (text, name) => {
    expect(refusal(await run(text))).toEqual({ reason: 'not-authorized', detail: name });
  });

  it('refuses a call that the text writes as a column, which only the plan shows (t.f is f(t))', async () => {
    const text = `select t.pg_column_size from "${districts}" t`;
    expect(checkText(text).ok).toBe(true);
    expect(refusal(await run(text))).toEqual({ reason: 'not-authorized', detail: 'pg_column_size' });
  });

  it.each([
    [`select d.n from datastore."${districts}" t, lateral (select pg_sleep(0) as n) d`, { reason: 'not-authorized', detail: 'pg_sleep' }],
    [`select * from datastore."${districts}" where _id in (select oid::int from pg_class)`, { reason: 'not-authorized', detail: 'pg_catalog.pg_class' }],
    [`select * from generate_series(1, 2) as g, lateral (select current_setting('role')) s`, { reason: 'not-authorized', detail: 'current_setting' }],
    [`with gone as (delete from datastore."${districts}" returning *) select * from gone`, { reason: 'not-select' }],
  ])('the plan alone would refuse it too: %s', async (text, expected) => {
    // The plan as EXPLAIN gives it (planned here by the test's own user, never run).
    const { rows } = await sql<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>`explain (verbose, format json) ${sql.raw(text)}`.execute(database.db);
    expect(checkPlan(rows[0]!['QUERY PLAN'][0].Plan)).toMatchObject(expected);
  });

  it('finds in the plan the tables a query reads', async () => {
    const { rows } = await sql<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>`explain (verbose, format json)
      select district, count(*) from datastore.${sql.id(districts)} where _id in (select _id from datastore.${sql.id(draft)}) group by 1`.execute(database.db);
    expect(checkPlan(rows[0]!['QUERY PLAN'][0].Plan)).toEqual({ tables: expect.arrayContaining([districts, draft]) });
  });

  it.each([
    ['select * from pg_catalog.pg_authid'],
    ['select relname from pg_class'],
    ['select * from public.users'],
    ['select * from public.sessions'],
    [`select u.* from "${districts}" t join public.users u on true`],
  ])('%s', async (text) => {
    expect(refusal(await run(text))).toMatchObject({ reason: 'not-authorized' });
  });

  it('does not find the platform\'s own tables by their bare names', async () => {
    expect(refusal(await run('select * from users'))).toMatchObject({ reason: 'invalid' });
  });

  it('refuses the table of a dataset that is not published, also beside a public one', async () => {
    expect(refusal(await run(`select * from "${draft}"`))).toEqual({ reason: 'not-authorized', detail: draft });
    expect(refusal(await run(`select * from "${districts}" union all select * from "${draft}"`))).toEqual({ reason: 'not-authorized', detail: draft });
  });

  it('stops a query that is allowed but too slow after five seconds', async () => {
    const result = await run('select count(*) from generate_series(1, 100000) as a, generate_series(1, 100000) as b');
    expect(result).toMatchObject({ ok: false, reason: 'timeout', message: 'Query took too long' });
  }, 20_000);
});

describe('the reader role', () => {
  it('reads a table made later once the loader grants it, and not before', async () => {
    const later = '0b6c1c2e-4c1f-4d39-9d55-1f7a8f0e0a03';
    const [row] = (await sql<{ id: string }>`select id from opendata_datasets where name = 'stadtteile'`.execute(database.db)).rows;
    await sql`insert into opendata_resources (id, dataset_id, title, format, media_type, datastore_active) values (${later}, ${row!.id}, 'Neu', 'CSV', 'text/csv', true)`.execute(database.db);
    await sql`create table ${sql.id('datastore', later)} (_id bigint)`.execute(database.db);
    // As if made by another user than the migrations' one, whose default privileges would not apply.
    await sql`revoke select on table ${sql.id('datastore', later)} from datastore_reader`.execute(database.db);
    expect(refusal(await run(`select count(*) from "${later}"`))).toMatchObject({ reason: 'not-authorized' });
    await database.db.transaction().execute((trx) => grantReader(trx, later));
    expect(await run(`select count(*) as n from "${later}"`)).toMatchObject({ ok: true, records: [{ n: 0 }] });
  });

  it('holds no rights on the platform\'s schema and cannot write its own tables', async () => {
    const { rows } = await sql<{ users: boolean; insert: boolean; select: boolean }>`select
      has_table_privilege('datastore_reader', 'public.users', 'select') as users,
      has_table_privilege('datastore_reader', ${`datastore."${districts}"`}, 'insert') as insert,
      has_table_privilege('datastore_reader', ${`datastore."${districts}"`}, 'select') as select`.execute(database.db);
    expect(rows[0]).toEqual({ users: false, insert: false, select: true });
  });
});
