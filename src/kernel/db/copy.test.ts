import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '#test/database.ts';
import { copyText, quoteIdentifier } from './copy.ts';
import type { Database } from './database.ts';

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
  await sql`create schema copy_probe`.execute(database.db);
  await sql`create table copy_probe."odd ""name""" (id integer, note text)`.execute(database.db);
});
afterAll(async () => {
  await database.close();
});

const table = { schema: 'copy_probe', name: 'odd "name"' };

async function* linesOf(rows: readonly (readonly [number, string | null])[]): AsyncGenerator<string> {
  for (const [id, note] of rows) yield `${id}\t${copyText(note)}`;
}

async function notes(): Promise<(string | null)[]> {
  const result = await sql<{ note: string | null }>`select note from copy_probe."odd ""name""" order by id`.execute(database.db);
  return result.rows.map((row) => row.note);
}

describe('copyText', () => {
  it('escapes what COPY text format reads as structure, and writes null as \\N', () => {
    expect(copyText('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyText(null)).toBe('\\N');
    expect(copyText('\\N')).toBe('\\\\N');
    expect(copyText('Grüße')).toBe('Grüße');
  });

  it('quotes identifiers, doubling quotes inside', () => {
    expect(quoteIdentifier('a"b')).toBe('"a""b"');
  });
});

describe('copyInto', () => {
  it('round-trips tabs, line breaks, backslashes, the text \\N and nulls', async () => {
    await sql`truncate copy_probe."odd ""name"""`.execute(database.db);
    const values = ['tab\there', 'line\nbreak', 'carriage\rreturn', 'back\\slash', '\\N', null, '', 'Straße "Am Markt"; 5'];
    const copied = await database.copyInto(table, ['id', 'note'], linesOf(values.map((value, index) => [index, value] as const)));
    expect(copied).toBe(values.length);
    expect(await notes()).toEqual(values);
  });

  it('reports progress and counts every row of a load larger than one chunk', async () => {
    await sql`truncate copy_probe."odd ""name"""`.execute(database.db);
    const seen: number[] = [];
    const rows = Array.from({ length: 25_000 }, (_, index) => [index, `row ${index}`] as const);
    const copied = await database.copyInto(table, ['id', 'note'], linesOf(rows), { chunkChars: 50_000, onProgress: (count) => seen.push(count) });
    expect(copied).toBe(25_000);
    expect(seen.at(-1)).toBe(25_000);
    expect(seen.length).toBeGreaterThan(1);
    const count = await sql<{ n: number }>`select count(*)::int as n from copy_probe."odd ""name"""`.execute(database.db);
    expect(count.rows[0]!.n).toBe(25_000);
  });

  it('passes on the error of lines that fail midway, and the connection stays usable', async () => {
    await sql`truncate copy_probe."odd ""name"""`.execute(database.db);
    async function* failing(): AsyncGenerator<string> {
      yield '1\tfine';
      throw new Error('source broke');
    }
    await expect(database.copyInto(table, ['id', 'note'], failing())).rejects.toThrow('source broke');
    const after = await sql<{ one: number }>`select 1 as one`.execute(database.db);
    expect(after.rows[0]!.one).toBe(1);
  });

  it('refuses a line that does not fit the table, naming the problem', async () => {
    await expect(database.copyInto(table, ['id', 'note'], badLines())).rejects.toThrow(/integer/);
  });
});

async function* badLines(): AsyncGenerator<string> {
  yield 'not a number\tx';
}
