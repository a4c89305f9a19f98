import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '#kernel/db/database.ts';

/*
 * Test databases without the modules' code: the kernel's own tests use these, and only tests in this folder
 * start the whole platform (`platform.ts`).
 */

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A fresh copy of the migrated test database: PGlite by default, PostgreSQL when TEST_DATABASE_URL is set. */
export async function freshDatabase(): Promise<Database> {
  const template = inject('databaseTemplate');
  if (template.kind === 'pglite') {
    const data = await fs.readFile(template.file);
    return openDatabase({ kind: 'pglite', loadDataDir: new Blob([data]) });
  }
  const name = `erk_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: template.url });
  await admin.connect();
  await admin.query(`create database ${name} template ${template.template}`);
  await admin.end();
  const database = await openDatabase({ kind: 'postgres', url: withDatabase(template.url, name) });
  return {
    ...database,
    async close() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: template.url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
