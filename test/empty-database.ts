import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '#kernel/db/database.ts';
import { withDatabase } from './database.ts';

/**
 * A database with nothing in it, not even the kernel's tables: an in-memory PGlite, or a new database on
 * the test server when TEST_DATABASE_URL is set. For tests of migrating itself; everything else wants
 * `freshDatabase()`, which is migrated already and much quicker.
 */
export async function emptyDatabase(): Promise<Database> {
  const template = inject('databaseTemplate');
  if (template.kind === 'pglite') return openDatabase({ kind: 'pglite' });
  const name = `erk_empty_${crypto.randomBytes(6).toString('hex')}`;
  await administer(template.url, `create database ${name}`);
  const database = await openDatabase({ kind: 'postgres', url: withDatabase(template.url, name) });
  return {
    ...database,
    async close() {
      await database.close();
      await administer(template.url, `drop database if exists ${name} with (force)`);
    },
  };
}

/** Runs one statement as the test server's administrator (create or drop a database). */
export async function administer(url: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}
