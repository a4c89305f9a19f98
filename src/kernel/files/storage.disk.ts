import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { FileMissingError, shardedKey, type FileStorage } from './storage.ts';

/** Files under one directory (DATA_DIR/files by default), sharded by hash prefix. */
export class DiskStorage implements FileStorage {
  readonly kind = 'disk';

  constructor(readonly root: string) {}

  pathOf(id: string): string {
    return path.join(this.root, shardedKey(id));
  }

  async put(id: string, tempPath: string): Promise<void> {
    const target = this.pathOf(id);
    try {
      if (await this.has(id)) return;
      await fs.mkdir(path.dirname(target), { recursive: true });
      // A rename is atomic: a reader sees the whole file or none, never a half-written one.
      await fs.rename(tempPath, target).catch(async (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EXDEV') throw error;
        // The temporary directory sits on another file system: copy beside the target, then rename.
        const beside = `${target}.${process.pid}.${Date.now()}.part`;
        await fs.copyFile(tempPath, beside);
        await fs.rename(beside, target);
      });
    } finally {
      await fs.rm(tempPath, { force: true });
    }
  }

  async has(id: string): Promise<boolean> {
    return fs.access(this.pathOf(id)).then(
      () => true,
      () => false,
    );
  }

  async open(id: string): Promise<Readable> {
    // Opening first turns a missing file into our error instead of a stream that fails on first read.
    const handle = await fs.open(this.pathOf(id), 'r').catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT' ? new FileMissingError(id) : error;
    });
    return handle.createReadStream();
  }

  async delete(id: string): Promise<void> {
    await fs.rm(this.pathOf(id), { force: true });
  }

  async close(): Promise<void> {}
}
