import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationFolders } from '#kernel/platform.ts';
import { modules } from '#modules/index.ts';
import { emptyDatabase } from '#test/empty-database.ts';
import { freshDatabase } from '#test/platform.ts';
import { migrateToLatest } from './migrate.ts';

const folders = migrationFolders(modules);

async function migrationNames(): Promise<string[]> {
  const files = (await Promise.all(folders.map((folder) => fs.readdir(folder)))).flat();
  return files.filter((file) => /^\d{12}_[a-z0-9_]+\.ts$/.test(file)).map((file) => file.replace(/\.ts$/, '')).sort();
}

async function tableExists(db: Parameters<typeof migrateToLatest>[0], name: string): Promise<boolean> {
  const { rows } = await sql<{ found: string | null }>`select to_regclass(${name})::text as found`.execute(db);
  return rows[0]?.found !== null;
}

let scratch: string;
beforeAll(async () => {
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'erk-migrations-'));
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

/** Writes a migration file into a folder of its own and returns the folder. */
async function migrationFolder(name: string, file: string, body: string): Promise<string> {
  const folder = path.join(scratch, name);
  await fs.mkdir(folder, { recursive: true });
  await fs.writeFile(path.join(folder, file), body);
  return folder;
}

describe('migrations', () => {
  it('applies every migration of the kernel and the modules once, in name order; a second run applies nothing', async () => {
    const database = await emptyDatabase();
    try {
      const expected = await migrationNames();
      expect(expected.length).toBeGreaterThan(0);
      expect(await migrateToLatest(database.db, folders)).toEqual(expected);
      expect(await migrateToLatest(database.db, folders)).toEqual([]);
      const recorded = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(database.db);
      expect(recorded.rows.map((row) => row.name)).toEqual(expected);
      for (const table of ['sessions', 'audit_log', 'seed_runs']) expect(await tableExists(database.db, table)).toBe(true);
    } finally {
      await database.close();
    }
  });

  it('finds the test template current', async () => {
    const database = await freshDatabase();
    try {
      expect(await migrateToLatest(database.db, folders)).toEqual([]);
    } finally {
      await database.close();
    }
  });

  it('runs a module migration dated before ones already applied (modules arrive over time)', async () => {
    const database = await freshDatabase();
    try {
      const late = await migrationFolder(
        'late',
        '202001010000_late_module.ts',
        `import { sql } from 'kysely';
export async function up(db) { await sql\`create table late_module (id int)\`.execute(db); }
export async function down(db) { await sql\`drop table late_module\`.execute(db); }
`,
      );
      expect(await migrateToLatest(database.db, [...folders, late])).toEqual(['202001010000_late_module']);
      expect(await tableExists(database.db, 'late_module')).toBe(true);
    } finally {
      await database.close();
    }
  });

  it('names a failing migration and leaves nothing of it behind', async () => {
    const database = await freshDatabase();
    try {
      const broken = await migrationFolder(
        'broken',
        '209901010000_broken.ts',
        `import { sql } from 'kysely';
export async function up(db) {
  await sql\`create table half_done (id int)\`.execute(db);
  await sql\`select * from no_such_table\`.execute(db);
}
`,
      );
      await expect(migrateToLatest(database.db, [...folders, broken])).rejects.toThrow(/^Migration 209901010000_broken failed: .*no_such_table/);
      expect(await tableExists(database.db, 'half_done')).toBe(false);
      const recorded = await sql<{ name: string }>`select name from kysely_migration where name = '209901010000_broken'`.execute(database.db);
      expect(recorded.rows).toEqual([]);
    } finally {
      await database.close();
    }
  });

  it('refuses two migrations of the same name in different folders', async () => {
    const database = await freshDatabase();
    try {
      const body = 'export async function up() {}\n';
      const first = await migrationFolder('twin-a', '209901010100_twin.ts', body);
      const second = await migrationFolder('twin-b', '209901010100_twin.ts', body);
      await expect(migrateToLatest(database.db, [...folders, first, second])).rejects.toThrow('Migration 209901010100_twin exists in more than one folder');
    } finally {
      await database.close();
    }
  });
});
