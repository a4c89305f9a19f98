import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { AnyExecutor, Db } from '../db/database.ts';
import type { Jobs } from '../jobs.ts';
import { ClamdScanner } from './clamd.ts';
import { describeFile, receive, type Received } from './intake.ts';
import { scanFileJob } from './jobs.ts';
import { acceptedType, detect, strippedImageTypes, stripImage } from './media.ts';
import { deleteRefs, findFiles, insertFile, insertRef, markScanned, refsOf, touchFile } from './repo.ts';
import type { Scanner } from './scanner.ts';
import { sendFile, type SendOptions } from './send.ts';
import { FileMissingError, type FileStorage } from './storage.ts';
import { DiskStorage } from './storage.disk.ts';
import { S3Storage } from './storage.s3.ts';
import { putUploads, uploadOf, type Upload } from './uploads.ts';
import type { AddRefResult, FileInfo, FileOwner, FileRefInput, FileStatus, OpenResult, PutOptions, PutResult } from './types.ts';

export interface FileStoreParts {
  db: Db;
  /** The job system, looked up when a scan is queued: the context creates it beside the store. */
  jobs: () => Jobs;
  storage: FileStorage;
  /** null: no scanner configured; files are clean at once, recorded as scanned by `none`. */
  scanner: Scanner | null;
  /** Where uploads are written while they arrive; on the same disk as DATA_DIR/files, so a rename moves them. */
  tmpDir: string;
  log: FastifyBaseLogger;
}

/**
 * The platform's one store for uploaded and generated files (`ctx.files`): content-addressed, streamed,
 * typed by content, scanned, referenced by the records that use it, and served only as a download after
 * the owning module's access check. See README.md beside this file.
 */
export class FileStore {
  constructor(readonly parts: FileStoreParts) {}

  get storage(): FileStorage {
    return this.parts.storage;
  }

  /**
   * Takes an upload (a stream such as @fastify/multipart's `file`, or bytes the platform made). Refusals come
   * back tagged; a file with the same content as one stored before is the same file, stored once. With a
   * scanner the file is `pending` until the scan job has run; the job is queued with the file's record.
   */
  async put(source: Readable | Uint8Array, options: PutOptions): Promise<PutResult> {
    const refuse = (reason: Extract<PutResult, { ok: false }>['reason'], detected?: string | null): PutResult => ({ ok: false, reason, detected, accept: options.accept, maxBytes: options.maxBytes });
    const taken = await receive(source, this.parts.tmpDir, options.maxBytes);
    if (!taken.ok) return refuse(taken.reason);
    const temporary = [taken.received.path];
    try {
      const detected = await detect(taken.received);
      const type = acceptedType(detected, options.accept);
      if (!type) return refuse('type-not-allowed', detected?.mime ?? null);
      let stored: Received | { path: string; size: number; sha256: string } = taken.received;
      if (type.mime in strippedImageTypes) {
        const stripped = await stripImage(taken.received, type.mime, this.parts.tmpDir);
        if (!stripped) return refuse('unreadable', type.mime);
        temporary.push(stripped);
        stored = { path: stripped, ...(await describeFile(stripped)) };
      }
      // Touching first keeps the removal of unreferenced files from taking a copy this upload relies on.
      const existing = await touchFile(this.parts.db, stored.sha256);
      if (existing === 'infected') return refuse('infected', type.mime);
      await this.parts.storage.put(stored.sha256, stored.path, stored.size);
      await this.#record({ id: stored.sha256, size: stored.size, mediaType: type.mime, extension: type.extension });
      const [file] = await findFiles(this.parts.db, [stored.sha256]);
      if (!file) throw new Error(`File ${stored.sha256} vanished while it was stored`);
      return { ok: true, file };
    } finally {
      await Promise.all(temporary.map((file) => fs.rm(file, { force: true })));
    }
  }

  /**
   * `onFile` for @fastify/multipart with `attachFieldsToBody`: each file field goes into the store while the
   * body is parsed, before the route's CSRF and permission checks; the handler reads it with `uploadOf`
   * and references it only once it accepts it.
   */
  onFile(options: PutOptions) {
    return putUploads((source, put) => this.put(source, put), options);
  }

  /** The upload of a file field, stored by `onFile` for this request. */
  uploadOf(request: FastifyRequest, field: string): Upload | undefined {
    return uploadOf(request, field);
  }

  /** Records a reference inside the caller's transaction; idempotent for the same file and owner. */
  async addRef(trx: AnyExecutor, ref: FileRefInput): Promise<AddRefResult> {
    const status = await touchFile(trx, ref.fileId);
    if (status === undefined) return { ok: false, reason: 'unknown-file' };
    if (status === 'infected') return { ok: false, reason: 'infected' };
    await insertRef(trx, ref);
    return { ok: true };
  }

  /**
   * Removes the owner's references (or only the one to `fileId`) inside the caller's transaction. A file no
   * one references any more is deleted by the kernel's retention rule after the grace period.
   */
  async removeRefs(trx: AnyExecutor, owner: FileOwner, fileId?: string): Promise<number> {
    return deleteRefs(trx, owner, fileId);
  }

  /** The files an owner references, oldest reference first. */
  async refsOf(db: AnyExecutor, owner: FileOwner): Promise<string[]> {
    return refsOf(db, owner);
  }

  /** What the store knows about each file, by id; unknown ids are missing from the map. */
  async describe(ids: readonly string[], db: AnyExecutor = this.parts.db): Promise<Map<string, FileInfo>> {
    return new Map((await findFiles(db, [...new Set(ids)])).map((file) => [file.id, file]));
  }

  /** The content of a clean file, for a module that reads it (an import) or passes it on (a mail attachment). */
  async open(fileId: string): Promise<OpenResult> {
    const [file] = await findFiles(this.parts.db, [fileId]);
    if (!file) return { ok: false, reason: 'unknown-file' };
    if (file.status !== 'clean') return { ok: false, reason: file.status };
    return { ok: true, file, content: await this.parts.storage.open(fileId) };
  }

  /**
   * Scans a pending file now and records the outcome; the scan job calls this, and a route may too when it
   * wants the answer at once. An infected file's content is deleted; its record stays, marked `infected`,
   * so the owning module can tell the person. Throws when the scanner cannot tell (the job then retries).
   */
  async scan(fileId: string): Promise<FileStatus | null> {
    const [file] = await findFiles(this.parts.db, [fileId]);
    if (!file || file.status !== 'pending') return file?.status ?? null;
    const { scanner, storage, db, log } = this.parts;
    if (!scanner) {
      await markScanned(db, fileId, { status: 'clean', scanner: 'none' });
      return 'clean';
    }
    const result = await scanner.scan(await storage.open(fileId));
    if (!result.infected) {
      await markScanned(db, fileId, { status: 'clean', scanner: scanner.name });
      return 'clean';
    }
    // The record changes only if the content is gone too: a failed delete rolls back and the job tries again.
    await db.transaction().execute(async (trx) => {
      await markScanned(trx, fileId, { status: 'infected', scanner: scanner.name, signature: result.signature });
      await storage.delete(fileId);
    });
    log.warn({ fileId, signature: result.signature }, 'infected file deleted');
    return 'infected';
  }

  /**
   * Sends a clean file as a download. Call it after the route's own access check; it refuses pending and
   * infected files, and audits the download of a personal file. See `SendOptions`.
   */
  async send(reply: FastifyReply, options: SendOptions): Promise<FastifyReply> {
    return sendFile(this.parts, reply, options);
  }

  async close(): Promise<void> {
    await this.parts.storage.close();
  }

  async #record(file: { id: string; size: number; mediaType: string; extension: string }): Promise<void> {
    const { db, jobs, scanner } = this.parts;
    await db.transaction().execute(async (trx) => {
      const created = await insertFile(trx, { ...file, status: scanner ? 'pending' : 'clean', scanner: scanner ? null : 'none' });
      if (created && scanner) await jobs().enqueue(trx, scanFileJob, { fileId: file.id });
      // Bytes stored again after a removal, or by two uploads at once: the record is fresh either way.
      if (!created) await touchFile(trx, file.id);
    });
  }
}

/** The storage the configuration names: S3-compatible object storage when FILES_S3_URL is set, else DATA_DIR/files. */
export function storageFor(config: Config): FileStorage {
  if (!config.FILES_S3_URL) return new DiskStorage(path.join(config.DATA_DIR, 'files'));
  return new S3Storage({
    url: config.FILES_S3_URL,
    region: config.FILES_S3_REGION,
    accessKeyId: config.FILES_S3_ACCESS_KEY_ID ?? '',
    secretAccessKey: config.FILES_S3_SECRET_ACCESS_KEY ?? '',
  });
}

export function scannerFor(config: Config): Scanner | null {
  return config.CLAMD_URL ? new ClamdScanner(config.CLAMD_URL, config.CLAMD_TIMEOUT_SECONDS * 1000) : null;
}

export function openFileStore(config: Config, db: Db, log: FastifyBaseLogger, jobs: () => Jobs): FileStore {
  return new FileStore({ db, jobs, storage: storageFor(config), scanner: scannerFor(config), tmpDir: path.join(config.DATA_DIR, 'tmp'), log });
}

export { FileMissingError };
