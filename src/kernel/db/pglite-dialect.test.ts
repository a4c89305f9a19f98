import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '#test/database.ts';
import type { Database } from './database.ts';
import { ConnectionLock } from './pglite-dialect.ts';

/*
 * PGlite is one connection. These tests run two callers at once, as two HTTP requests would, and check that
 * one caller's transaction never swallows the other's work. On PostgreSQL the pool gives the same result.
 */

type LockTables = { lock_probe: { note: string } };

let database: Database;
const probe = () => database.db.withTables<LockTables>();

beforeAll(async () => {
  database = await freshDatabase();
  await sql`create table lock_probe (note text not null)`.execute(database.db);
});
afterAll(async () => {
  await database.close();
});

async function notes(): Promise<string[]> {
  const rows = await probe().selectFrom('lock_probe').select('note').orderBy('note').execute();
  return rows.map((row) => row.note);
}

function signal() {
  let fire!: () => void;
  const fired = new Promise<void>((resolve) => (fire = resolve));
  return { fire, fired };
}

describe('one connection shared by concurrent callers', () => {
  it('keeps an insert made outside a transaction when that transaction rolls back later', async () => {
    await sql`truncate lock_probe`.execute(database.db);
    const opened = signal();
    const slowRequest = probe()
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('lock_probe').values({ note: 'inside, rolled back' }).execute();
        opened.fire();
        await sleep(150);
        throw new Error('the slow request failed');
      });
    await opened.fired;
    const quickRequest = probe().insertInto('lock_probe').values({ note: 'outside' }).execute();
    await expect(slowRequest).rejects.toThrow('the slow request failed');
    await quickRequest;
    expect(await notes()).toEqual(['outside']);
  });

  it('does not let a concurrent caller see uncommitted rows', async () => {
    await sql`truncate lock_probe`.execute(database.db);
    const opened = signal();
    const release = signal();
    const writer = probe()
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('lock_probe').values({ note: 'pending' }).execute();
        opened.fire();
        await release.fired;
      });
    await opened.fired;
    const reader = notes();
    await sleep(50);
    release.fire();
    await writer;
    // The reader waited for the commit (PGlite) or read the state before it (PostgreSQL); never half of it.
    expect([[], ['pending']]).toContainEqual(await reader);
    expect(await notes()).toEqual(['pending']);
  });

  it('keeps a job queued by another caller while a transaction is open and then rolls back', async () => {
    await sql`truncate lock_probe`.execute(database.db);
    const opened = signal();
    const failing = probe()
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('lock_probe').values({ note: 'rolled back' }).execute();
        opened.fire();
        await sleep(100);
        throw new Error('rolled back');
      });
    await opened.fired;
    // pg-boss's own connection (the jobs executor) shares the lock as well.
    const outside = database.jobsExecutor.executeSql('insert into lock_probe (note) values ($1)', ['via jobs executor']);
    await expect(failing).rejects.toThrow('rolled back');
    await outside;
    expect(await notes()).toEqual(['via jobs executor']);
  });

  it('frees the connection after a failed statement and after a failed transaction', async () => {
    await expect(sql`select 1 / 0`.execute(database.db)).rejects.toThrow(/division by zero/);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await sql`select * from no_such_table`.execute(trx);
      }),
    ).rejects.toThrow(/no_such_table/);
    const { rows } = await sql<{ ok: number }>`select 1 as ok`.execute(database.db);
    expect(rows).toEqual([{ ok: 1 }]);
  });
});

describe('ConnectionLock', () => {
  it('runs tasks one at a time in the order they asked, and continues after a failure', async () => {
    const lock = new ConnectionLock();
    const log: string[] = [];
    const task = (name: string, ms: number, fail = false) =>
      lock.run(async () => {
        log.push(`${name} start`);
        await sleep(ms);
        log.push(`${name} end`);
        if (fail) throw new Error(name);
      });
    const results = await Promise.allSettled([task('a', 30), task('b', 5, true), task('c', 1)]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('fails a wait that would never end, with the likely cause, and keeps the queue moving', async () => {
    const lock = new ConnectionLock(50);
    const release = await lock.acquire();
    await expect(lock.acquire()).rejects.toThrow(/is ctx\.db used inside a transaction instead of trx\?/);
    release();
    const again = await lock.acquire();
    again();
  });
});
