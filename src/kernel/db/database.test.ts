import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { freshDatabase } from '#test/database.ts';

describe('database', () => {
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
