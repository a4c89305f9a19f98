import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesRetentionRule } from '#kernel/files/retention.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { staffClient } from './test/staff.ts';

/*
 * The back office's catalogue upload goes through the kernel's file store: typed by its content, refused
 * with the store's words when too large or of another kind, and never kept.
 */

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

async function editorUpload() {
  const editor = await staffClient(platform, 'editor');
  await editor.client.get('/verwaltung/katalog/import');
  return async (file: Buffer, name = 'katalog.json') => {
    const boundary = `----erkelenz${randomBytes(8).toString('hex')}`;
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${editor.client.csrfToken()}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/json\r\n\r\n`),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const cookie = [...editor.client.cookies].map(([key, value]) => `${key}=${value}`).join('; ');
    const response = await platform.app.inject({ method: 'POST', url: '/verwaltung/katalog/import', payload, remoteAddress: editor.client.remoteAddress, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie } });
    return { status: response.statusCode, body: response.body, location: response.headers.location };
  };
}

const emptyCatalog = () => Buffer.from(JSON.stringify({ format: 'erkelenz-digital/catalog', version: 1, exportedAt: new Date().toISOString(), offices: [], lifeSituations: [], services: [] }));

describe('uploading a catalogue file in the back office', () => {
  it('refuses a file above 20 MB (413) and one that is not text, whatever its name (415), each in words', async () => {
    const upload = await editorUpload();
    const tooLarge = await upload(Buffer.alloc(20 * 1024 * 1024 + 1, 0x20));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toContain('Die Datei ist zu groß. Erlaubt sind höchstens 20 MB.');
    const pdf = await upload(Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'));
    expect(pdf.status).toBe(415);
    expect(pdf.body).toContain('Dateien dieser Art werden hier nicht angenommen. Erlaubt sind: JSON.');
    const empty = await upload(Buffer.alloc(0));
    expect(empty.status).toBe(422);
    expect(empty.body).toContain('Die Datei ist leer. Bitte wählen Sie eine Datei mit Inhalt.');
    // The message stands at the file field as well as in the summary.
    expect(empty.body).toContain('id="file-error"');
    const none = await upload(Buffer.alloc(0), '');
    expect(none.status).toBe(422);
    expect(none.body).toContain('Bitte wählen Sie eine Katalog-Datei aus.');
  });

  it('imports from the store and keeps no reference, so the upload goes after the grace period', async () => {
    const upload = await editorUpload();
    const file = emptyCatalog();
    const done = await upload(file);
    expect(done.status).toBe(303);
    expect(done.location).toBe('/verwaltung/katalog?notice=imported');
    const id = createHash('sha256').update(file).digest('hex');
    expect((await platform.ctx.files.describe([id])).get(id)).toMatchObject({ mediaType: 'application/json', status: 'clean' });
    const referenced = await platform.ctx.db.withTables<{ file_refs: { file_id: string } }>().selectFrom('file_refs').select('file_id').where('file_id', '=', id).execute();
    expect(referenced).toEqual([]);

    await filesRetentionRule.purge(platform.ctx.db, new Date(Date.now() + 25 * 3_600_000), platform.ctx.config);
    expect(await platform.ctx.files.describe([id])).toEqual(new Map());
  });
});
