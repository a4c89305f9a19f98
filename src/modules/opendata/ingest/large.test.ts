import { describe, expect, it } from 'vitest';
import { inspect, typedRows } from './index.ts';
import { generatedFile } from './test-files.ts';

const rows = 100_000;
const note = 'Messstelle am Marktplatz, Nordseite, gemessen mit geeichtem Gerät'.repeat(2);
const line = (index: number) => `${index + 1};Stadtteil ${index % 9};${(index % 1000) * 3},5;${String((index % 28) + 1).padStart(2, '0')}.02.2024;${index % 2 ? 'ja' : 'nein'};${note}`;

describe('a 100,000-row CSV', () => {
  it('passes through both passes streamed: every row typed, the file never held whole', async () => {
    const produced = { lines: 0 };
    const open = generatedFile('Nr;Stadtteil;Wert;Datum;Geprüft;Bemerkung', rows, line, produced);
    const heapBefore = process.memoryUsage().heapUsed;
    const { schema, report, parsing } = await inspect(open, 'CSV');
    expect(report).toMatchObject({ valid: true, rowCount: rows, errorCount: 0 });
    expect(schema.fields.map((field) => field.type)).toEqual(['integer', 'string', 'number', 'date', 'boolean', 'string']);

    let count = 0;
    let sum = 0;
    let last: unknown[] = [];
    for await (const values of typedRows(open, 'CSV', schema, parsing)) {
      count++;
      sum += values[2] as number;
      last = values;
      // Reading pulls the file: a few thousand lines ahead at most, never the whole of it.
      if (count === 10) expect(produced.lines).toBeLessThan(20_000);
    }
    expect(count).toBe(rows);
    expect(last).toEqual([rows, 'Stadtteil 0', 2997.5, '2024-02-12', true, note]);
    expect(sum).toBe(Array.from({ length: rows }, (_, index) => (index % 1000) * 3 + 0.5).reduce((a, b) => a + b, 0));
    // The file is about 17 MB of text (34 MB as JavaScript strings); holding it would show here.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(100 * 1024 * 1024);
  });
});
