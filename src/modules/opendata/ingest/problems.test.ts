import { describe, expect, it } from 'vitest';
import type { PublishedTableSchema } from '../tables.ts';
import { inspect, typedRows } from './index.ts';
import { bytesFile, collect, generatedFile } from './test-files.ts';

const problemsOf = async (text: string | Buffer, schema?: PublishedTableSchema) => (await inspect(bytesFile(text), 'CSV', { schema })).report;

describe('the validation report of CSV files', () => {
  it('names blank and duplicate headers by row and column', async () => {
    const report = await problemsOf('name;;Name;wert\na;b;c;1\n');
    expect(report.valid).toBe(false);
    expect(report.errors).toEqual([
      { type: 'blank-header', row: 1, column: 2, message: 'opendata:ingest.problems.blank-header' },
      { type: 'duplicate-header', row: 1, column: 3, cell: 'Name', values: { first: 1 }, message: 'opendata:ingest.problems.duplicate-header' },
    ]);
  });

  it('reports ragged rows (missing and extra cells) and blank rows between data, and leaves those rows out', async () => {
    const open = bytesFile('a;b;c\n1;2;3\n4;5\n6;7;8;9\n;;\n10;11;12\n7;8;9;;\n');
    // A short header over wider rows stays the header.
    expect((await inspect(bytesFile('a;b\n1;2;3;4\n5;6;7;8\n'), 'CSV')).report).toMatchObject({ header: ['a', 'b'], errors: [{ type: 'extra-cell', row: 2, column: 3 }, { type: 'extra-cell', row: 3, column: 3 }] });
    const { report, schema, parsing } = await inspect(open, 'CSV');
    expect(report.errors.map(({ type, row, column, cell }) => ({ type, row, column, cell }))).toEqual([
      { type: 'missing-cell', row: 3, column: 3, cell: undefined },
      { type: 'extra-cell', row: 4, column: 4, cell: '9' },
      { type: 'blank-row', row: 5, column: undefined, cell: undefined },
    ]);
    expect(report.rowCount).toBe(6);
    // The loader never loads an invalid file, but the second pass still leaves the faulted rows out.
    expect(await collect(typedRows(open, 'CSV', schema, parsing))).toEqual([
      [1, 2, 3],
      [10, 11, 12],
      [7, 8, 9],
    ]);
  });

  it('reports an empty file, and reads a header without rows as a valid empty table', async () => {
    expect((await problemsOf('')).errors).toMatchObject([{ type: 'empty-file' }]);
    expect((await problemsOf('\n;;\n')).errors).toMatchObject([{ type: 'empty-file' }]);
    const headerOnly = await inspect(bytesFile('Name;Wert\n'), 'CSV');
    expect(headerOnly.report).toMatchObject({ valid: true, rowCount: 0 });
    expect(headerOnly.schema.fields.map((field) => field.type)).toEqual(['string', 'string']);
  });

  it('reports bytes that are neither UTF-8 nor text as an encoding problem', async () => {
    const report = await problemsOf(Buffer.from([0x61, 0x3b, 0x62, 0x0a, 0x31, 0x3b, 0x81, 0x0a]));
    expect(report).toMatchObject({ valid: false, truncated: true, errors: [{ type: 'encoding-error', message: 'opendata:ingest.problems.encoding-error' }] });
    const utf16 = await problemsOf(Buffer.from('\ufeffa;b\n1;2\n', 'utf16le'));
    expect(utf16.errors[0]?.type).toBe('encoding-error');
  });

  it('stops at a record larger than the bound and at a quote never closed', async () => {
    const giant = await inspect(generatedFile('a;b', 1, () => `1;"${'x'.repeat(5 * 1024 * 1024)}`), 'CSV');
    expect(giant.report.errors).toMatchObject([{ type: 'record-too-large', row: 2 }]);
    expect(giant.report.truncated).toBe(true);
    const unclosed = await problemsOf('a;b\n1;2\n3;"offen\n');
    expect(unclosed.errors).toMatchObject([{ type: 'source-error', row: 3, values: { code: 'CSV_QUOTE_NOT_CLOSED' } }]);
  });

  it('refuses 10,000 columns without reading on', async () => {
    const header = Array.from({ length: 10_000 }, (_, index) => `spalte_${index}`).join(';');
    const row = Array.from({ length: 10_000 }, (_, index) => String(index)).join(';');
    const report = await problemsOf(`${header}\n${row}\n${row}\n`);
    expect(report.errors).toEqual([{ type: 'too-many-columns', row: 1, values: { count: 10_000, max: 1000 }, message: 'opendata:ingest.problems.too-many-columns' }]);
    expect(report).toMatchObject({ valid: false, truncated: true, rowCount: 0 });
    expect(report.header).toHaveLength(1000);
    const allowed = await inspect(bytesFile(`${header}\n${row}\n`), 'CSV', { maxColumns: 10_000 });
    expect(allowed.report.valid).toBe(true);
    expect(allowed.schema.fields).toHaveLength(10_000);
  });

  it('checks a declared schema: types, constraints, missing and extra columns', async () => {
    const schema: PublishedTableSchema = {
      fields: [
        { name: 'stadtteil', type: 'string', title: 'Stadtteil', constraints: { required: true } },
        { name: 'einwohner', type: 'integer', constraints: { minimum: 0 } },
        { name: 'art', type: 'string', constraints: { enum: ['Dorf', 'Stadt'] } },
        { name: 'stand', type: 'date' },
      ],
    };
    const report = await problemsOf('Stadtteil;Einwohner;Art;Bemerkung\nMitte;12,5;Stadt;\n;-3;Weiler;x\n', schema);
    expect(report.errors.map(({ type, row, column, field, cell, values }) => ({ type, row, column, field, cell, values }))).toEqual([
      { type: 'missing-label', row: 1, column: undefined, field: 'stand', cell: undefined, values: undefined },
      { type: 'extra-label', row: 1, column: 4, field: undefined, cell: 'Bemerkung', values: undefined },
      { type: 'type-error', row: 2, column: 2, field: 'einwohner', cell: '12,5', values: { type: 'integer' } },
      { type: 'constraint-error', row: 3, column: 1, field: 'stadtteil', cell: undefined, values: { constraint: 'required' } },
      { type: 'constraint-error', row: 3, column: 2, field: 'einwohner', cell: '-3', values: { constraint: 'minimum' } },
      { type: 'constraint-error', row: 3, column: 3, field: 'art', cell: 'Weiler', values: { constraint: 'enum' } },
    ]);
  });

  it('reads a valid file by its declared schema, matching columns by name or title in any order', async () => {
    const schema: PublishedTableSchema = {
      fields: [
        { name: 'einwohner', type: 'number' },
        { name: 'stadtteil', type: 'string', title: 'Stadtteil' },
      ],
    };
    const open = bytesFile('Stadtteil;Einwohner\nMitte;1.234,5\n');
    const found = await inspect(open, 'CSV', { schema });
    expect(found.report.valid).toBe(true);
    expect(found.schema).toBe(schema);
    expect(await collect(typedRows(open, 'CSV', schema, found.parsing))).toEqual([[1234.5, 'Mitte']]);
  });

  it('keeps the first maxErrors problems, counts the rest and cuts long cells', async () => {
    const schema: PublishedTableSchema = { fields: [{ name: 'wert', type: 'integer' }] };
    const open = generatedFile('wert', 500, (index) => `x${index}${'y'.repeat(150)}`);
    const { report } = await inspect(open, 'CSV', { schema, maxErrors: 10 });
    expect(report).toMatchObject({ valid: false, errorCount: 500, truncated: true, rowCount: 500 });
    expect(report.errors).toHaveLength(10);
    expect(report.errors[9]).toMatchObject({ row: 11, column: 1, cell: `x9${'y'.repeat(98)}…` });
  });
});
