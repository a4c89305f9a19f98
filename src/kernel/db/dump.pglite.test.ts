import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { openDatabase } from './database.ts';

// PGlite only (PostgreSQL copies through template databases), so this file stays out of the PostgreSQL layer.
it('copies a PGlite database through its dump, as the test template and fast start rely on', async () => {
  const original = await openDatabase({ kind: 'pglite' });
  try {
    expect(original.dump).toBeTypeOf('function');
    await sql`create table copied (note text)`.execute(original.db);
    await sql`insert into copied values ('from the original')`.execute(original.db);
    const copy = await openDatabase({ kind: 'pglite', loadDataDir: await original.dump!() });
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
