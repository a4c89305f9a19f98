import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase } from '#test/database.ts';
import { lastRecordEnd } from './copy-csv.ts';
import type { Database } from './database.ts';

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
  await sql`create table csv_probe (n serial, a text, b text, c text)`.execute(database.db);
});
afterAll(async () => {
  await database.close();
});
beforeEach(async () => {
  await sql`truncate csv_probe restart identity`.execute(database.db);
});

const table = { schema: 'public', name: 'csv_probe' };
const columns = ['a', 'b', 'c'];

async function* chunksOf(text: string, size: number): AsyncGenerator<string | Buffer> {
  // Bytes and strings alike, cut anywhere (a UTF-8 sequence stays whole, as the file reader yields them).
  for (let at = 0; at < text.length; at += size) yield at % (2 * size) === 0 ? text.slice(at, at + size) : Buffer.from(text.slice(at, at + size));
}

async function rows(): Promise<string[][]> {
  const result = await sql<{ a: string | null; b: string | null; c: string | null }>`select a, b, c from csv_probe order by n`.execute(database.db);
  return result.rows.map((row) => [row.a ?? '∅', row.b ?? '∅', row.c ?? '∅']);
}

describe('lastRecordEnd', () => {
  it('cuts after the last line break outside quotes, doubled quotes included', () => {
    expect(lastRecordEnd('a;b\nc;d\ne', 0, false)).toEqual({ end: 8, inQuotes: false });
    expect(lastRecordEnd('a;"b\nc";d\n"e\nf', 0, false)).toEqual({ end: 10, inQuotes: true });
    expect(lastRecordEnd('"x ""y""\nz";1\n', 0, false)).toEqual({ end: 14, inQuotes: false });
    expect(lastRecordEnd('still quoted\nthen";1\nnext', 0, true)).toEqual({ end: 21, inQuotes: false });
    expect(lastRecordEnd('no break at all', 0, false).end).toBe(-1);
  });
});

describe('copyCsvInto', () => {
  it('skips the header and reads quotes, delimiters and line breaks in cells as CSV does', async () => {
    const text = 'A;B;C\r\n1;"zwei; drei";\r\n"mit\r\nUmbruch";"""zitiert""";x\r\n;"";Straße\r\n';
    const copied = await database.copyCsvInto(table, columns, chunksOf(text, 7), { delimiter: ';', header: true });
    expect(copied).toBe(3);
    // COPY reads an unquoted empty cell as null and a quoted one as empty text.
    expect(await rows()).toEqual([
      ['1', 'zwei; drei', '∅'],
      ['mit\r\nUmbruch', '"zitiert"', 'x'],
      ['∅', '', 'Straße'],
    ]);
  });

  it('cuts a long text only between records on PGlite, a quoted line break never split', async () => {
    const lines = Array.from({ length: 3000 }, (_, index) => `${index}\t"Zeile ${index}\nweiter"\tende`);
    const seen: number[] = [];
    const copied = await database.copyCsvInto(table, columns, chunksOf(`a\tb\tc\n${lines.join('\n')}\n`, 1000), {
      delimiter: '\t',
      header: true,
      chunkChars: 2000,
      onProgress: (count) => seen.push(count),
    });
    expect(copied).toBe(3000);
    const all = await rows();
    expect(all[2999]).toEqual(['2999', 'Zeile 2999\nweiter', 'ende']);
    expect(all.every((row, index) => row[1] === `Zeile ${index}\nweiter`)).toBe(true);
    if (database.kind === 'pglite') expect(seen.length).toBeGreaterThan(10);
  });

  it('refuses a row of the wrong width with PostgreSQL’s data error, and the connection stays usable', async () => {
    const refused = database.copyCsvInto(table, columns, chunksOf('a,b,c\n1,2,3\n4,5\n', 100), { delimiter: ',', header: true });
    await expect(refused).rejects.toMatchObject({ code: expect.stringMatching(/^22/) });
    expect(await rows()).toEqual([]);
    const after = await sql<{ one: number }>`select 1 as one`.execute(database.db);
    expect(after.rows[0]!.one).toBe(1);
  });

  it('passes on the error of a source that breaks midway', async () => {
    async function* failing(): AsyncGenerator<string> {
      yield 'a|b|c\n1|2|3\n';
      throw new Error('source broke');
    }
    await expect(database.copyCsvInto(table, columns, failing(), { delimiter: '|', header: true })).rejects.toThrow('source broke');
  });

  it('takes only the delimiters it knows', async () => {
    await expect(database.copyCsvInto(table, columns, chunksOf('a', 1), { delimiter: "'" as ';', header: true })).rejects.toThrow(/delimiter/);
  });
});
