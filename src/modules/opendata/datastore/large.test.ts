import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { loadTable, search, tableInfo, type DatastoreRow } from './index.ts';
import { newResourceId } from './test/fixtures.ts';

/*
 * A table of 100,000 generated rows, loaded from an async iterable (never an array in memory) and queried
 * with exact totals that can be worked out from how the rows were made.
 */
let platform: TestPlatform;
const resourceId = newResourceId();
const rowCount = 100_000;
const districts = ['Erkelenz', 'Lövenich', 'Keyenberg', 'Gerderath', 'Granterath', 'Holzweiler', 'Kückhoven', 'Schwanenberg'];

async function* generated(): AsyncGenerator<DatastoreRow> {
  for (let index = 1; index <= rowCount; index++) {
    const month = String(1 + (index % 12)).padStart(2, '0');
    yield [index, districts[index % districts.length]!, (index % 1000) / 4, `2024-${month}-15`, index % 3 === 0];
  }
}

let progress: number[] = [];
beforeAll(async () => {
  platform = await createTestPlatform();
  const schema = {
    fields: [
      { name: 'nummer', type: 'integer' as const },
      { name: 'stadtteil', type: 'string' as const },
      { name: 'betrag', type: 'number' as const },
      { name: 'datum', type: 'date' as const },
      { name: 'geprueft', type: 'boolean' as const },
    ],
    primaryKey: ['nummer'],
  };
  progress = [];
  await loadTable(platform.ctx, { resourceId, schema, rows: generated(), onProgress: (rows) => progress.push(rows) });
}, 120_000);
afterAll(async () => {
  await platform.close();
});

describe('a table of 100,000 rows', () => {
  it('holds every row, and told the uploader how far it had come', async () => {
    expect((await tableInfo(platform.ctx, resourceId))?.rowCount).toBe(rowCount);
    expect(progress.at(-1)).toBe(rowCount);
  });

  it('counts filtered, ranged and full-text matches exactly', async () => {
    const byDistrict = await search(platform.ctx, resourceId, { filters: { stadtteil: 'Kückhoven' }, limit: 5 });
    expect(byDistrict.total).toBe(rowCount / districts.length);
    expect((byDistrict.records as { nummer: number }[]).map((record) => record.nummer)).toEqual([6, 14, 22, 30, 38]);
    const ranged = await search(platform.ctx, resourceId, { filters: { betrag: { gte: 200 }, geprueft: true }, limit: 0 });
    const expected = Array.from({ length: rowCount }, (_, index) => index + 1).filter((index) => (index % 1000) / 4 >= 200 && index % 3 === 0).length;
    expect(ranged.total).toBe(expected);
    expect(ranged.records).toEqual([]);
    const text = await search(platform.ctx, resourceId, { q: 'lövenich', filters: { datum: '2024-02-15' }, limit: 1 });
    // Lövenich is every 8th row from 1, the 15 February every 12th from 1: together every 24th from 1.
    expect(text.total).toBe(Math.ceil(rowCount / 24));
  });

  it('pages deep into the table by a sort on the key', async () => {
    const page = await search(platform.ctx, resourceId, { sort: 'nummer desc', offset: 99_990, limit: 20, fields: 'nummer' });
    expect(page.records).toEqual(Array.from({ length: 10 }, (_, index) => ({ nummer: 10 - index })));
    expect(page.total).toBe(rowCount);
  });
});
