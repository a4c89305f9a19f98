import { describe, expect, it } from 'vitest';
import { inspect, typedRows } from './index.ts';
import { bytesFile, collect, windows1252File } from './test-files.ts';

const messy = [
  'Stadtteil;Einwohner 2023;Fläche km²;Anteil Ü65;Stichtag;Gebietsschlüssel;PLZ;Mit Bahnhof',
  'Erkelenz-Mitte;22.345;18,25;21,5;31.12.2023;05370012;41812;ja',
  'Kückhoven;1.987;7,1;19;31.12.2023;0164A;41812;nein',
  'Lövenich;3.010;12;23,75;01.07.2023;05370044;41812;Ja',
  '',
].join('\r\n');

describe('inspect and typedRows on CSV', () => {
  it('reads a German Windows-1252 file: semicolons, decimal commas, dd.mm.yyyy, umlauts in the header', async () => {
    const open = windows1252File(messy);
    const { schema, report, parsing } = await inspect(open, 'CSV');
    expect(report).toMatchObject({ valid: true, rowCount: 3, errorCount: 0, errors: [] });
    expect(report.header[2]).toBe('Fläche km²');
    expect(parsing).toMatchObject({ encoding: 'windows-1252', bom: false, delimiter: ';', decimal: ',', dateOrder: 'DMY', headerRow: 1 });
    expect(schema.fields.map((field) => [field.name, field.type, field.title])).toEqual([
      ['stadtteil', 'string', 'Stadtteil'],
      ['einwohner_2023', 'integer', 'Einwohner 2023'],
      ['flaeche_km2', 'number', 'Fläche km²'],
      ['anteil_ue65', 'number', 'Anteil Ü65'],
      ['stichtag', 'date', 'Stichtag'],
      ['gebietsschluessel', 'string', 'Gebietsschlüssel'],
      ['plz', 'integer', 'PLZ'],
      ['mit_bahnhof', 'boolean', 'Mit Bahnhof'],
    ]);
    const rows = await collect(typedRows(open, 'CSV', schema, parsing));
    expect(rows).toEqual([
      ['Erkelenz-Mitte', 22345, 18.25, 21.5, '2023-12-31', '05370012', 41812, true],
      ['Kückhoven', 1987, 7.1, 19, '2023-12-31', '0164A', 41812, false],
      ['Lövenich', 3010, 12, 23.75, '2023-07-01', '05370044', 41812, true],
    ]);
  });

  it('reads UTF-8 with a byte-order mark, German thousands and a decimal comma together', async () => {
    const open = bytesFile(`\ufeffName;Betrag €\nÄrger;1.234,5\nÖl;-0,25\n`);
    const { schema, report, parsing } = await inspect(open, 'CSV');
    expect(parsing).toMatchObject({ encoding: 'utf-8', bom: true, decimal: ',' });
    expect(report.header).toEqual(['Name', 'Betrag €']);
    expect(schema.fields.map((field) => field.name)).toEqual(['name', 'betrag']);
    expect(await collect(typedRows(open, 'CSV', schema, parsing))).toEqual([
      ['Ärger', 1234.5],
      ['Öl', -0.25],
    ]);
  });

  it('sniffs commas with a decimal point, tabs and pipes', async () => {
    const comma = bytesFile('id,wert,zeit,am\n1,"1,234.5",08:30,2024-02-29 14:05\n2,0.5,23:59:59,2024-03-01T00:00:00Z\n');
    const found = await inspect(comma, 'CSV');
    expect(found.parsing).toMatchObject({ delimiter: ',', decimal: '.' });
    expect(found.schema.fields.map((field) => field.type)).toEqual(['integer', 'number', 'time', 'datetime']);
    expect(await collect(typedRows(comma, 'CSV', found.schema, found.parsing))).toEqual([
      [1, 1234.5, '08:30:00', '2024-02-29T14:05:00'],
      [2, 0.5, '23:59:59', '2024-03-01T00:00:00Z'],
    ]);
    expect((await inspect(bytesFile('a\tb\n1\t2\n'), 'CSV')).parsing.delimiter).toBe('\t');
    expect((await inspect(bytesFile('a|b|c\n1|2|3\n'), 'CSV')).parsing.delimiter).toBe('|');
  });

  it('keeps codes with leading zeros, 0/1 columns and mixed columns as the narrowest type that holds every cell', async () => {
    const open = bytesFile('plz;flag;gemischt;leer;datum\n01234;0;12;;29.02.2023\n41812;1;zwölf;;01.03.2023\n');
    const { schema } = await inspect(open, 'CSV');
    expect(schema.fields.map((field) => field.type)).toEqual(['string', 'integer', 'string', 'string', 'string']);
  });

  it('reads slash dates month first when a cell can only be read so', async () => {
    const open = bytesFile('tag,wert\n03/04/2024,1\n12/31/2024,2\n');
    const { schema, parsing } = await inspect(open, 'CSV');
    expect(parsing.dateOrder).toBe('MDY');
    expect(await collect(typedRows(open, 'CSV', schema, parsing))).toEqual([
      ['2024-03-04', 1],
      ['2024-12-31', 2],
    ]);
  });

  it('skips a title line above the header and empty lines at the end, and says so', async () => {
    const open = bytesFile('Einwohner nach Stadtteil, Stand 31.12.2023;;\nStadtteil;Einwohner;Haushalte\nMitte;100;50\nOst;80;40\n;;\n\n');
    const { schema, report, parsing } = await inspect(open, 'CSV');
    expect(parsing.headerRow).toBe(2);
    expect(report).toMatchObject({ valid: true, rowCount: 2, header: ['Stadtteil', 'Einwohner', 'Haushalte'] });
    expect(report.notes).toEqual(['opendata:ingest.notes.rowsAboveHeader', 'opendata:ingest.notes.trailingBlankRows']);
    expect(await collect(typedRows(open, 'CSV', schema, parsing))).toEqual([
      ['Mitte', 100, 50],
      ['Ost', 80, 40],
    ]);
  });
});
