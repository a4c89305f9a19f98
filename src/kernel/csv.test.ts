import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument } from './csv.ts';

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
