import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { openDatabase, type DatabaseTarget } from '#kernel/db/database.ts';
import { administer } from '#test/empty-database.ts';
import { withDatabase } from '#test/database.ts';

/**
 * A copy of the migrated test database that another process can open too: a database on the test server
 * when TEST_DATABASE_URL is set, otherwise a PGlite data directory on disk (which one process at a time
 * may open). `freshDatabase()` gives an in-memory PGlite, which no second process can reach.
 */
export async function databaseForTwoProcesses(): Promise<{ target: DatabaseTarget; drop(): Promise<void> }> {
  const template = inject('databaseTemplate');
  if (template.kind === 'pglite') {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'erk-shared-db-'));
    const target: DatabaseTarget = { kind: 'pglite', dataDir: path.join(dir, 'db') };
    const seeded = await openDatabase({ ...target, loadDataDir: new Blob([await fs.readFile(template.file)]) });
    await seeded.close();
    return { target, drop: () => fs.rm(dir, { recursive: true, force: true }) };
  }
  const name = `erk_shared_${crypto.randomBytes(6).toString('hex')}`;
  await administer(template.url, `create database ${name} template ${template.template}`);
  return { target: { kind: 'postgres', url: withDatabase(template.url, name) }, drop: () => administer(template.url, `drop database if exists ${name} with (force)`) };
}
