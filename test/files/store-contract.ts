import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPlatform } from '#test/platform.ts';
import { filesDb } from '#kernel/files/repo.ts';
import { filesRetentionRule } from '#kernel/files/retention.ts';
import { chunked, pdfBytes, readAll, sha256 } from './content.ts';

const hours = 3_600_000;

export interface Backend {
  name: string;
  start(): Promise<{ platform: TestPlatform; stamp: (id: string) => Promise<string>; stop: () => Promise<void> }>;
}

/** A stamp of the stored object (inode and modification time) that changes if it is written again. */
export async function fileStamp(file: string): Promise<string> {
  const stat = await fs.stat(file);
  return `${stat.ino}:${stat.mtimeMs}`;
}

/** The file store's behaviour, the same on every storage: each storage's test file runs it. */
export function describeFileStore(backend: Backend): void {
  describe(`file store on ${backend.name}`, () => {
    let platform: TestPlatform;
    let stamp: (id: string) => Promise<string>;
    let stop: () => Promise<void>;
    const tmpDir = () => path.join(platform.ctx.config.DATA_DIR, 'tmp');
    const fileCount = async () => Number((await filesDb(platform.ctx.db).selectFrom('files').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

    beforeAll(async () => {
      ({ platform, stamp, stop } = await backend.start());
    });
    afterAll(async () => {
      await stop();
    });

    it(`uses the ${backend.name} storage the configuration names`, () => {
      expect(platform.ctx.files.storage.kind).toBe(backend.name === 'local disk' ? 'disk' : 's3');
    });

    it('stores a streamed upload under the SHA-256 of its bytes and gives the same bytes back', async () => {
      const bytes = Buffer.concat([pdfBytes(), randomBytes(300_000)]);
      const result = await platform.ctx.files.put(chunked(bytes), { accept: ['application/pdf'], maxBytes: 1024 * 1024 });
      expect(result).toMatchObject({ ok: true, file: { id: sha256(bytes), size: bytes.length, mediaType: 'application/pdf', extension: 'pdf', status: 'clean', scanner: 'none' } });
      expect(await platform.ctx.files.storage.has(sha256(bytes))).toBe(true);
      const opened = await platform.ctx.files.open(sha256(bytes));
      if (!opened.ok) throw new Error(`not readable: ${opened.reason}`);
      expect((await readAll(opened.content)).equals(bytes)).toBe(true);
      expect(await fs.readdir(tmpDir())).toEqual([]);
    });

    it('keeps one copy of content uploaded twice and does not write it again', async () => {
      const bytes = pdfBytes('zweimal');
      const first = await platform.ctx.files.put(bytes, { accept: ['application/pdf'], maxBytes: 10_000 });
      if (!first.ok) throw new Error(first.reason);
      const before = await stamp(first.file.id);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const second = await platform.ctx.files.put(chunked(bytes, 7), { accept: ['application/pdf'], maxBytes: 10_000 });
      expect(second).toMatchObject({ ok: true, file: { id: first.file.id } });
      expect(await stamp(first.file.id)).toBe(before);
      const rows = await filesDb(platform.ctx.db).selectFrom('files').select('id').where('id', '=', first.file.id).execute();
      expect(rows).toHaveLength(1);
    });

    it('refuses what is too large, empty or of a type the caller does not take, and keeps nothing of it', async () => {
      const before = await fileCount();
      const put = (bytes: Buffer, accept: string[], maxBytes = 50_000) => platform.ctx.files.put(chunked(bytes, 1000), { accept, maxBytes });
      expect(await put(Buffer.concat([pdfBytes(), randomBytes(60_000)]), ['application/pdf'])).toMatchObject({ ok: false, reason: 'too-large', maxBytes: 50_000 });
      expect(await put(Buffer.alloc(0), ['application/pdf'])).toMatchObject({ ok: false, reason: 'empty' });
      // The content decides, whatever a name or a browser might claim: these bytes are a PDF.
      expect(await put(pdfBytes(), ['image/jpeg', 'image/png'])).toEqual({ ok: false, reason: 'type-not-allowed', detected: 'application/pdf', accept: ['image/jpeg', 'image/png'], maxBytes: 50_000 });
      expect(await put(randomBytes(2000), ['text/plain', 'text/csv'])).toMatchObject({ ok: false, reason: 'type-not-allowed', detected: null });
      expect(await fileCount()).toBe(before);
      expect(await fs.readdir(tmpDir())).toEqual([]);
    });

    it('takes text as the text type the caller asks for, since text has no magic bytes', async () => {
      const csv = Buffer.from('Straße;Hausnummer\nJohannismarkt;17\n');
      expect(await platform.ctx.files.put(csv, { accept: ['application/pdf', 'text/csv'], maxBytes: 1000 })).toMatchObject({ ok: true, file: { mediaType: 'text/csv', extension: 'csv' } });
      expect(await platform.ctx.files.put(Buffer.from('{"a":1}\u0000'), { accept: ['application/json'], maxBytes: 1000 })).toMatchObject({ ok: false, reason: 'type-not-allowed' });
      // Excel on a German Windows writes Windows-1252: ß is the single byte 0xDF, € is 0x80; that is text too.
      const legacy = Buffer.from([...Buffer.from('Straße;Betrag\r\nMarkt;5 ', 'latin1'), 0x80, 0x0d, 0x0a]);
      expect(await platform.ctx.files.put(legacy, { accept: ['text/csv'], maxBytes: 1000 })).toMatchObject({ ok: true, file: { mediaType: 'text/csv' } });
      expect(await platform.ctx.files.put(Buffer.from([0x41, 0x3b, 0x81, 0x0a]), { accept: ['text/csv'], maxBytes: 1000 })).toMatchObject({ ok: false, reason: 'type-not-allowed' });
    });

    it('keeps referenced files and removes unreferenced ones after the grace period, content and record', async () => {
      const { files, db, config } = platform.ctx;
      const kept = await files.put(pdfBytes('Antrag'), { accept: ['application/pdf'], maxBytes: 10_000 });
      const abandoned = await files.put(pdfBytes('abgebrochen'), { accept: ['application/pdf'], maxBytes: 10_000 });
      if (!kept.ok || !abandoned.ok) throw new Error('put failed');
      const owner = { module: 'tests', kind: 'application', id: 'A-1' };
      const added = await db.transaction().execute((trx) => files.addRef(trx, { fileId: kept.file.id, owner, personal: true, dataSubjectId: null }));
      expect(added).toEqual({ ok: true });
      expect(await files.refsOf(db, owner)).toEqual([kept.file.id]);

      // Within the grace period nothing goes, referenced or not.
      await filesRetentionRule.purge(db, new Date(), config);
      expect(await files.storage.has(abandoned.file.id)).toBe(true);

      await filesRetentionRule.purge(db, new Date(Date.now() + 25 * hours), config);
      expect(await files.storage.has(kept.file.id)).toBe(true);
      expect(await files.storage.has(abandoned.file.id)).toBe(false);
      expect([...(await files.describe([kept.file.id, abandoned.file.id])).keys()]).toEqual([kept.file.id]);

      expect(await db.transaction().execute((trx) => files.removeRefs(trx, owner))).toBe(1);
      await filesRetentionRule.purge(db, new Date(Date.now() + 25 * hours), config);
      expect(await files.storage.has(kept.file.id)).toBe(false);
      expect(await files.describe([kept.file.id])).toEqual(new Map());
    });

    it('refuses a reference to a file it does not hold, and a rolled-back reference leaves none', async () => {
      const { files, db } = platform.ctx;
      const owner = { module: 'tests', kind: 'message', id: 'M-1' };
      expect(await db.transaction().execute((trx) => files.addRef(trx, { fileId: 'a'.repeat(64), owner, personal: false }))).toEqual({ ok: false, reason: 'unknown-file' });
      const stored = await files.put(pdfBytes('zurückgerollt'), { accept: ['application/pdf'], maxBytes: 10_000 });
      if (!stored.ok) throw new Error(stored.reason);
      await expect(
        db.transaction().execute(async (trx) => {
          await files.addRef(trx, { fileId: stored.file.id, owner, personal: false });
          throw new Error('the caller changed its mind');
        }),
      ).rejects.toThrow('the caller changed its mind');
      expect(await files.refsOf(db, owner)).toEqual([]);
    });

    it('stores content again that was removed in the meantime', async () => {
      const { files, db, config } = platform.ctx;
      const bytes = pdfBytes('wiederkehrend');
      const first = await files.put(bytes, { accept: ['application/pdf'], maxBytes: 10_000 });
      if (!first.ok) throw new Error(first.reason);
      await filesRetentionRule.purge(db, new Date(Date.now() + 25 * hours), config);
      expect(await files.storage.has(first.file.id)).toBe(false);
      expect(await files.put(bytes, { accept: ['application/pdf'], maxBytes: 10_000 })).toMatchObject({ ok: true, file: { id: first.file.id, status: 'clean' } });
      expect(await files.storage.has(first.file.id)).toBe(true);
    });

    it('removes temporary files of interrupted uploads with the unreferenced files', async () => {
      await fs.mkdir(tmpDir(), { recursive: true });
      await fs.writeFile(path.join(tmpDir(), 'abgebrochen.part'), 'halb');
      await filesRetentionRule.purge(platform.ctx.db, new Date(Date.now() + 25 * hours), platform.ctx.config);
      expect(await fs.readdir(tmpDir())).toEqual([]);
    });
  });
}
