import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './database.ts';
import { copyPristineCluster, preparePristineCluster } from './pglite-cluster.ts';

async function systemIdentifier(database: Database): Promise<string> {
  const { rows } = await sql<{ id: string }>`select system_identifier::text as id from pg_control_system()`.execute(database.db);
  return rows[0]!.id;
}

async function withDatabase<T>(target: Parameters<typeof openDatabase>[0], use: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(target);
  try {
    return await use(database);
  } finally {
    await database.close();
  }
}

describe('pristine PGlite cluster', () => {
  let dir: string;
  let pristine: string;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'erk-cluster-'));
    pristine = path.join(dir, 'pristine');
    expect(await preparePristineCluster(pristine)).toBe('prepared');
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('is prepared once; a second preparation finds it', async () => {
    expect(await preparePristineCluster(pristine)).toBe('present');
    expect((await fs.readdir(dir)).filter((name) => name.includes('.building-'))).toEqual([]);
  });

  it('gives a new data directory a copy of itself instead of a fresh initdb', async () => {
    const pristineId = await withDatabase({ kind: 'pglite', dataDir: pristine, pristineCluster: false }, systemIdentifier);
    const dataDir = path.join(dir, 'first-start', 'db');
    const copiedId = await withDatabase({ kind: 'pglite', dataDir, pristineCluster: pristine }, async (database) => {
      await sql`create table notes (text text)`.execute(database.db);
      return systemIdentifier(database);
    });
    expect(copiedId).toBe(pristineId);
    expect(await fs.readdir(path.dirname(dataDir))).toEqual(['db']);
    // The copy is the data directory's own: the pristine cluster stays empty.
    const pristineTables = await withDatabase({ kind: 'pglite', dataDir: pristine, pristineCluster: false }, async (database) => {
      const { rows } = await sql`select 1 from pg_tables where tablename = 'notes'`.execute(database.db);
      return rows.length;
    });
    expect(pristineTables).toBe(0);
  });

  it('never overwrites a data directory that holds a cluster or anything else', async () => {
    const dataDir = path.join(dir, 'kept');
    await withDatabase({ kind: 'pglite', dataDir, pristineCluster: pristine }, (database) => sql`create table kept (id int)`.execute(database.db));
    expect(await copyPristineCluster(dataDir, pristine)).toBe(false);
    const stillThere = await withDatabase({ kind: 'pglite', dataDir, pristineCluster: pristine }, async (database) => {
      const { rows } = await sql`select 1 from pg_tables where tablename = 'kept'`.execute(database.db);
      return rows.length;
    });
    expect(stillThere).toBe(1);

    const foreign = path.join(dir, 'foreign');
    await fs.mkdir(foreign);
    await fs.writeFile(path.join(foreign, 'notes.txt'), 'not a database');
    expect(await copyPristineCluster(foreign, pristine)).toBe(false);
    expect(await fs.readdir(foreign)).toEqual(['notes.txt']);
  });

  it('falls back to initdb when no cluster was prepared', async () => {
    const dataDir = path.join(dir, 'without');
    expect(await copyPristineCluster(dataDir, path.join(dir, 'missing'))).toBe(false);
    const id = await withDatabase({ kind: 'pglite', dataDir, pristineCluster: path.join(dir, 'missing') }, systemIdentifier);
    const pristineId = await withDatabase({ kind: 'pglite', dataDir: pristine, pristineCluster: false }, systemIdentifier);
    expect(id).not.toBe(pristineId);
  });
});
