/*
 * A workbook's first worksheet as records, read with exceljs's streaming reader: rows arrive one at a time,
 * cells typed (numbers, dates, booleans, text). Formula cells give their last computed result.
 */
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { OpenFile, RawCell, SourceRecord } from './types.ts';

export interface XlsxReading {
  found: { sheet?: string; moreSheets?: boolean };
}

function plainCell(value: unknown): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  const cell = value as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: unknown };
  if ('formula' in cell || 'sharedFormula' in cell) return plainCell(cell.result);
  if (Array.isArray(cell.richText)) return cell.richText.map((part) => part.text).join('');
  if (typeof cell.text === 'string') return cell.text;
  // An error cell (#NV, #DIV/0!) is shown as the spreadsheet shows it; it fails any type but text.
  if (typeof cell.error === 'string') return cell.error;
  return JSON.stringify(value);
}

/**
 * The rows of the first worksheet with their sheet row numbers. The rest of the workbook is read on only
 * when `countSheets` asks whether there are more worksheets (the first pass says so in its report).
 */
export async function* xlsxRecords(open: OpenFile, reading: XlsxReading, countSheets: boolean): AsyncGenerator<SourceRecord> {
  const source = (await open()) as Readable;
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(source, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', entries: 'emit' });
  let sheets = 0;
  try {
    for await (const worksheet of workbook) {
      sheets++;
      if (sheets === 1) {
        reading.found.sheet = (worksheet as unknown as { name?: string }).name;
        for await (const row of worksheet) {
          const values = (row.values as unknown[]).slice(1);
          yield { row: row.number, cells: Array.from(values, plainCell) };
        }
        if (!countSheets) return;
      } else {
        reading.found.moreSheets = true;
        // The reader streams each sheet's rows; they must be drained before it moves to the next entry.
        for await (const row of worksheet) void row;
      }
    }
  } finally {
    source.destroy();
  }
}
