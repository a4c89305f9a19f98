import { describe, expect, it } from 'vitest';
import { checkText } from './sql.ts';

/*
 * The reading of a query's text before any database sees it, which must see through strings, quotes,
 * dollar quotes and comments exactly as PostgreSQL does. The attacks themselves run against a server in
 * `sql.postgres.test.ts`; PGlite's answer is in `sql.pglite.test.ts`.
 */

const reason = (text: string) => {
  const result = checkText(text);
  return result.ok ? 'ok' : `${result.reason}${result.detail ? ` ${result.detail}` : ''}`;
};

describe('reading the text', () => {
  it.each([
    ['select 1', 'ok'],
    ['select 1;', 'ok'],
    ['select 1 ; ; -- done', 'ok'],
    ["select 'a;b', \"c;d\", $$;$$, $tag$ $$; $tag$, E'\\'; select 2'", 'ok'],
    ['select 1 /* outer /* inner ; */ still ; */', 'ok'],
    ['select 1; select 2', 'not-single-statement'],
    ["select 'it''s'; select 2", 'not-single-statement'],
    ["select E'\\\\'; select 2", 'not-single-statement'],
    ['select $a$ $b$ $a$; select 2', 'not-single-statement'],
    ['', 'invalid'],
    ['-- only a comment', 'invalid'],
    ["select 'open", 'invalid'],
    ['select "open', 'invalid'],
    ['select $x$ open', 'invalid'],
    ['select 1 /* open', 'invalid'],
    ['select (1', 'invalid'],
    ['select 1)', 'invalid'],
    ['select $1', 'invalid $1'],
  ])('%s → %s', (text, expected) => {
    expect(reason(text)).toBe(expected);
  });

  it.each([
    ['(select 1) union (select 2)', 'ok'],
    ['values (1), (2)', 'ok'],
    ['table "x"', 'ok'],
    ['with recursive r(n) as (select 1 union all select n + 1 from r where n < 3) select * from r', 'ok'],
    ['with a as not materialized (select 1), b(x) as materialized (select 2) select * from a, b', 'ok'],
    ['explain select 1', 'not-select'],
    ['copy x to stdout', 'not-select'],
    ['set role postgres', 'not-select'],
    ['do $$ begin end $$', 'not-select'],
    ['with a as (select 1) update x set y = 1', 'not-select'],
    ['with a as (delete from x returning *) select * from a', 'not-select'],
    ['with a as materialized (merge into x using y on true when matched then delete) select 1', 'not-select'],
  ])('%s → %s', (text, expected) => {
    expect(reason(text)).toBe(expected);
  });

  it.each([
    ['select count(*), sum(n), string_agg(name, \', \' order by name) from t', 'ok'],
    ['select percentile_cont(0.5) within group (order by n), count(*) filter (where n > 1) from t', 'ok'],
    ['select row_number() over (partition by a order by b), rank() over w from t window w as (order by n)', 'ok'],
    ['select extract(year from d), substring(s from 1 for 2), position(\'a\' in s), trim(both from s), coalesce(a, b) from t', 'ok'],
    ['select cast(n as numeric(10, 2)), n::varchar(5), n::character varying(5), interval \'1 day\' from t', 'ok'],
    ['select x from t as q(a, b) join u using (a) where a in (1, 2) and exists (select 1) and b = any (array[1])', 'ok'],
    ['select * from t tablesample system (10) repeatable (1)', 'ok'],
    ['select pg_catalog.upper(s), "lower"(s) from t', 'ok'],
    ['select pg_sleep(1)', 'not-authorized pg_sleep'],
    ['select PG_SLEEP /* hidden */ (1)', 'not-authorized pg_sleep'],
    ['select "pg_sleep"(1)', 'not-authorized pg_sleep'],
    ['select "UPPER"(s) from t', 'not-authorized UPPER'],
    ['select public.upper(s) from t', 'not-authorized public.upper'],
    ['select "public"."upper"(s) from t', 'not-authorized public.upper'],
    ['select * from t, lateral (select set_config(\'a\', \'b\', true)) s', 'not-authorized set_config'],
    ['select ts_rewrite(q, \'select 1\') from t', 'not-authorized ts_rewrite'],
    ['select xmlparse(document s) from t', 'not-authorized xmlparse'],
    ['select * from t q(a)', 'not-authorized q'],
    ['select 1 as x, pg_sleep(1) as (y)', 'not-authorized pg_sleep'],
    ['select * from (with a(x) as (select 1), b(y) as (select 2) select * from a, b) as s', 'ok'],
    ['select 1 as x, pg_sleep(1) as (select 2)', 'not-authorized pg_sleep'],
    ['select 1.pg_sleep(1)', 'not-authorized pg_sleep'],
    ['select 1 operator(pg_catalog.+) 2', 'not-authorized operator'],
  ])('%s → %s', (text, expected) => {
    expect(reason(text)).toBe(expected);
  });
});
