import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { freshDatabase } from '#test/database.ts';
import { createTestPlatform } from '#test/platform.ts';

/*
 * Only in the PostgreSQL layer (`npm run test:postgres`): this layer really runs on a server of the version
 * the platform supports, with the extensions its migrations installed, and the platform uses it.
 */

it('runs on a PostgreSQL 15+ server, with the migrated extensions', async () => {
  const database = await freshDatabase();
  try {
    expect(database.kind).toBe('postgres');
    expect(database.dump).toBeUndefined();
    const { rows } = await sql<{ version: number; extensions: string[] }>`
      select current_setting('server_version_num')::int as version, array(select extname::text from pg_extension order by extname) as extensions`.execute(database.db);
    expect(rows[0]!.version).toBeGreaterThanOrEqual(150000);
    expect(rows[0]!.extensions).toContain('pg_trgm');
  } finally {
    await database.close();
  }
});

it('starts the whole platform on the server', async () => {
  const platform = await createTestPlatform();
  try {
    expect(platform.ctx.database.kind).toBe('postgres');
    expect((await platform.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  } finally {
    await platform.close();
  }
});
