/*
 * The two passes over a table's records, whatever file they come from (CSV or a worksheet): the first finds
 * the header, checks the shape of every row and infers or checks the types; the second yields the typed rows.
 */
import type { PublishedField, PublishedTableSchema } from '../tables.ts';
import { brokenConstraint } from './constraints.ts';
import { cellText, convertCell, isEmptyCell, type Conventions } from './convert.ts';
import { ColumnGuess, Evidence } from './infer.ts';
import { fieldName, fieldNames } from './names.ts';
import { StopReading, type ReportBuilder } from './report.ts';
import type { DecimalMark, RawCell, RowValues, SourceRecord } from './types.ts';

/** Records read ahead to find the header; the fast CSV load reads as many to choose its way. */
export const headRecords = 1000;
const headCells = 200_000;
const headerSearch = 20;

export interface TableFound {
  schema: PublishedTableSchema;
  conventions: Conventions;
  headerRow: number;
  columns: number[];
}

interface Settings {
  declared?: PublishedTableSchema;
  maxColumns: number;
  /** Asked once the head is read (a CSV knows its delimiter by then). */
  fallbackDecimal: () => DecimalMark;
  /** Worksheets leave out trailing empty cells; CSV rows must be complete. */
  shortRowsEmpty: boolean;
}

const isBlank = (cells: readonly RawCell[]) => cells.every((cell) => cellText(cell).trim() === '');
const filled = (cells: readonly RawCell[]) => cells.reduce<number>((count, cell) => (isEmptyCell(cell, ['']) ? count : count + 1), 0);

/**
 * The header is the first of the first rows with two filled cells (one in a one-column file): a title line
 * above it fills one cell, and a short header over ragged rows stays the header.
 */
function headerOf(head: readonly SourceRecord[]): number {
  const candidates = head.slice(0, headerSearch);
  const widest = Math.max(0, ...candidates.map((record) => filled(record.cells)));
  const index = candidates.findIndex((record) => filled(record.cells) >= Math.min(2, Math.max(1, widest)));
  return Math.max(0, index);
}

/** Reads a few records ahead so that the header and, for a declared schema, the conventions can be found. */
async function readHead(records: AsyncIterator<SourceRecord>): Promise<{ head: SourceRecord[]; done: boolean }> {
  const head: SourceRecord[] = [];
  let cells = 0;
  while (head.length < headRecords && cells < headCells) {
    const next = await records.next();
    if (next.done) return { head, done: true };
    head.push(next.value);
    cells += next.value.cells.length;
  }
  return { head, done: false };
}

async function* chained(head: SourceRecord[], rest: AsyncIterator<SourceRecord>, done: boolean): AsyncGenerator<SourceRecord> {
  yield* head;
  if (done) return;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

function checkHeader(headers: string[], report: ReportBuilder, row: number): void {
  const seen = new Map<string, number>();
  headers.forEach((header, index) => {
    const column = index + 1;
    if (header.trim() === '') return report.add({ type: 'blank-header', row, column });
    const name = fieldName(header);
    const first = seen.get(name);
    if (first !== undefined) report.add({ type: 'duplicate-header', row, column, cell: header, values: { first } });
    else seen.set(name, column);
  });
}

/** For each declared field, the column whose header names it (its name or its title). */
function mapDeclared(declared: PublishedTableSchema, headers: string[], report: ReportBuilder, row: number): number[] {
  const columns = declared.fields.map((field) => headers.findIndex((header) => header === field.name || header === field.title || fieldName(header) === field.name));
  declared.fields.forEach((field, index) => {
    if (columns[index] === -1) report.add({ type: 'missing-label', row, field: field.name });
  });
  headers.forEach((header, index) => {
    if (!columns.includes(index)) report.add({ type: 'extra-label', row, column: index + 1, cell: header });
  });
  return columns;
}

/** Pass one: the header, every row's shape, and the types (inferred, or checked against the declared schema). */
export async function inspectTable(source: AsyncIterable<SourceRecord>, settings: Settings, report: ReportBuilder): Promise<TableFound> {
  const iterator = source[Symbol.asyncIterator]();
  const { head, done } = await readHead(iterator);
  const headerIndex = headerOf(head);
  const headerRecord = head[headerIndex];
  const headerRow = headerRecord?.row ?? 1;
  const empty = !headerRecord || filled(headerRecord.cells) === 0;
  if (empty) report.add({ type: 'empty-file' });
  if (headerIndex > 0) report.note('rowsAboveHeader');
  if (headerRecord && headerRecord.cells.length > settings.maxColumns) {
    report.header = headerRecord.cells.slice(0, settings.maxColumns).map(cellText);
    report.add({ type: 'too-many-columns', row: headerRow, values: { count: headerRecord.cells.length, max: settings.maxColumns } });
    throw new StopReading({ type: 'too-many-columns', row: headerRow });
  }
  const headers = empty ? [] : headerRecord.cells.map((cell) => cellText(cell).trim());
  report.header = headers;
  checkHeader(headers, report, headerRow);

  const evidence = new Evidence();
  const guesses = headers.map(() => new ColumnGuess(evidence));
  const declared = settings.declared;
  const missingValues = declared?.missingValues ?? [''];
  const columns = declared ? mapDeclared(declared, headers, report, headerRow) : headers.map((_, index) => index);
  let conventions: Conventions | undefined;
  if (declared) {
    // A declared schema is checked row by row, so the conventions come from the head of the file.
    for (const record of head.slice(headerIndex + 1)) record.cells.forEach((cell, index) => !isEmptyCell(cell, missingValues) && guesses[index]?.see(cell));
    conventions = evidence.conventions(settings.fallbackDecimal());
  }

  const blankRows: number[] = [];
  for await (const record of chained(head.slice(headerIndex + 1), iterator, done)) {
    if (isBlank(record.cells)) {
      blankRows.push(record.row);
      continue;
    }
    // Blank rows count as errors only when data follows them: a file may end in empty lines.
    for (const row of blankRows.splice(0)) {
      report.rowCount++;
      report.add({ type: 'blank-row', row });
    }
    report.rowCount++;
    checkShape(record, headers.length, settings.shortRowsEmpty, report);
    if (declared && conventions) checkRow(record, declared.fields, columns, { ...conventions, missingValues, shortRowsEmpty: settings.shortRowsEmpty }, report);
    else record.cells.forEach((cell, index) => !isEmptyCell(cell, missingValues) && guesses[index]?.see(cell));
  }
  if (blankRows.length > 0) report.note('trailingBlankRows');

  if (declared && conventions) return { schema: declared, conventions, headerRow, columns };
  const found = evidence.conventions(settings.fallbackDecimal());
  const names = fieldNames(headers);
  const fields: PublishedField[] = headers.map((header, index) => ({ name: names[index]!, type: guesses[index]!.type(found), title: header }));
  return { schema: { fields }, conventions: found, headerRow, columns };
}

/** A row fits the header when it has as many cells; trailing empty cells beyond it are harmless. */
function fits(cells: readonly RawCell[], width: number, shortRowsEmpty: boolean): boolean {
  return (shortRowsEmpty || cells.length >= width) && cells.slice(width).every((cell) => cellText(cell).trim() === '');
}

function checkShape(record: SourceRecord, width: number, shortRowsEmpty: boolean, report: ReportBuilder): void {
  const length = record.cells.length;
  // A worksheet's row ends at its last filled cell, so a short row there is not missing anything.
  if (length < width && !shortRowsEmpty) report.add({ type: 'missing-cell', row: record.row, column: length + 1, values: { count: width - length } });
  // Trailing delimiters (a spreadsheet's export) make empty extra cells; only filled ones are extra.
  const extra = record.cells.slice(width).findIndex((cell) => cellText(cell).trim() !== '');
  if (extra >= 0) report.add({ type: 'extra-cell', row: record.row, column: width + extra + 1, cell: cellText(record.cells[width + extra]) });
}

interface RowRules extends Conventions {
  missingValues: readonly string[];
  shortRowsEmpty: boolean;
}

function checkRow(record: SourceRecord, fields: readonly PublishedField[], columns: number[], rules: RowRules, report: ReportBuilder): void {
  const { missingValues } = rules;
  fields.forEach((field, index) => {
    const column = columns[index]!;
    // A cell missing from a CSV row is reported once as missing-cell, not again for each constraint.
    if (column < 0 || (column >= record.cells.length && !rules.shortRowsEmpty)) return;
    const cell = record.cells[column];
    const where = { row: record.row, column: column + 1, field: field.name };
    if (isEmptyCell(cell, missingValues)) {
      if (field.constraints?.required) report.add({ type: 'constraint-error', ...where, values: { constraint: 'required' } });
      return;
    }
    const value = convertCell(cell, field.type, rules);
    if (value === undefined) return report.add({ type: 'type-error', ...where, cell: cellText(cell), values: { type: field.type } });
    const broken = brokenConstraint(value, field);
    if (broken) report.add({ type: 'constraint-error', ...where, cell: cellText(cell), values: { constraint: broken } });
  });
}

/** Pass two: the rows after the header in schema field order; a row the first pass faulted is left out. */
export async function* typedTable(
  source: AsyncIterable<SourceRecord>,
  schema: PublishedTableSchema,
  parsing: { headerRow: number; columns: number[]; conventions: Conventions; shortRowsEmpty: boolean },
): AsyncGenerator<RowValues> {
  const missingValues = schema.missingValues ?? [''];
  let width = -1;
  for await (const record of source) {
    if (record.row < parsing.headerRow) continue;
    if (record.row === parsing.headerRow) {
      width = record.cells.length;
      continue;
    }
    if (width < 0 || isBlank(record.cells) || !fits(record.cells, width, parsing.shortRowsEmpty)) continue;
    const values = typedValues(record.cells, schema.fields, parsing.columns, parsing.conventions, missingValues);
    if (values) yield values;
  }
}

function typedValues(cells: RawCell[], fields: readonly PublishedField[], columns: number[], conventions: Conventions, missingValues: readonly string[]): RowValues | undefined {
  const values: RowValues = [];
  for (let index = 0; index < fields.length; index++) {
    const field = fields[index]!;
    const cell = cells[columns[index]!];
    if (isEmptyCell(cell, missingValues)) {
      if (field.constraints?.required) return undefined;
      values.push(null);
      continue;
    }
    const value = convertCell(cell, field.type, conventions);
    if (value === undefined || brokenConstraint(value, field)) return undefined;
    values.push(value);
  }
  return values;
}
