import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '#test/database.ts';
import type { Database } from './database.ts';

/*
 * PGlite has one connection: a load must give it back between blobs, or every page waits for the whole load.
 * (On a server the load has a connection of its own, so there is nothing to show there.)
 */
let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
  await sql`create table copy_turns (id integer, note text)`.execute(database.db);
});
afterAll(async () => {
  await database.close();
});

const table = { schema: 'public', name: 'copy_turns' };

describe('copyInto on PGlite', () => {
  it('lets other queries in while a large load is under way', async () => {
    const order: string[] = [];
    let started!: () => void;
    const firstChunkSent = new Promise<void>((resolve) => (started = resolve));
    async function* slowLines(): AsyncGenerator<string> {
      for (let index = 0; index < 20_000; index += 1) {
        if (index === 5_000) started();
        yield `${index}\tx`;
      }
    }
    const load = database.copyInto(table, ['id', 'note'], slowLines(), { chunkChars: 20_000 }).then(() => order.push('load'));
    await firstChunkSent;
    const query = sql`select 1`.execute(database.db).then(() => order.push('query'));
    await Promise.all([load, query]);
    expect(order).toEqual(['query', 'load']);
  });
});
