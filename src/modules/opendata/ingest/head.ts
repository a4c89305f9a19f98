/*
 * The head of a CSV file, for the fast load (`datastore/load-csv.ts`): its first rows are read the usual
 * way, and when they show a plain table (the header on the first line, rows of its width, every column filled
 * somewhere and of a type SQL reads) their schema and conventions go to PostgreSQL with the whole file's text.
 *
 * The types stay those the whole file would give: a column's type only ever widens as more cells are seen,
 * and the fast load refuses as soon as one cell further down is not of the type the head showed, so the
 * file is then read whole the usual way. The head must fill every column, or an empty column would become
 * text where the whole file makes it a number. The conventions cannot change either: every later cell of a
 * typed column is read under the head's conventions, so it votes for them or for neither.
 */
import { csvDelimiters, type CsvDelimiter } from '#kernel/db/copy-csv.ts';
import type { PublishedTableSchema } from '../tables.ts';
import { isEmptyCell, type Conventions } from './convert.ts';
import { csvRecords, fileChunks, type CsvReading, type Encoding } from './csv.ts';
import { csvSettings } from './inspect.ts';
import { ReportBuilder, StopReading } from './report.ts';
import { sqlReadableTypes } from './sql-readers.ts';
import { headRecords, inspectTable } from './tabular.ts';
import type { OpenFile, SourceRecord, ValidationReport } from './types.ts';

const maxColumns = 1000;

export interface CsvHead {
  schema: PublishedTableSchema;
  conventions: Conventions;
  delimiter: CsvDelimiter;
  /** The file's text from the header line on, decoded; throws `NotUtf8` where UTF-8 turns out wrong. */
  text: () => AsyncIterable<string | Buffer>;
  /** The report of a file loaded whole: its rows, its header, what was noticed. */
  report: (rowCount: number) => ValidationReport;
}

/**
 * The head of the file read in the given encoding, or undefined when the file needs the usual reading.
 * Throws `NotUtf8` (from `csv.ts`) when the head already shows UTF-8 is wrong.
 */
export async function csvHead(open: OpenFile, encoding: Encoding): Promise<CsvHead | undefined> {
  const reading: CsvReading = { encoding, found: {} };
  const head: SourceRecord[] = [];
  async function* firstRows(): AsyncGenerator<SourceRecord> {
    for await (const record of csvRecords(open, reading)) {
      head.push(record);
      yield record;
      if (head.length > headRecords) return;
    }
  }
  const report = new ReportBuilder(1);
  let found;
  try {
    found = await inspectTable(firstRows(), csvSettings(reading, { maxColumns }), report);
  } catch (error) {
    if (error instanceof StopReading) return undefined;
    throw error;
  }
  const delimiter = csvDelimiters.find((candidate) => candidate === reading.found.delimiter);
  const header = report.header;
  const plain =
    report.build().valid &&
    found.headerRow === 1 &&
    delimiter !== undefined &&
    header.every((cell) => !/[\r\n]/.test(cell)) &&
    found.schema.fields.every((field, index) => sqlReadableTypes.has(field.type) && head.slice(1).some((record) => !isEmptyCell(record.cells[index], [''])));
  if (!plain) return undefined;
  return {
    schema: found.schema,
    conventions: found.conventions,
    delimiter,
    text: () => fileChunks(open, { encoding, found: {} }),
    report: (rowCount) => {
      const whole = new ReportBuilder(1);
      whole.header = header;
      whole.rowCount = rowCount;
      if (encoding === 'windows-1252') whole.note('windows1252');
      return whole.build();
    },
  };
}
