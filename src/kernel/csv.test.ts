import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument, decodeSpreadsheetText, parseCsv } from './csv.ts';

describe('CSV for spreadsheets', () => {
  it('defuses formulas, quotes what needs quoting and leaves the rest alone', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('+49 2431 85-0')).toBe("'+49 2431 85-0");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('Kölner Straße 12; 2. OG')).toBe('"Kölner Straße 12; 2. OG"');
    expect(csvCell('Zeile 1\nZeile 2')).toBe('"Zeile 1\nZeile 2"');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(null)).toBe('');
  });

  it('writes a byte-order mark, semicolons and CRLF line ends', () => {
    expect(csvDocument(['a', 'b'], [['ä', 1], [null, 'x;y']])).toBe('\ufeffa;b\r\nä;1\r\n;"x;y"\r\n');
  });
});

describe('reading CSV files', () => {
  it('reads semicolons or commas, whichever the first line uses, with quoted cells', () => {
    expect(parseCsv('name;postcode\r\nMarkt;41812\r\n"Kölner Straße; Nord";41812\r\n')).toEqual({
      ok: true,
      delimiter: ';',
      records: [
        { line: 1, cells: ['name', 'postcode'] },
        { line: 2, cells: ['Markt', '41812'] },
        { line: 3, cells: ['Kölner Straße; Nord', '41812'] },
      ],
    });
    expect(parseCsv('name,latitude\nMarkt,"51,0795"\n"Am ""Alten"" Markt",51.08')).toEqual({
      ok: true,
      delimiter: ',',
      records: [
        { line: 1, cells: ['name', 'latitude'] },
        { line: 2, cells: ['Markt', '51,0795'] },
        { line: 3, cells: ['Am "Alten" Markt', '51.08'] },
      ],
    });
  });

  it('counts lines as the file has them: breaks inside quotes, old Mac line ends and skipped empty lines', () => {
    const read = parseCsv('a;b\n\n"eins\r\nzwei";x\rc;d\n;\n');
    expect(read).toEqual({
      ok: true,
      delimiter: ';',
      records: [
        { line: 1, cells: ['a', 'b'] },
        { line: 3, cells: ['eins\r\nzwei', 'x'] },
        { line: 5, cells: ['c', 'd'] },
        { line: 6, cells: ['', ''] },
      ],
    });
  });

  it('refuses a quote that is never closed, naming the line it opened on', () => {
    expect(parseCsv('a;b\nMarkt;"41812\nBurgstraße;41812\n')).toEqual({ ok: false, reason: 'unclosed-quote', line: 2 });
  });

  it('decodes UTF-8 with or without a byte-order mark, and Windows-1252 from a German Excel', () => {
    expect(decodeSpreadsheetText(new TextEncoder().encode('\ufeffKölner Straße'))).toBe('Kölner Straße');
    expect(decodeSpreadsheetText(new TextEncoder().encode('Kölner Straße'))).toBe('Kölner Straße');
    expect(decodeSpreadsheetText(Uint8Array.from([0x4b, 0xf6, 0x6c, 0x6e, 0x65, 0x72, 0x20, 0x53, 0x74, 0x72, 0x61, 0xdf, 0x65, 0x20, 0x80, 0x84, 0x93, 0x96]))).toBe('Kölner Straße €„“–');
  });
});
