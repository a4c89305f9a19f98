import fs from 'node:fs/promises';
import path from 'node:path';
import { pino } from 'pino';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { RetentionRule } from '../module.ts';
import { deleteIfUnreferenced, unreferencedSince } from './repo.ts';
import { storageFor } from './store.ts';
import type { FileStorage } from './storage.ts';

const batch = 200;

/**
 * Deletes files no record references and nothing has touched for FILES_UNREFERENCED_HOURS: uploads of
 * forms never sent, attachments of purged messages. Each file goes in a transaction of its own that
 * deletes the record, then the content; if the content cannot be deleted the record stays for next time.
 */
export async function purgeUnreferencedFiles(db: Db, storage: FileStorage, now: Date, graceHours: number, onFailure: (id: string, error: unknown) => void): Promise<number> {
  const cutoff = new Date(now.getTime() - graceHours * 3_600_000);
  let removed = 0;
  for (;;) {
    const candidates = await unreferencedSince(db, cutoff, batch);
    let progress = 0;
    for (const id of candidates) {
      const deleted = await db
        .transaction()
        .execute(async (trx) => {
          if (!(await deleteIfUnreferenced(trx, id, cutoff))) return false;
          await storage.delete(id);
          return true;
        })
        .catch((error: unknown) => {
          onFailure(id, error);
          return false;
        });
      if (deleted) progress += 1;
    }
    removed += progress;
    if (candidates.length < batch || progress === 0) return removed;
  }
}

/** Temporary files of uploads interrupted by a crash or a restart. */
export async function purgeStaleUploads(tmpDir: string, now: Date, graceHours: number): Promise<number> {
  const names = await fs.readdir(tmpDir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    const file = path.join(tmpDir, name);
    const stat = await fs.stat(file).catch(() => null);
    if (!stat?.isFile() || now.getTime() - stat.mtimeMs < graceHours * 3_600_000) continue;
    await fs.rm(file, { force: true });
    removed += 1;
  }
  return removed;
}

export const filesRetentionRule: RetentionRule = {
  id: 'kernel.files',
  description: 'kernel:retention.files',
  descriptionValues: (config) => ({ hours: config.FILES_UNREFERENCED_HOURS }),
  table: 'file_refs',
  columns: ['data_subject_id'],
  purge: async (db: Db, now: Date, config: Config) => {
    const storage = storageFor(config);
    // A storage outage must not stop the other rules of the night; it is logged, and the files wait for the next run.
    const onFailure = (id: string, error: unknown) => pino({ level: config.LOG_LEVEL }).warn({ err: error, fileId: id }, 'unreferenced file not deleted');
    try {
      const files = await purgeUnreferencedFiles(db, storage, now, config.FILES_UNREFERENCED_HOURS, onFailure);
      return files + (await purgeStaleUploads(path.join(config.DATA_DIR, 'tmp'), now, config.FILES_UNREFERENCED_HOURS));
    } finally {
      await storage.close();
    }
  },
};
