import type { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { DatastoreNotFoundError, DatastoreQueryError, exportRows, loadTable, type DatastoreRow } from './index.ts';
import { facilityRows, facilitySchema, newResourceId, rowsOf } from './test/fixtures.ts';

let platform: TestPlatform;
const facilities = newResourceId();
const counts = newResourceId();
const countRows = 12_345;

beforeAll(async () => {
  platform = await createTestPlatform();
  await loadTable(platform.ctx, { resourceId: facilities, schema: facilitySchema, rows: rowsOf(facilityRows) });
  async function* many(): AsyncGenerator<DatastoreRow> {
    for (let index = 1; index <= countRows; index++) yield [index, index % 10];
  }
  const schema = { fields: [{ name: 'nummer', type: 'integer' as const }, { name: 'rest', type: 'integer' as const }] };
  await loadTable(platform.ctx, { resourceId: counts, schema, rows: many() });
});
afterAll(async () => {
  await platform.close();
});

const read = async (stream: Readable) => text(stream);

describe('exporting rows', () => {
  it('writes CSV with a header, quoting what needs it and keeping numbers as stored', async () => {
    const csv = await read(await exportRows(platform.ctx, facilities, { fields: ['nummer', 'name', 'flaeche', 'lage'], filters: { nummer: [1, 2] } }, 'csv'));
    expect(csv).toBe(
      'nummer,name,flaeche,lage\r\n' +
        '1,Stadtbücherei,412.50,"{""type"":""Point"",""coordinates"":[6.315,51.08]}"\r\n' +
        '2,Grundschule Lövenich,1830.25,"{""type"":""Point"",""coordinates"":[6.25,51.11]}"\r\n',
    );
  });

  it('writes JSON as CKAN’s dump does: fields, then records as lists', async () => {
    const json = JSON.parse(await read(await exportRows(platform.ctx, facilities, { fields: 'nummer, eroeffnet', sort: 'eroeffnet desc nulls last', limit: 3 }, 'json'))) as unknown;
    expect(json).toEqual({
      fields: [
        { id: 'nummer', type: 'int8', info: { label: 'Nummer', notes: 'Laufende Nummer der Einrichtung' } },
        { id: 'eroeffnet', type: 'date' },
      ],
      records: [
        [5, '2015-03-02'],
        [3, '2010-01-10'],
        [4, '2002-06-30'],
      ],
    });
  });

  it('writes GeoJSON with the geometry as each feature’s and the other fields as its properties', async () => {
    const geojson = JSON.parse(await read(await exportRows(platform.ctx, facilities, { fields: ['nummer', 'name'], filters: { stadtteil: 'Gerderath' } }, 'geojson'))) as unknown;
    expect(geojson).toEqual({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: null, properties: { nummer: 4, name: 'Feuerwache Süd' } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [6.2, 51.06] }, properties: { nummer: 7, name: 'Sporthalle Gerderath' } },
      ],
    });
  });

  it('refuses GeoJSON for a table without geometry, and a bad query before sending anything', async () => {
    await expect(exportRows(platform.ctx, counts, {}, 'geojson')).rejects.toThrow(DatastoreQueryError);
    const error = await exportRows(platform.ctx, facilities, { sort: 'nichts' }, 'csv').catch((caught: unknown) => caught);
    expect((error as DatastoreQueryError).errors).toEqual({ sort: ['field "nichts" not in table'] });
    await expect(exportRows(platform.ctx, newResourceId(), {}, 'csv')).rejects.toThrow(DatastoreNotFoundError);
  });

  it('streams every row of a table larger than one batch, in order, with no limit of 32,000', async () => {
    const csv = await read(await exportRows(platform.ctx, counts, { fields: ['nummer'] }, 'csv'));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(countRows + 1);
    expect(lines.slice(1).map(Number)).toEqual(Array.from({ length: countRows }, (_, index) => index + 1));
  });

  it('pages a filtered, sorted export correctly across batches, from an offset up to a limit', async () => {
    const json = JSON.parse(await read(await exportRows(platform.ctx, counts, { filters: { rest: [3, 7] }, sort: 'nummer desc', fields: ['nummer'], offset: 2, limit: 6_000 }, 'json'))) as { records: number[][] };
    const expected = Array.from({ length: countRows }, (_, index) => countRows - index).filter((nummer) => nummer % 10 === 3 || nummer % 10 === 7).slice(2, 6_002);
    expect(json.records.map(([nummer]) => nummer)).toEqual(expected);
  });

  it('pages an export in the file’s order by _id across batches, from an offset up to a limit', async () => {
    const json = JSON.parse(await read(await exportRows(platform.ctx, counts, { fields: ['nummer'], offset: 10, limit: 11_000 }, 'json'))) as { records: number[][] };
    expect(json.records.map(([nummer]) => nummer)).toEqual(Array.from({ length: 11_000 }, (_, index) => index + 11));
  });
});
