import fs from 'node:fs/promises';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { kernelManifest } from '#kernel/manifest.ts';
import { migrationSets } from '#kernel/platform.ts';
import { modules } from '#modules/index.ts';
import { emptyDatabase } from '#test/empty-database.ts';
import { freshDatabase } from '#test/platform.ts';
import { migrateToLatest, type Migrations } from '#kernel/db/migrate.ts';

const sets = migrationSets(modules);
const expected = sets.flatMap((set) => Object.keys(set)).sort();

async function tableExists(db: Parameters<typeof migrateToLatest>[0], name: string): Promise<boolean> {
  const { rows } = await sql<{ found: string | null }>`select to_regclass(${name})::text as found`.execute(db);
  return rows[0]?.found !== null;
}

/** The folder a module's migration files live in, by the project's layout. */
function migrationsFolder(moduleId: string): string {
  const src = path.resolve(import.meta.dirname, '../../src');
  return moduleId === 'kernel' ? path.join(src, 'kernel/migrations') : path.join(src, 'modules', moduleId, 'migrations');
}

describe('migrations', () => {
  it('applies every migration of the kernel and the modules once, in name order; a second run applies nothing', async () => {
    const database = await emptyDatabase();
    try {
      expect(expected.length).toBeGreaterThan(0);
      expect(await migrateToLatest(database.db, sets)).toEqual(expected);
      expect(await migrateToLatest(database.db, sets)).toEqual([]);
      const recorded = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(database.db);
      expect(recorded.rows.map((row) => row.name)).toEqual(expected);
      for (const table of ['sessions', 'audit_log', 'seed_runs']) expect(await tableExists(database.db, table)).toBe(true);
    } finally {
      await database.close();
    }
    // Every migration on a new database: seconds alone, much longer beside other test files.
  }, 120_000);

  it('finds the test template current', async () => {
    const database = await freshDatabase();
    try {
      expect(await migrateToLatest(database.db, sets)).toEqual([]);
    } finally {
      await database.close();
    }
  });

  it('runs a module migration dated before ones already applied (modules arrive over time)', async () => {
    const database = await freshDatabase();
    try {
      const late: Migrations = {
        '202001010000_late_module': {
          up: async (db: Kysely<unknown>) => void (await sql`create table late_module (id int)`.execute(db)),
        },
      };
      expect(await migrateToLatest(database.db, [...sets, late])).toEqual(['202001010000_late_module']);
      expect(await tableExists(database.db, 'late_module')).toBe(true);
    } finally {
      await database.close();
    }
  });

  it('names a failing migration and leaves nothing of it behind', async () => {
    const database = await freshDatabase();
    try {
      const broken: Migrations = {
        '209901010000_broken': {
          up: async (db: Kysely<unknown>) => {
            await sql`create table half_done (id int)`.execute(db);
            await sql`select * from no_such_table`.execute(db);
          },
        },
      };
      await expect(migrateToLatest(database.db, [...sets, broken])).rejects.toThrow(/^Migration 209901010000_broken failed: .*no_such_table/);
      expect(await tableExists(database.db, 'half_done')).toBe(false);
      const recorded = await sql<{ name: string }>`select name from kysely_migration where name = '209901010000_broken'`.execute(database.db);
      expect(recorded.rows).toEqual([]);
    } finally {
      await database.close();
    }
  });

  it('refuses two migrations of the same name in different modules, and a name out of pattern', async () => {
    const database = await freshDatabase();
    try {
      const twin: Migrations = { '209901010100_twin': { up: async () => {} } };
      await expect(migrateToLatest(database.db, [...sets, twin, twin])).rejects.toThrow('Migration 209901010100_twin exists in more than one module');
      await expect(migrateToLatest(database.db, [...sets, { 'add-table': { up: async () => {} } }])).rejects.toThrow('Migration name add-table does not read YYYYMMDDHHmm_description');
      const recorded = await sql<{ name: string }>`select name from kysely_migration where name like '2099%'`.execute(database.db);
      expect(recorded.rows).toEqual([]);
    } finally {
      await database.close();
    }
  });

  it('lists every migration file of each module, so none is forgotten', async () => {
    for (const module of [kernelManifest, ...modules]) {
      const files = await fs.readdir(migrationsFolder(module.id)).catch(() => []);
      const onDisk = files.filter((file) => file !== 'index.ts').map((file) => file.replace(/\.ts$/, '')).sort();
      expect(Object.keys(module.migrations ?? {}).sort(), `migrations/index.ts of ${module.id}`).toEqual(onDisk);
    }
    expect(expected).toContain('202611260100_sessions_and_audit');
  });
});
