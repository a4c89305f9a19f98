/*
 * CSV as records: the encoding found from the bytes (UTF-8 with or without a byte-order mark, else
 * Windows-1252), the delimiter sniffed from the first lines, then csv-parse streaming with a bound on one
 * record's size, so that a file without line breaks cannot fill the memory.
 */
import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { csvDelimiters } from '#kernel/db/copy-csv.ts';
import { StopReading } from './report.ts';
import type { OpenFile, SourceRecord } from './types.ts';

export type Encoding = 'utf-8' | 'windows-1252';

/** Thrown when the bytes are not UTF-8: the pass starts again as Windows-1252. */
export class NotUtf8 extends Error {}

export interface CsvReading {
  encoding: Encoding;
  delimiter?: string;
  /** Filled in while reading: what was found. */
  found: { delimiter?: string; bom?: boolean };
}

export const maxRecordChars = 4 * 1024 * 1024;
const sniffChars = 64 * 1024;

/** Bytes at the end of a chunk that begin a UTF-8 sequence the next chunk completes. */
function incompleteTail(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if (byte < 0x80) return 0;
    if (byte >= 0xc0) return back < (byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2) ? back : 0;
  }
  return 0;
}

/**
 * The file for the parser: UTF-8 passes through as bytes once checked (no decoding to text and back),
 * Windows-1252 is decoded. A byte-order mark is dropped; NUL bytes or bytes Windows-1252 leaves undefined
 * mean the file is no text.
 */
export async function* fileChunks(open: OpenFile, reading: CsvReading): AsyncGenerator<Buffer | string> {
  const source = await open();
  const cp1252 = iconv.getDecoder('windows-1252');
  let offset = 0;
  let carry = Buffer.alloc(0);
  try {
    for await (const chunk of source as AsyncIterable<Buffer | string>) {
      let bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (offset === 0 && carry.length === 0) {
        reading.found.bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
        if (reading.found.bom) bytes = bytes.subarray(3);
      }
      const nul = bytes.indexOf(0);
      if (nul >= 0) throw new StopReading({ type: 'encoding-error', values: { offset: offset + nul } });
      if (reading.encoding === 'windows-1252') {
        const text = cp1252.write(bytes);
        const undefinedByte = text.indexOf('\ufffd');
        if (undefinedByte >= 0) throw new StopReading({ type: 'encoding-error', values: { offset: offset + undefinedByte } });
        offset += bytes.length;
        if (text) yield text;
        continue;
      }
      const joined = carry.length ? Buffer.concat([carry, bytes]) : bytes;
      const whole = joined.subarray(0, joined.length - incompleteTail(joined));
      if (!isUtf8(whole)) throw new NotUtf8();
      carry = Buffer.from(joined.subarray(whole.length));
      offset += bytes.length;
      if (whole.length) yield whole;
    }
    if (carry.length) throw new NotUtf8();
  } finally {
    (source as Readable).destroy?.();
  }
}

/** The candidate that splits the first lines into the same number of cells most often, and the most cells. */
export function sniffDelimiter(head: string): string {
  const end = head.lastIndexOf('\n');
  const sample = end > 0 ? head.slice(0, end) : head;
  let best = { delimiter: ';', score: 0 };
  for (const delimiter of csvDelimiters) {
    let widths: number[];
    try {
      const records: string[][] = parseSync(sample, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, to_line: 50 });
      widths = records.map((record) => record.length);
    } catch {
      continue;
    }
    const counts = new Map<number, number>();
    for (const width of widths) counts.set(width, (counts.get(width) ?? 0) + 1);
    const [width, count] = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] ?? [0, 0];
    if (width < 2) continue;
    const score = (count / widths.length) * 1_000_000 + width;
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

async function* replay(head: (Buffer | string)[], rest: AsyncGenerator<Buffer | string>): AsyncGenerator<Buffer | string> {
  try {
    yield* head;
    for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
  } finally {
    // Closes the file when the reader stops early.
    await rest.return(undefined);
  }
}

const stopCodes: Record<string, 'record-too-large' | 'source-error'> = { CSV_MAX_RECORD_SIZE: 'record-too-large' };

/** The file's records, numbered from 1 as its rows (a quoted line break keeps one record one row). */
export async function* csvRecords(open: OpenFile, reading: CsvReading): AsyncGenerator<SourceRecord> {
  const chunks = fileChunks(open, reading);
  const head: (Buffer | string)[] = [];
  for (let size = 0; size < sniffChars; ) {
    const next = await chunks.next();
    if (next.done) break;
    head.push(next.value);
    size += next.value.length;
  }
  const delimiter = reading.delimiter ?? sniffDelimiter(head.map((chunk) => chunk.toString()).join(''));
  reading.found.delimiter = delimiter;
  const parser = parse({ delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, max_record_size: maxRecordChars });
  const input = Readable.from(replay(head, chunks), { objectMode: false });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  let row = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      row++;
      yield { row, cells };
    }
  } catch (error) {
    const { code, records } = error as { code?: unknown; records?: unknown };
    if (typeof code === 'string' && code.startsWith('CSV_')) {
      // csv-parse runs ahead of this reader, so its own count names the record that failed.
      const failed = (typeof records === 'number' ? records : row) + 1;
      throw new StopReading({ type: stopCodes[code] ?? 'source-error', row: failed, values: { code } });
    }
    throw error;
  } finally {
    input.destroy();
    parser.destroy();
  }
}
