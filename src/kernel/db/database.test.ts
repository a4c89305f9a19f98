import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { freshDatabase } from '#test/platform.ts';
import { openDatabase } from './database.ts';

describe('database', () => {
  it('copies a PGlite database through its dump, as the test template and fast start rely on', async () => {
    const original = await freshDatabase();
    try {
      if (!original.dump) return; // PostgreSQL copies through template databases instead.
      await sql`create table copied (note text)`.execute(original.db);
      await sql`insert into copied values ('from the original')`.execute(original.db);
      const copy = await openDatabase({ kind: 'pglite', loadDataDir: await original.dump() });
      try {
        const { rows } = await sql<{ note: string }>`select note from copied`.execute(copy.db);
        expect(rows).toEqual([{ note: 'from the original' }]);
      } finally {
        await copy.close();
      }
    } finally {
      await original.close();
    }
  });

  it('closes the connection once it has been used through Kysely', async () => {
    const database = await freshDatabase();
    await sql`select 1`.execute(database.db);
    await database.close();
    await expect(sql`select 1`.execute(database.db)).rejects.toThrow('driver has already been destroyed');
  });

  // Kysely skips destroying a driver it never used; pg-boss may have been the only user of the connection.
  it('closes the connection even when nothing went through Kysely', async () => {
    const database = await freshDatabase();
    await database.jobsExecutor.executeSql('select 1');
    await database.close();
    await expect(database.jobsExecutor.executeSql('select 1', [])).rejects.toThrow(/closed|end on the pool/i);
  });
});
