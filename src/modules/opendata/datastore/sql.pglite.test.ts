import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { openDatabase } from '#kernel/db/database.ts';
import { runSql } from './sql.ts';

/*
 * On PGlite, which enforces no statement timeout and blocks the process while a query runs, the endpoint
 * is off, as CKAN's is unless enabled, whatever server the rest of the suite uses.
 */

it('is disabled on PGlite and reads nothing', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'datastore-sql-'));
  const database = await openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'db') });
  try {
    expect(await runSql({ database }, 'select 1')).toEqual({ ok: false, reason: 'disabled', message: 'datastore_search_sql is not enabled' });
  } finally {
    await database.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
});
