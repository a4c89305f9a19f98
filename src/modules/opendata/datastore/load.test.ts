import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { DatastoreNotFoundError, DatastoreSchemaError, dropTable, loadTable, search, tableInfo, type DatastoreRow } from './index.ts';
import { facilityRows, facilitySchema, newResourceId, rowsOf } from './test/fixtures.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const ctx = () => platform.ctx;
const namesOf = async (resourceId: string) => ((await search(ctx(), resourceId, { fields: ['name'] })).records as { name: string }[]).map((record) => record.name);

async function tablesNamed(resourceId: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = 'datastore' and tablename like ${`${resourceId}%`} order by 1`.execute(ctx().db);
  return rows.map((row) => row.name);
}

describe('loading a table', () => {
  it('makes a typed table with the data dictionary, and counts its rows', async () => {
    const resourceId = newResourceId();
    const progress: number[] = [];
    const { rowCount } = await loadTable(ctx(), { resourceId, schema: facilitySchema, rows: rowsOf(facilityRows), onProgress: (rows) => progress.push(rows) });
    expect(rowCount).toBe(facilityRows.length);
    expect(progress.at(-1)).toBe(facilityRows.length);
    const info = await tableInfo(ctx(), resourceId);
    expect(info?.rowCount).toBe(facilityRows.length);
    expect(info?.fields).toEqual([
      { id: '_id', type: 'int' },
      { id: 'nummer', type: 'int8', info: { label: 'Nummer', notes: 'Laufende Nummer der Einrichtung' } },
      { id: 'name', type: 'text', info: { label: 'Name' } },
      { id: 'stadtteil', type: 'text', info: { label: 'Stadtteil' } },
      { id: 'flaeche', type: 'numeric', info: { label: 'Fläche', unit: 'm²' } },
      { id: 'barrierefrei', type: 'bool' },
      { id: 'eroeffnet', type: 'date' },
      { id: 'geaendert', type: 'timestamptz' },
      { id: 'oeffnet', type: 'time' },
      { id: 'baujahr', type: 'int4' },
      { id: 'monat', type: 'text' },
      { id: 'lage', type: 'jsonb' },
    ]);
  });

  it('indexes the row number, the words and the primary key, whichever database it is on', async () => {
    const resourceId = newResourceId();
    await loadTable(ctx(), { resourceId, schema: facilitySchema, rows: rowsOf(facilityRows) });
    const { rows } = await sql<{ name: string; definition: string }>`
      select indexname as name, indexdef as definition from pg_indexes where schemaname = 'datastore' and tablename = ${resourceId} order by 1`.execute(ctx().db);
    expect(rows.map((row) => row.name)).toEqual([`${resourceId}_full_text`, `${resourceId}_key`, `${resourceId}_pkey`]);
    expect(rows[0]!.definition).toContain('USING gin');
  });

  it('gives back every value as JSON, numbered in the file’s order', async () => {
    const resourceId = newResourceId();
    await loadTable(ctx(), { resourceId, schema: facilitySchema, rows: rowsOf(facilityRows) });
    const result = await search(ctx(), resourceId, { filters: { nummer: [1, 6] } });
    expect(result.records).toEqual([
      {
        _id: 1,
        nummer: 1,
        name: 'Stadtbücherei',
        stadtteil: 'Erkelenz',
        flaeche: 412.5,
        barrierefrei: true,
        eroeffnet: '1998-04-01',
        geaendert: '2024-05-02T08:00:00.000Z',
        oeffnet: '09:00:00',
        baujahr: 1996,
        monat: '1998-04',
        lage: { type: 'Point', coordinates: [6.315, 51.08] },
      },
      { _id: 6, nummer: 6, name: 'Turnhalle Keyenberg', stadtteil: 'Keyenberg', flaeche: null, barrierefrei: false, eroeffnet: null, geaendert: null, oeffnet: null, baujahr: null, monat: null, lage: { type: 'Point', coordinates: [6.39, 51.12] } },
    ]);
  });

  it('round-trips tabs, line breaks, backslashes, the text \\N and nulls through COPY', async () => {
    const resourceId = newResourceId();
    const texts = ['a\tb', 'line\nbreak\r\nwindows', 'C:\\Daten\\neu', '\\N', '', null, '"quoted"; semi'];
    const schema = { fields: [{ name: 'text', type: 'string' as const }] };
    await loadTable(ctx(), { resourceId, schema, rows: rowsOf(texts.map((text) => [text])) });
    const result = await search(ctx(), resourceId, { fields: 'text' });
    expect((result.records as { text: string | null }[]).map((record) => record.text)).toEqual(texts);
  });

  it('refuses a schema whose names PostgreSQL would cut or the DataStore keeps for itself, naming each', async () => {
    const schema = {
      fields: [
        { name: '_id', type: 'integer' as const },
        { name: 'x'.repeat(64), type: 'string' as const },
        { name: 'ort', type: 'string' as const },
        { name: 'ort', type: 'string' as const },
      ],
      primaryKey: ['nummer'],
    };
    const resourceId = newResourceId();
    const error = await loadTable(ctx(), { resourceId, schema, rows: rowsOf([]) }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DatastoreSchemaError);
    expect((error as DatastoreSchemaError).errors).toEqual({
      _id: ['invalid field name "_id": 1 to 63 bytes, not starting with "_"'],
      ['x'.repeat(64)]: [`invalid field name "${'x'.repeat(64)}": 1 to 63 bytes, not starting with "_"`],
      ort: ['duplicate field name "ort"'],
      primaryKey: ['field "nummer" not in table'],
    });
    expect(await tablesNamed(resourceId)).toEqual([]);
  });

  it('accepts odd but valid column names, quoted wherever they are used', async () => {
    const resourceId = newResourceId();
    const schema = { fields: [{ name: 'Einwohner "gesamt"; drop table x', type: 'integer' as const }, { name: 'Straße (amtlich)', type: 'string' as const }] };
    await loadTable(ctx(), { resourceId, schema, rows: rowsOf([[5, 'Markt'], [7, 'Kölner Straße']]) });
    const result = await search(ctx(), resourceId, { filters: { 'Einwohner "gesamt"; drop table x': 7 }, sort: '"Straße (amtlich)" desc' });
    expect(result.records).toEqual([{ _id: 2, 'Einwohner "gesamt"; drop table x': 7, 'Straße (amtlich)': 'Kölner Straße' }]);
  });
});

describe('reloading a table', () => {
  it('shows the old rows until the new ones are complete, then only the new ones', async () => {
    const resourceId = newResourceId();
    const schema = { fields: [{ name: 'name', type: 'string' as const }] };
    await loadTable(ctx(), { resourceId, schema, rows: rowsOf([['alt 1'], ['alt 2']]) });
    let resume!: () => void;
    let paused!: () => void;
    const halfway = new Promise<void>((resolve) => (paused = resolve));
    const gate = new Promise<void>((resolve) => (resume = resolve));
    async function* slowRows(): AsyncGenerator<DatastoreRow> {
      yield ['neu 1'];
      paused();
      await gate;
      yield ['neu 2'];
      yield ['neu 3'];
    }
    const reload = loadTable(ctx(), { resourceId, schema, rows: slowRows() });
    await halfway;
    expect(await namesOf(resourceId)).toEqual(['alt 1', 'alt 2']);
    resume();
    await reload;
    expect(await namesOf(resourceId)).toEqual(['neu 1', 'neu 2', 'neu 3']);
    expect(await tablesNamed(resourceId)).toEqual([resourceId]);
  });

  it('keeps the old table whole when a load fails midway, and leaves no staging table behind', async () => {
    const resourceId = newResourceId();
    const schema = { fields: [{ name: 'name', type: 'string' as const }] };
    await loadTable(ctx(), { resourceId, schema, rows: rowsOf([['alt 1'], ['alt 2']]) });
    async function* failing(): AsyncGenerator<DatastoreRow> {
      for (let index = 0; index < 30_000; index++) yield [`neu ${index} ${'x'.repeat(80)}`];
      throw new Error('Datei bricht ab');
    }
    await expect(loadTable(ctx(), { resourceId, schema, rows: failing() })).rejects.toThrow('Datei bricht ab');
    expect(await namesOf(resourceId)).toEqual(['alt 1', 'alt 2']);
    expect(await tablesNamed(resourceId)).toEqual([resourceId]);
  });

  it('keeps the old table when a value does not fit its column', async () => {
    const resourceId = newResourceId();
    const schema = { fields: [{ name: 'anzahl', type: 'integer' as const }] };
    await loadTable(ctx(), { resourceId, schema, rows: rowsOf([[1], [2]]) });
    await expect(loadTable(ctx(), { resourceId, schema, rows: rowsOf([[3], ['drei']]) })).rejects.toThrow(/bigint/);
    expect((await tableInfo(ctx(), resourceId))?.rowCount).toBe(2);
  });

  it('numbers rows added after a load on from the loaded ones', async () => {
    const resourceId = newResourceId();
    const schema = { fields: [{ name: 'name', type: 'string' as const }] };
    await loadTable(ctx(), { resourceId, schema, rows: rowsOf([['eins'], ['zwei']]) });
    await sql`insert into ${sql.id('datastore', resourceId)} (name) values ('drei')`.execute(ctx().db);
    const result = await search(ctx(), resourceId, { filters: { name: 'drei' } });
    expect(result.records).toEqual([{ _id: 3, name: 'drei' }]);
  });
});

describe('dropping a table', () => {
  it('removes it, after which the resource has no DataStore', async () => {
    const resourceId = newResourceId();
    await loadTable(ctx(), { resourceId, schema: facilitySchema, rows: rowsOf(facilityRows) });
    expect(await dropTable(ctx(), resourceId)).toBe(true);
    expect(await tableInfo(ctx(), resourceId)).toBeUndefined();
    await expect(search(ctx(), resourceId)).rejects.toBeInstanceOf(DatastoreNotFoundError);
    expect(await dropTable(ctx(), resourceId)).toBe(false);
  });

  it('answers an id that is no UUID as not found, without asking the database', async () => {
    await expect(search(ctx(), 'x"; drop schema datastore cascade; --')).rejects.toBeInstanceOf(DatastoreNotFoundError);
    expect(await tableInfo(ctx(), '../etc')).toBeUndefined();
  });
});
