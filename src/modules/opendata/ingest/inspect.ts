/*
 * The reading side of an upload: `inspect` reads the file once to find how it is written, what its columns
 * are and what is wrong with it; `typedRows` reads it again the same way and yields the typed rows.
 */
import type { PublishedTableSchema } from '../tables.ts';
import { csvRecords, NotUtf8, type CsvReading, type Encoding } from './csv.ts';
import { inspectFeatures, typedFeatures } from './features.ts';
import { ReportBuilder, StopReading } from './report.ts';
import { inspectTable, typedTable, type TableFound } from './tabular.ts';
import type { IngestFormat, InspectOptions, Inspection, OpenFile, ParsingOptions, RowValues, SourceRecord } from './types.ts';
import { xlsxRecords, type XlsxReading } from './xlsx.ts';

interface Limits {
  schema?: PublishedTableSchema;
  maxColumns: number;
  maxErrors: number;
}

type TableSettings = Parameters<typeof inspectTable>[1];

/** Pass one over a table's records; a problem that ends reading is reported, never thrown. */
async function tableOrStop(records: AsyncIterable<SourceRecord>, settings: TableSettings, report: ReportBuilder): Promise<TableFound> {
  try {
    return await inspectTable(records, settings, report);
  } catch (error) {
    if (!(error instanceof StopReading)) throw error;
    if (error.problem.type !== 'too-many-columns') report.add(error.problem);
    report.stopped = true;
    return { schema: settings.declared ?? { fields: [] }, conventions: { decimal: ',', dateOrder: 'DMY' }, headerRow: 1, columns: [] };
  }
}

/** How a CSV file's table is read; the decimal mark's default waits for the delimiter the reader finds. */
export function csvSettings(reading: CsvReading, limits: Pick<Limits, 'schema' | 'maxColumns'>): TableSettings {
  // Without a cell that decides, a comma-separated file writes 1.5 and a semicolon one 1,5.
  const fallbackDecimal = () => (reading.found.delimiter === ',' ? '.' : ',');
  return { declared: limits.schema, maxColumns: limits.maxColumns, fallbackDecimal, shortRowsEmpty: false };
}

async function inspectCsv(open: OpenFile, limits: Limits): Promise<Inspection> {
  // Optimistic: read as UTF-8 and start again as Windows-1252 at the first byte that UTF-8 cannot decode.
  for (const encoding of ['utf-8', 'windows-1252'] as Encoding[]) {
    const report = new ReportBuilder(limits.maxErrors);
    const reading: CsvReading = { encoding, found: {} };
    try {
      const found = await tableOrStop(csvRecords(open, reading), csvSettings(reading, limits), report);
      if (encoding === 'windows-1252') report.note('windows1252');
      const parsing: ParsingOptions = { format: 'CSV', encoding, bom: reading.found.bom ?? false, delimiter: reading.found.delimiter, ...found.conventions, headerRow: found.headerRow, columns: found.columns };
      return { schema: found.schema, report: report.build(), parsing };
    } catch (error) {
      if (!(error instanceof NotUtf8)) throw error;
    }
  }
  throw new Error('Windows-1252 decodes every byte, so the loop returns');
}

async function inspectXlsx(open: OpenFile, limits: Limits): Promise<Inspection> {
  const report = new ReportBuilder(limits.maxErrors);
  const reading: XlsxReading = { found: {} };
  let found: TableFound;
  try {
    found = await tableOrStop(xlsxRecords(open, reading, true), { declared: limits.schema, maxColumns: limits.maxColumns, fallbackDecimal: () => ',', shortRowsEmpty: true }, report);
  } catch (error) {
    // exceljs throws on anything that is no workbook (a broken zip, a renamed CSV).
    if (error instanceof StopReading) throw error;
    report.add({ type: 'source-error', values: { code: 'xlsx' } });
    report.stopped = true;
    found = { schema: limits.schema ?? { fields: [] }, conventions: { decimal: ',', dateOrder: 'DMY' }, headerRow: 1, columns: [] };
  }
  if (reading.found.moreSheets) report.note('moreWorksheets');
  const parsing: ParsingOptions = { format: 'XLSX', sheet: reading.found.sheet, ...found.conventions, headerRow: found.headerRow, columns: found.columns };
  return { schema: found.schema, report: report.build(), parsing };
}

async function inspectGeojson(open: OpenFile, limits: Limits): Promise<Inspection> {
  const { found, report } = await inspectFeatures(open, limits.schema, limits.maxColumns, () => new ReportBuilder(limits.maxErrors));
  if (found.crs === 'EPSG:25832') report.note('reprojected');
  const parsing: ParsingOptions = { format: 'GEOJSON', ...found.conventions, columns: found.columns, crs: found.crs };
  return { schema: found.schema, report: report.build(), parsing };
}

/**
 * Pass one: reads the whole file once (streamed), infers its Table Schema or checks it against the declared
 * one, and reports every problem with its row and column. Bad files are reported, never thrown.
 */
export async function inspect(open: OpenFile, format: IngestFormat, options: InspectOptions = {}): Promise<Inspection> {
  const limits: Limits = { schema: options.schema, maxColumns: options.maxColumns ?? 1000, maxErrors: options.maxErrors ?? 100 };
  switch (format) {
    case 'CSV':
      return inspectCsv(open, limits);
    case 'XLSX':
      return inspectXlsx(open, limits);
    case 'GEOJSON':
      return inspectGeojson(open, limits);
  }
}

/**
 * Pass two: the rows of a file that `inspect` found valid, each in schema field order and typed for
 * PostgreSQL. A row the report faulted is left out; the loader loads only files without errors.
 */
export async function* typedRows(open: OpenFile, format: IngestFormat, schema: PublishedTableSchema, parsing: ParsingOptions): AsyncGenerator<RowValues> {
  const conventions = { decimal: parsing.decimal, dateOrder: parsing.dateOrder };
  if (format === 'GEOJSON') {
    yield* typedFeatures(open, schema, { columns: parsing.columns, conventions, crs: parsing.crs ?? 'EPSG:4326' });
    return;
  }
  const records =
    format === 'CSV' ? csvRecords(open, { encoding: parsing.encoding ?? 'utf-8', delimiter: parsing.delimiter, found: {} }) : xlsxRecords(open, { found: {} }, false);
  const columns = parsing.columns.map((column) => (typeof column === 'number' ? column : -1));
  yield* typedTable(records, schema, { headerRow: parsing.headerRow ?? 1, columns, conventions, shortRowsEmpty: format === 'XLSX' });
}
