import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { ConnectionLock } from './pglite-dialect.ts';

/*
 * Bulk loading with COPY in its text format: one line per row, values separated by tabs, `\N` for null.
 * It is the fastest way into PostgreSQL by far (no statement per row, no parameters to bind), and the same
 * lines serve both databases: a server takes them as a stream through one pooled connection; PGlite, which
 * has no COPY FROM STDIN, takes them as a blob of a few megabytes at a time, and lets every other query
 * waiting for its single connection run between two blobs, so pages keep answering while a million rows load.
 */

export interface CopyTable {
  schema: string;
  name: string;
}

export interface CopyOptions {
  /** Told the number of rows copied so far, now and then (after each blob on PGlite, every 10,000 rows on a server). */
  onProgress?: (rowsCopied: number) => void;
  /** PGlite: how many characters of lines go into one COPY; smaller blobs let waiting queries in sooner. */
  chunkChars?: number;
}

/** Copies lines into a table's columns: each line one row in COPY text format, without its line break. */
export type CopyInto = (table: CopyTable, columns: readonly string[], lines: AsyncIterable<string>, options?: CopyOptions) => Promise<number>;

/** One value in COPY text format: `\N` for null; backslash, tab, line feed and carriage return escaped. */
export function copyText(value: string | null): string {
  if (value === null) return '\\N';
  // Fast path: most values need no escaping, and a million rows of ten columns go through here.
  if (!/[\\\t\n\r]/.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (character) => copyEscapes[character]!);
}

const copyEscapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export function quoteIdentifier(name: string): string {
  if (name.includes('\0')) throw new Error('An identifier cannot contain a NUL character');
  return `"${name.replace(/"/g, '""')}"`;
}

function copyStatement(table: CopyTable, columns: readonly string[], source: string): string {
  const list = columns.map(quoteIdentifier).join(', ');
  return `copy ${quoteIdentifier(table.schema)}.${quoteIdentifier(table.name)} (${list}) from ${source}`;
}

// About 2 MB: PGlite holds the event loop while it copies a blob, some 0.2 s for this much on these machines.
const defaultChunkChars = 2 * 1024 * 1024;

/** PGlite: blobs of lines, one COPY each, the connection given back between them. Not inside a transaction. */
export async function copyIntoPglite(client: PGlite, lock: ConnectionLock, ...[table, columns, lines, options = {}]: Parameters<CopyInto>): Promise<number> {
  const statement = copyStatement(table, columns, `'/dev/blob'`);
  const limit = options.chunkChars ?? defaultChunkChars;
  // One string per blob: a Blob made of many small parts costs several times the COPY itself.
  let chunk = '';
  let copied = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    const blob = new Blob([chunk]);
    chunk = '';
    const result = await lock.run(() => client.query(statement, [], { blob }));
    copied += result.affectedRows ?? 0;
    options.onProgress?.(copied);
    // A turn of the event loop lets requests that arrived during the COPY queue up for the connection first.
    await nextTurn();
  };
  for await (const line of lines) {
    chunk += `${line}\n`;
    if (chunk.length >= limit) await flush();
  }
  await flush();
  return copied;
}

/** PostgreSQL: one COPY FROM STDIN on a pooled connection, fed as a stream with backpressure. */
export async function copyIntoPostgres(pool: pg.Pool, ...[table, columns, lines, options = {}]: Parameters<CopyInto>): Promise<number> {
  return copyFromStdin(pool, copyStatement(table, columns, 'stdin'), batched(lines, options.onProgress));
}

/** A COPY … FROM STDIN statement fed from `source` on a connection of the pool; returns the rows copied. */
export async function copyFromStdin(pool: pg.Pool, statement: string, source: AsyncIterable<string | Buffer>): Promise<number> {
  const client = await pool.connect();
  let failed = false;
  try {
    const stream = client.query(copyFrom(statement));
    await pipeline(Readable.from(source), stream);
    return stream.rowCount;
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    // A connection whose COPY broke off is not trusted back into the pool.
    client.release(failed);
  }
}

/** Lines gathered into chunks of about 64 kB: a stream chunk per line would cost more than the COPY itself. */
async function* batched(lines: AsyncIterable<string>, onProgress: ((rows: number) => void) | undefined): AsyncGenerator<string> {
  let chunk = '';
  let count = 0;
  for await (const line of lines) {
    chunk += `${line}\n`;
    count += 1;
    if (count % 10_000 === 0) onProgress?.(count);
    if (chunk.length >= 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
  onProgress?.(count);
}
