import crypto from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { withDatabase } from '#test/database.ts';
import { up as contentChanged } from '../migrations/202612150900_content_changed.ts';
import { openDatabase, type Database } from './database.ts';

/*
 * Two instances of the platform on one PostgreSQL server: a change committed through one is heard by the
 * other, also after the other lost its listening connection (which it reports, so caches drop everything).
 */

const template = inject('databaseTemplate');
const name = `erk_test_notify_${crypto.randomBytes(4).toString('hex')}`;
let admin: pg.Client;
let first: Database;
let second: Database;

beforeAll(async () => {
  if (template.kind !== 'postgres') throw new Error('This test needs the PostgreSQL layer');
  admin = new pg.Client({ connectionString: template.url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  first = await openDatabase({ kind: 'postgres', url: withDatabase(template.url, name) });
  second = await openDatabase({ kind: 'postgres', url: withDatabase(template.url, name) });
  await contentChanged(first.db);
  await sql`create table pages (id int)`.execute(first.db);
  await sql`create trigger pages_changed after insert on pages for each statement execute function kernel_content_changed('pages')`.execute(first.db);
});
afterAll(async () => {
  await first.close();
  await second.close();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
});

async function eventually(check: () => boolean): Promise<void> {
  for (let waited = 0; waited < 10_000 && !check(); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(check()).toBe(true);
}

describe('change notifications on PostgreSQL', () => {
  it('reach the instance that committed before its commit returns, and the other instance soon after', async () => {
    const heardFirst: string[] = [];
    const heardSecond: string[] = [];
    first.changes.subscribe({ message: (payload) => heardFirst.push(payload), gap: () => undefined });
    second.changes.subscribe({ message: (payload) => heardSecond.push(payload), gap: () => undefined });
    await first.db.transaction().execute(async (trx) => {
      await sql`insert into pages values (1)`.execute(trx);
      await sql`insert into pages values (2)`.execute(trx);
      expect(heardFirst).toEqual([]);
    });
    expect(heardFirst.length).toBeGreaterThan(0);
    expect(heardFirst[0]).toMatch(/^pages \d+$/);
    await eventually(() => heardSecond.includes(heardFirst[0]!));
  });

  it('reports a gap when the listening connection is lost, and listens again', async () => {
    let gaps = 0;
    const heard: string[] = [];
    second.changes.subscribe({ message: (payload) => heard.push(payload), gap: () => (gaps += 1) });
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [name]);
    await eventually(() => gaps > 0);
    // The lost connection is replaced within seconds; whatever the first instance commits then is heard.
    let committed = '';
    await eventually(() => {
      if (committed && heard.includes(committed)) return true;
      void sql<{ txid: string }>`insert into pages values (3) returning txid_current()::text as txid`
        .execute(first.db)
        .then((result) => (committed = `pages ${result.rows[0]!.txid}`))
        .catch(() => undefined);
      return false;
    });
  });
});
