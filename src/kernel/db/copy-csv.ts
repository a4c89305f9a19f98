import { setImmediate as nextTurn } from 'node:timers/promises';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { copyFromStdin, quoteIdentifier, type CopyOptions, type CopyTable } from './copy.ts';
import type { ConnectionLock } from './pglite-dialect.ts';

/*
 * A CSV file's text straight into a table of text columns, read by PostgreSQL's own CSV parser: the fastest
 * way a file gets into the database, with no JavaScript touching its rows. The caller checks and types the
 * rows afterwards in SQL. A row with too few or too many cells, or a quote left open, fails the whole COPY
 * (PostgreSQL's error), which the caller takes as the sign to read the file the slow, explaining way.
 */

export const csvDelimiters = [';', ',', '\t', '|'] as const;
export type CsvDelimiter = (typeof csvDelimiters)[number];

export interface CsvCopyOptions extends CopyOptions {
  delimiter: CsvDelimiter;
  /** The text starts with a header line, which COPY skips. */
  header: boolean;
}

/** Copies CSV text (any chunking, UTF-8 bytes or strings) into a table's columns; returns the rows copied. */
export type CopyCsvInto = (table: CopyTable, columns: readonly string[], text: AsyncIterable<string | Buffer>, options: CsvCopyOptions) => Promise<number>;

function csvStatement(table: CopyTable, columns: readonly string[], source: string, options: { delimiter: CsvDelimiter; header: boolean }): string {
  if (!csvDelimiters.includes(options.delimiter)) throw new Error(`Not a CSV delimiter COPY is given: ${JSON.stringify(options.delimiter)}`);
  const delimiter = options.delimiter === '\t' ? `E'\\t'` : `'${options.delimiter}'`;
  const list = columns.map(quoteIdentifier).join(', ');
  return `copy ${quoteIdentifier(table.schema)}.${quoteIdentifier(table.name)} (${list}) from ${source} with (format csv, delimiter ${delimiter}, header ${options.header})`;
}

/** PostgreSQL: one COPY FROM STDIN fed the text as it comes; progress counts line breaks (about the rows). */
export async function copyCsvIntoPostgres(pool: pg.Pool, ...[table, columns, text, options]: Parameters<CopyCsvInto>): Promise<number> {
  return copyFromStdin(pool, csvStatement(table, columns, 'stdin', options), counted(text, options.onProgress));
}

async function* counted(text: AsyncIterable<string | Buffer>, onProgress: ((rows: number) => void) | undefined): AsyncGenerator<string | Buffer> {
  let lines = 0;
  let told = 0;
  for await (const chunk of text) {
    if (onProgress) {
      for (let at = chunk.indexOf('\n'); at >= 0; at = chunk.indexOf('\n', at + 1)) lines++;
      if (lines - told >= 10_000) onProgress((told = lines));
    }
    yield chunk;
  }
}

/**
 * Where the text may be cut between two COPYs: just after the last line break outside quotes. CSV doubles
 * a quote inside a quoted cell, which closes and reopens the quote here, so counting quotes is enough.
 */
export function lastRecordEnd(text: string, from: number, inQuotes: boolean): { end: number; inQuotes: boolean } {
  let end = -1;
  let at = from;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (!inQuotes) {
      const lineBreak = text.lastIndexOf('\n', quote < 0 ? text.length - 1 : quote - 1);
      if (lineBreak >= at) end = lineBreak + 1;
    }
    if (quote < 0) return { end, inQuotes };
    inQuotes = !inQuotes;
    at = quote + 1;
  }
}

// About 2 MB of text per COPY: PGlite holds the event loop while it copies, some 0.2 s for this much.
const defaultChunkChars = 2 * 1024 * 1024;

/**
 * PGlite has no COPY FROM STDIN: the text goes in blobs, each cut after a whole record, one COPY each (the
 * first skips the header), the connection given back between them so pages keep answering.
 */
export async function copyCsvIntoPglite(client: PGlite, lock: ConnectionLock, ...[table, columns, text, options]: Parameters<CopyCsvInto>): Promise<number> {
  const limit = options.chunkChars ?? defaultChunkChars;
  let pending = '';
  let scanned = 0;
  let inQuotes = false;
  let header = options.header;
  let copied = 0;
  const copy = async (blobText: string) => {
    const statement = csvStatement(table, columns, `'/dev/blob'`, { delimiter: options.delimiter, header });
    header = false;
    const result = await lock.run(() => client.query(statement, [], { blob: new Blob([blobText]) }));
    copied += result.affectedRows ?? 0;
    options.onProgress?.(copied);
    await nextTurn();
  };
  for await (const chunk of text) {
    pending += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    if (pending.length < limit) continue;
    const cut = lastRecordEnd(pending, scanned, inQuotes);
    // A quoted cell still open at the end of what is there: wait for more text.
    if (cut.end < 0) {
      scanned = pending.length;
      inQuotes = cut.inQuotes;
      continue;
    }
    const rest = pending.slice(cut.end);
    await copy(pending.slice(0, cut.end));
    pending = rest;
    // The quote state at the cut is "outside" by construction; the rest is scanned again from its start.
    scanned = 0;
    inQuotes = false;
  }
  if (pending.length > 0 || header) await copy(pending);
  return copied;
}
