import { copyText } from '#kernel/db/copy.ts';
import type { CellValue, ColumnType, DatastoreRow } from './types.ts';

/*
 * Rows to COPY lines and back to JSON. Typed values from `ingest/` arrive as strings, numbers and booleans
 * already in PostgreSQL's own spelling (ISO dates, `.` decimals); a Date or a JSON object from another
 * source is spelt here, once per column type, so the loop over a million rows does no type dispatch.
 */

type ToText = (value: Exclude<CellValue, null>) => string;

const plain: ToText = (value) => (typeof value === 'object' && !(value instanceof Date) ? JSON.stringify(value) : String(value));

const toText: Record<ColumnType, ToText> = {
  text: plain,
  int8: plain,
  int4: plain,
  numeric: plain,
  bool: (value) => (value === true ? 't' : value === false ? 'f' : plain(value)),
  date: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : plain(value)),
  timestamptz: (value) => (value instanceof Date ? value.toISOString() : plain(value)),
  time: plain,
  jsonb: (value) => (typeof value === 'string' ? value : JSON.stringify(value)),
};

/** A function that writes one row, with its `_id` first, as a COPY line for columns of these types. */
export function lineWriter(types: readonly ColumnType[]): (id: number, row: DatastoreRow) => string {
  const writers = types.map((type) => toText[type]);
  const width = writers.length;
  return (id, row) => {
    if (row.length !== width) throw new Error(`A row has ${row.length} values for ${width} fields`);
    let line = String(id);
    for (let index = 0; index < width; index++) {
      const value = row[index];
      line += '\t';
      line += copyText(value === null || value === undefined ? null : writers[index]!(value));
    }
    return line;
  };
}

/** A value as the driver returns it, made JSON: numeric as a number, a date as `YYYY-MM-DD`, a timestamp in ISO 8601. */
export function jsonValue(type: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'numeric':
    case 'int8':
      return typeof value === 'string' || typeof value === 'bigint' ? Number(value) : value;
    case 'timestamptz':
      return value instanceof Date ? value.toISOString() : value;
    default:
      return value;
  }
}

/** A value as one cell of CSV or TSV text; numeric keeps its digits as stored (`12.30`). */
export function textValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value) ?? '';
}

/** One CSV/TSV line: a cell is quoted when it holds the delimiter, a quote or a line break (RFC 4180). */
export function delimitedLine(cells: readonly unknown[], delimiter: ',' | '\t'): string {
  let line = '';
  for (let index = 0; index < cells.length; index++) {
    const text = textValue(cells[index]);
    if (index > 0) line += delimiter;
    line += text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }
  return line;
}
