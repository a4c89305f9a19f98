import type { Readable } from 'node:stream';

/**
 * Where the bytes live, under their SHA-256. The store decides what is written and when it may go; a
 * backend only keeps bytes. Every backend passes the same contract suite (`store.test.ts`).
 */
export interface FileStorage {
  readonly kind: 'disk' | 's3';
  /**
   * Moves a finished temporary file (on the local disk) into the store under `id`; when the store holds that
   * id already, nothing is written. Either way the temporary file is gone afterwards.
   */
  put(id: string, tempPath: string, size: number): Promise<void>;
  has(id: string): Promise<boolean>;
  /** The content as a stream; throws FileMissingError when the store has no such file. */
  open(id: string): Promise<Readable>;
  /** Removes the content; a file already gone is no error. */
  delete(id: string): Promise<void>;
  close(): Promise<void>;
}

export class FileMissingError extends Error {
  constructor(readonly fileId: string) {
    super(`File ${fileId} is not in the store`);
  }
}

const sha256Hex = /^[0-9a-f]{64}$/;

/**
 * `ab/cd/abcd…`: two levels of 256 directories keep any one directory small on disk, and spread keys over
 * partitions in object storage. Refuses anything but a SHA-256, so no id can reach outside the store.
 */
export function shardedKey(id: string): string {
  if (!sha256Hex.test(id)) throw new Error(`Not a file id: ${JSON.stringify(id)}`);
  return `${id.slice(0, 2)}/${id.slice(2, 4)}/${id}`;
}
