/*
 * CSV files for people who open them in a spreadsheet on a German desktop: semicolons, CRLF, a byte-order
 * mark so umlauts read correctly, and cells a spreadsheet would run as a formula defused.
 */

/** One cell; quotes are doubled (RFC 4180) and a leading =, +, -, @ or control character is neutralised. */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvDocument(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  const lines = [header, ...rows].map((cells) => cells.map(csvCell).join(';'));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/*
 * Reading CSV files that people export from a spreadsheet or another system: UTF-8 or, from Excel on a
 * German Windows, Windows-1252; semicolons or commas; quoted cells with doubled quotes and line breaks.
 */

// Where Windows-1252 differs from Latin-1: bytes 0x80–0x9F are €, typographic quotes, dashes … (five unused).
const windows1252High = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** A file's text: UTF-8 (a byte-order mark dropped) when it is valid UTF-8, Windows-1252 otherwise. */
export function decodeSpreadsheetText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Node 20's TextDecoder reads "windows-1252" as Latin-1 (no € for 0x80), so the difference is mapped here.
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      .toString('latin1')
      .replace(/[\u0080-\u009f]/g, (character) => windows1252High[character.charCodeAt(0) - 0x80]!);
  }
}

/** One record of a CSV file, with the line of the file it starts on (for messages that name it). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

export type CsvRead = { ok: true; delimiter: ';' | ','; records: CsvRecord[] } | { ok: false; reason: 'unclosed-quote'; line: number };

/** The delimiter of a file: whichever of `;` and `,` its first line has more of (`;` when even). */
function delimiterOf(text: string): ';' | ',' {
  const end = text.search(/[\r\n]/);
  const first = end < 0 ? text : text.slice(0, end);
  const count = (character: string) => first.split(character).length - 1;
  return count(',') > count(';') ? ',' : ';';
}

/**
 * The records of a CSV text (RFC 4180 with `;` or `,`, found from the first line): quoted cells may hold
 * delimiters, doubled quotes and line breaks; lines end in CRLF, LF or CR; empty lines are skipped. A quote
 * never closed is refused with the line it opened on, rather than swallowing the rest of the file.
 */
export function parseCsv(text: string): CsvRead {
  const delimiter = delimiterOf(text);
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let index = 0;
  const endRecord = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0] !== '') records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
  };
  while (index < text.length) {
    const character = text[index]!;
    if (character === '"' && cell === '') {
      const opened = line;
      index += 1;
      for (;;) {
        if (index >= text.length) return { ok: false, reason: 'unclosed-quote', line: opened };
        const inner = text[index]!;
        if (inner === '"' && text[index + 1] === '"') {
          cell += '"';
          index += 2;
        } else if (inner === '"') {
          index += 1;
          break;
        } else {
          if (inner === '\n' || (inner === '\r' && text[index + 1] !== '\n')) line += 1;
          cell += inner;
          index += 1;
        }
      }
      continue;
    }
    if (character === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (character === '\n' || character === '\r') {
      endRecord();
      if (character === '\r' && text[index + 1] === '\n') index += 1;
      line += 1;
      recordLine = line;
    } else {
      cell += character;
    }
    index += 1;
  }
  if (cell !== '' || cells.length > 0) endRecord();
  return { ok: true, delimiter, records };
}
