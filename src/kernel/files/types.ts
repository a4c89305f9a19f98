import type { Readable } from 'node:stream';

/** The module, kind of record and record id that hold a reference to a file, e.g. notify's message 42. */
export interface FileOwner {
  module: string;
  kind: string;
  id: string;
}

/** `pending`: waiting for the virus scan, not downloadable; `infected`: content deleted, only the record stays. */
export type FileStatus = 'pending' | 'clean' | 'infected';

export interface FileInfo {
  /** SHA-256 of the stored bytes, in hex. */
  id: string;
  size: number;
  /** Detected from the content, never taken from a name or a browser's claim. */
  mediaType: string;
  /** File name extension that fits the media type (`jpg`, `pdf`, `txt`), without the dot. */
  extension: string;
  status: FileStatus;
  /** What decided the status: the scanner's name, or `none` when no scanner is configured. */
  scanner: string | null;
  /** The signature the scanner found, for an infected file. */
  signature: string | null;
  scannedAt: Date | null;
  createdAt: Date;
}

export interface PutOptions {
  /**
   * Media types the caller takes, e.g. `['application/pdf', 'image/jpeg']`. Text has no magic bytes: text
   * content (UTF-8, no control characters) matches `text/plain`, `text/csv` or `application/json`, and is
   * stored as the first of those the list names.
   */
  accept: readonly string[];
  /** Largest upload taken, in bytes; counted while the bytes arrive. */
  maxBytes: number;
}

export type PutRefusalReason = 'too-large' | 'type-not-allowed' | 'empty' | 'unreadable' | 'infected';

export type PutResult =
  | { ok: true; file: FileInfo }
  | {
      ok: false;
      reason: PutRefusalReason;
      /** What the content was found to be, for a refused type (null: nothing known). */
      detected?: string | null;
      /** Repeated from the call, so a route can say what would have been taken. */
      accept: readonly string[];
      maxBytes: number;
    };

export interface FileRefInput {
  fileId: string;
  owner: FileOwner;
  /** The file holds personal data: downloads are audited and never cached. */
  personal: boolean;
  /** The person the file is about, for the audit record of a download and for that person's data download. */
  dataSubjectId?: string | null;
}

export type AddRefResult = { ok: true } | { ok: false; reason: 'unknown-file' | 'infected' };

export type OpenResult =
  | { ok: true; file: FileInfo; content: Readable }
  | { ok: false; reason: 'unknown-file' | 'pending' | 'infected' };
