import { decodeSpreadsheetText, parseCsv, type CsvRecord } from '#kernel/csv.ts';
import { cleanStreetName, streetKey } from './names.ts';
import type { NewStreet } from './repo.ts';

/*
 * Reads an import file of the street register and checks every row before anything is written, so the
 * operator gets the whole list of problems at once, each with its line, and the table is replaced only by
 * a file that is right throughout.
 */

export const importColumns = ['name', 'postcode', 'district', 'parking_zone', 'latitude', 'longitude'] as const;
type Column = (typeof importColumns)[number];
const requiredColumns: readonly Column[] = ['name', 'postcode'];

/** Far more than any town's register; a bigger file is no street list. */
export const largestFile = 10 * 1024 * 1024;
const longestName = 100;
const longestDistrict = 100;

export type ImportProblemCode =
  | 'too-large'
  | 'unclosed-quote'
  | 'empty-file'
  | 'no-rows'
  | 'header-missing'
  | 'header-unknown'
  | 'header-twice'
  | 'columns'
  | 'name-missing'
  | 'name-too-long'
  | 'name-invalid'
  | 'postcode'
  | 'district-too-long'
  | 'zone-invalid'
  | 'coordinate'
  | 'coordinate-range'
  | 'coordinates-half'
  | 'duplicate';

/** One problem of a file: a reason code, the line it is on (none for the file as a whole), and what its message needs. */
export interface ImportProblem {
  code: ImportProblemCode;
  line?: number;
  values?: Record<string, string | number>;
}

export type CheckedFile = { ok: true; streets: Omit<NewStreet, 'source'>[] } | { ok: false; problems: ImportProblem[] };

// A cell a spreadsheet export defused (`'=…`, `'-6.3`, as the kernel's csvCell writes it) is read as meant.
const undefused = (cell: string) => cell.replace(/^'(?=[=+\-@])/, '').trim();

function readHeader(record: CsvRecord): { columns: (Column | null)[]; problems: ImportProblem[] } {
  const names = record.cells.map((cell) => undefused(cell).toLowerCase());
  const problems: ImportProblem[] = [];
  const columns = names.map((name) => ((importColumns as readonly string[]).includes(name) ? (name as Column) : null));
  names.forEach((name, index) => {
    if (columns[index] === null) problems.push({ code: 'header-unknown', line: record.line, values: { column: name, expected: importColumns.join(';') } });
    else if (names.indexOf(name) !== index) problems.push({ code: 'header-twice', line: record.line, values: { column: name } });
  });
  for (const column of requiredColumns) if (!names.includes(column)) problems.push({ code: 'header-missing', line: record.line, values: { column, expected: importColumns.join(';') } });
  return { columns, problems };
}

/** A coordinate with a decimal point or comma (`51.0795`, `51,0795`), or why not. */
function coordinate(text: string, column: 'latitude' | 'longitude', line: number, problems: ImportProblem[]): number | null {
  if (text === '') return null;
  if (!/^[-−]?\d{1,3}(?:[.,]\d{1,12})?$/.test(text)) {
    problems.push({ code: 'coordinate', line, values: { column, value: text } });
    return null;
  }
  const value = Number(text.replace(',', '.').replace('−', '-'));
  const limit = column === 'latitude' ? 90 : 180;
  if (Math.abs(value) > limit) {
    problems.push({ code: 'coordinate-range', line, values: { column, value: text, limit } });
    return null;
  }
  return value;
}

function readRow(record: CsvRecord, columns: readonly (Column | null)[], problems: ImportProblem[]): Omit<NewStreet, 'source'> | null {
  const { line } = record;
  if (record.cells.length !== columns.length) {
    problems.push({ code: 'columns', line, values: { expected: columns.length, found: record.cells.length } });
    return null;
  }
  const cell = (column: Column) => {
    const index = columns.indexOf(column);
    return index < 0 ? '' : undefused(record.cells[index]!);
  };
  const before = problems.length;
  const name = cleanStreetName(cell('name'));
  if (name === '') problems.push({ code: 'name-missing', line });
  else if (name.length > longestName) problems.push({ code: 'name-too-long', line, values: { max: longestName, length: name.length } });
  // eslint-disable-next-line no-control-regex -- a control character in a name is a broken file
  else if (!/\p{L}/u.test(name) || /[\u0000-\u001f\u007f-\u009f]/.test(name)) problems.push({ code: 'name-invalid', line, values: { name } });
  // Spreadsheets drop the leading zero of a postcode such as 01067 (Dresden); four digits get it back.
  const typedPostcode = cell('postcode');
  const postcode = /^\d{4}$/.test(typedPostcode) ? `0${typedPostcode}` : typedPostcode;
  if (!/^\d{5}$/.test(postcode)) problems.push({ code: 'postcode', line, values: { value: typedPostcode } });
  const district = cleanStreetName(cell('district'));
  if (district.length > longestDistrict) problems.push({ code: 'district-too-long', line, values: { max: longestDistrict } });
  const zone = cell('parking_zone').toUpperCase();
  if (zone !== '' && !/^[A-Z0-9](?:[A-Z0-9 -]{0,8}[A-Z0-9])?$/.test(zone)) problems.push({ code: 'zone-invalid', line, values: { value: cell('parking_zone') } });
  const latitude = coordinate(cell('latitude'), 'latitude', line, problems);
  const longitude = coordinate(cell('longitude'), 'longitude', line, problems);
  if ((cell('latitude') === '') !== (cell('longitude') === '')) problems.push({ code: 'coordinates-half', line });
  if (problems.length > before) return null;
  return { name, name_key: streetKey(name), postcode, district: district || null, parking_zone: zone || null, latitude, longitude };
}

/**
 * The streets of an import file (CSV, UTF-8 or Windows-1252, `;` or `,`, a header naming the columns
 * `name;postcode;district;parking_zone;latitude;longitude` in any order, only the first two required), or
 * every problem it has, each with its line.
 */
export function checkStreetFile(bytes: Uint8Array): CheckedFile {
  if (bytes.byteLength > largestFile) return { ok: false, problems: [{ code: 'too-large', values: { max: largestFile / 1024 / 1024 } }] };
  const read = parseCsv(decodeSpreadsheetText(bytes));
  if (!read.ok) return { ok: false, problems: [{ code: 'unclosed-quote', line: read.line }] };
  const [header, ...records] = read.records;
  if (!header) return { ok: false, problems: [{ code: 'empty-file' }] };
  const { columns, problems } = readHeader(header);
  if (problems.length > 0) return { ok: false, problems };
  const streets: Omit<NewStreet, 'source'>[] = [];
  const firstLine = new Map<string, number>();
  for (const record of records) {
    // A row of empty cells (a spreadsheet's last lines) is no street.
    if (record.cells.every((cell) => cell.trim() === '')) continue;
    const street = readRow(record, columns, problems);
    if (!street) continue;
    const identity = `${street.name_key} ${street.postcode}`;
    const first = firstLine.get(identity);
    if (first !== undefined) problems.push({ code: 'duplicate', line: record.line, values: { name: street.name, postcode: street.postcode, first } });
    else firstLine.set(identity, record.line);
    streets.push(street);
  }
  if (problems.length > 0) return { ok: false, problems };
  if (streets.length === 0) return { ok: false, problems: [{ code: 'no-rows' }] };
  return { ok: true, streets };
}
