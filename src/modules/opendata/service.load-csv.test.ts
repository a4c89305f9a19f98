import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { loadTable, tableInfo } from './datastore/index.ts';
import { newResourceId } from './datastore/test/fixtures.ts';
import { inspect, typedRows, type OpenFile } from './ingest/index.ts';
import { bytesFile, generatedFile, windows1252File } from './ingest/test-files.ts';
import { loadCsvFast } from './service.load-csv.ts';

/*
 * The fast load (PostgreSQL copies, checks and types the file) must give what the usual reading gives, or
 * hand the file back: each file here goes both ways and the tables are compared, or the fast way declines.
 */

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const ctx = () => platform.ctx;

/** The table's rows as JSON (numbers as numbers, so 1.50 and 1.5 are one value), `_full_text` as its words. */
async function contents(resourceId: string): Promise<unknown[]> {
  const { rows } = await sql<{ row: Record<string, unknown> }>`
    select to_jsonb(t) - '_full_text' || jsonb_build_object('_words', array_to_string(tsvector_to_array(t."_full_text"), ' ')) as row
      from ${sql.id('datastore', resourceId)} t order by "_id"`.execute(ctx().db);
  return rows.map((row) => row.row);
}

async function usualWay(open: OpenFile) {
  const resourceId = newResourceId();
  const { schema, report, parsing } = await inspect(open, 'CSV');
  expect(report.valid).toBe(true);
  await loadTable(ctx(), { resourceId, schema, rows: typedRows(open, 'CSV', schema, parsing) });
  return { resourceId, schema, report };
}

async function fastWay(open: OpenFile, resourceId = newResourceId()) {
  const loaded = await loadCsvFast(ctx(), resourceId, open, (schema) => schema, () => undefined);
  return loaded && { resourceId, ...loaded };
}

async function bothWays(open: OpenFile) {
  const usual = await usualWay(open);
  const fast = await fastWay(open);
  expect(fast, 'the fast way declined').toBeDefined();
  expect(fast!.schema).toEqual(usual.schema);
  expect(fast!.report).toEqual(usual.report);
  expect((await tableInfo(ctx(), fast!.resourceId))?.fields).toEqual((await tableInfo(ctx(), usual.resourceId))?.fields);
  expect(await contents(fast!.resourceId)).toEqual(await contents(usual.resourceId));
  return fast!;
}

async function leftovers(resourceId: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = 'datastore' and tablename like ${`${resourceId}%`} order by 1`.execute(ctx().db);
  return rows.map((row) => row.name);
}

describe('the fast CSV load', () => {
  it('reads a German office export as the usual way does: Windows-1252, semicolons, decimal commas, dd.mm.yyyy, quotes', async () => {
    const text = [
      'Nr;Stadtteil;Datum;Stichtag;Betrag;Geprüft;Bemerkung',
      '1;Lövenich;02.01.2025;2025-01-02;1.234,56;ja;"Straße gesperrt; Umleitung"',
      '2;Keyenberg;3.1.2025;2025-01-03;-7,5;Nein;"zwei\r\nZeilen"',
      '3;Kückhoven;31.12.2024;;0,25;JA;   ',
      '4;Gerderath;29.02.2024;2024-02-29;;nein;"""Zitat"" im Text"',
      '5;  Golkrath  ;01.03.2024;2024-03-01;12;;',
    ].join('\r\n');
    const fast = await bothWays(windows1252File(`${text}\r\n`));
    expect(fast.schema.fields.map((field) => field.type)).toEqual(['integer', 'string', 'date', 'date', 'number', 'boolean', 'string']);
    expect(fast.report.notes).toEqual(['opendata:ingest.notes.windows1252']);
    expect(fast.rowCount).toBe(5);
  });

  it('reads an English file as the usual way does: UTF-8 with a byte-order mark, commas, decimal points, month-first dates', async () => {
    const text = ['id,place,when,amount,open', '7,"Erkelenz, Markt",12/31/2024,"1,234.5",TRUE', '8,Holzweiler,01/02/2025,-0.75,false', '9,Granterath,,3e2,'].join('\n');
    const fast = await bothWays(bytesFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${text}\n`)])));
    expect(fast.schema.fields.map((field) => field.type)).toEqual(['integer', 'string', 'date', 'number', 'boolean']);
  });

  it('types thousands of rows in steps, and takes a file as Windows-1252 when a byte far down is no UTF-8', async () => {
    const open = generatedFile('nr\tort\twert', 6000, (index) => `${index + 1}\t${index === 5500 ? 'K\xfcckhoven' : 'Erkelenz'}\t${index % 7},${index % 10}`);
    const latin = (): ReturnType<OpenFile> =>
      open().then(async (stream) => {
        const { Readable } = await import('node:stream');
        const iconv = (await import('iconv-lite')).default;
        const text: string[] = [];
        for await (const chunk of stream as AsyncIterable<Buffer | string>) text.push(chunk.toString());
        const bytes = iconv.encode(text.join(''), 'windows-1252');
        return Readable.from([bytes.subarray(0, 70_000), bytes.subarray(70_000)]);
      });
    const fast = await bothWays(latin);
    expect(fast.rowCount).toBe(6000);
    expect(fast.report.notes).toEqual(['opendata:ingest.notes.windows1252']);
  });

  it.each([
    ['a number with spaces around it', 'nr;wert\n1;2,5\n2; 3,5\n'],
    ['an integer written with a decimal part', 'nr;anzahl\n1;5\n2;5,0\n'],
    ['a blank row between rows', 'nr;wert\n1;2\n;\n3;4\n'],
    ['a blank row at the end', 'nr;wert\n1;2\n3;4\n;\n'],
    ['a row short of a cell', 'nr;wert;ort\n1;2;Erkelenz\n3;4\n'],
    ['a title line above the header', 'Messwerte 2025\nnr;wert\n1;2\n'],
    ['a column of times', 'nr;uhrzeit\n1;08:30\n2;17:00\n'],
    ['a header cell with a line break', 'nr;"Wert\nin Euro"\n1;2\n'],
    ['bytes that are no text', 'nr;wert\n1;2\u0000\n'],
  ])('hands back a file with %s, for the usual way to read and explain', async (_, text) => {
    const resourceId = newResourceId();
    expect(await fastWay(bytesFile(text), resourceId)).toBeUndefined();
    expect(await leftovers(resourceId)).toEqual([]);
  });

  it('hands back a file whose cells further down break the type its head showed, leaving the loaded table as it was', async () => {
    const resourceId = newResourceId();
    const first = await fastWay(bytesFile('nr;datum\n1;01.01.2025\n2;02.01.2025\n'), resourceId);
    expect(first?.rowCount).toBe(2);
    // 31 April: the head shows dates, the day that does not exist comes after it.
    const badDay = generatedFile('nr;datum', 1200, (index) => `${index};${index === 1100 ? '31.04.2025' : '01.04.2025'}`);
    expect(await fastWay(badDay, resourceId)).toBeUndefined();
    // A column the head leaves empty could be numbers further down, which only the whole file shows.
    const lateNumbers = generatedFile('nr;spaet', 1200, (index) => `${index};${index > 1100 ? '4,5' : ''}`);
    expect(await fastWay(lateNumbers, resourceId)).toBeUndefined();
    // Past the head, where only PostgreSQL sees them: a blank row, a row short of a cell (COPY refuses it).
    expect(await fastWay(generatedFile('nr;wert', 1200, (index) => (index === 1150 ? ';' : `${index};1`)), resourceId)).toBeUndefined();
    expect(await fastWay(generatedFile('nr;wert', 1200, (index) => (index === 1150 ? `${index}` : `${index};1`)), resourceId)).toBeUndefined();
    expect(await leftovers(resourceId)).toEqual([resourceId]);
    expect((await tableInfo(ctx(), resourceId))?.rowCount).toBe(2);
  });
});
