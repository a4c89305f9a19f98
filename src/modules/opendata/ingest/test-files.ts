/* Files for the ingestion tests, opened afresh on each call as the file store does. */
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import type { OpenFile } from './types.ts';

export const bytesFile = (bytes: Buffer | string): OpenFile => () => Promise.resolve(Readable.from([Buffer.from(bytes)]));

/** Windows-1252 bytes of a text, as Excel on a German Windows saves "CSV (Trennzeichen-getrennt)". */
export const windows1252File = (text: string): OpenFile => bytesFile(iconv.encode(text, 'windows-1252'));

/** A file produced line by line while it is read; it never exists whole. `produced` counts the lines made so far. */
export function generatedFile(header: string, rows: number, line: (index: number) => string, produced = { lines: 0 }): OpenFile {
  return () =>
    Promise.resolve(
      Readable.from(
        (function* () {
          produced.lines = 0;
          yield Buffer.from(`${header}\n`);
          const batch: string[] = [];
          for (let index = 0; index < rows; index++) {
            produced.lines++;
            batch.push(line(index));
            if (batch.length === 1000) yield Buffer.from(`${batch.splice(0).join('\n')}\n`);
          }
          if (batch.length) yield Buffer.from(`${batch.join('\n')}\n`);
        })(),
      ),
    );
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
