import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesDb } from '#kernel/files/repo.ts';
import { pdfBytes } from '#test/files/content.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { formsModule } from './forms-module.tsx';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform({}, [formsModule]);
});
afterAll(async () => {
  await platform.close();
});

/** Posts the proof form as a browser does: multipart, the CSRF token and the key as fields beside the file. */
async function send(client: FormClient, fields: Record<string, string>, file?: { name: string; type: string; content: Buffer }) {
  const page = await client.get('/formtest/nachweis');
  const key = /name="_formKey" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const boundary = `----erkelenz${randomBytes(8).toString('hex')}`;
  const parts = Object.entries({ _csrf: client.csrfToken(), _formKey: key, ...fields }).map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  const filePart = file
    ? [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="proof"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.content, Buffer.from('\r\n')]
    : [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="proof"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n`)];
  const payload = Buffer.concat([...parts, ...filePart, Buffer.from(`--${boundary}--\r\n`)]);
  const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const response = await platform.app.inject({ method: 'POST', url: '/formtest/nachweis', payload, remoteAddress: client.remoteAddress, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie } });
  return { status: response.statusCode, body: response.body };
}

describe('a file field', () => {
  it('streams the file into the file store and yields a reference to it in the value', async () => {
    const content = pdfBytes('Hundehaftpflicht');
    const response = await send(new FormClient(platform.app), { name: 'Erika' }, { name: 'police.pdf', type: 'application/pdf', content });
    expect(response.status).toBe(200);
    const answer = JSON.parse(response.body) as { name: string; filename: string; fileId: string; mediaType: string };
    expect(answer).toMatchObject({ name: 'Erika', filename: 'police.pdf', mediaType: 'application/pdf' });
    const [stored] = await filesDb(platform.ctx.db).selectFrom('files').select(['id', 'size', 'media_type']).where('id', '=', answer.fileId).execute();
    expect(stored).toEqual({ id: answer.fileId, size: content.length, media_type: 'application/pdf' });
  });

  it('refuses what the store refuses, at the field, and shows the rest of the form again as typed', async () => {
    const client = new FormClient(platform.app);
    const wrongType = await send(client, { name: 'Erika <Mustermann>' }, { name: 'police.pdf', type: 'application/pdf', content: Buffer.from('GIF89a kein PDF') });
    expect(wrongType.status).toBe(422);
    expect(wrongType.body).toContain('Dateien dieser Art werden hier nicht angenommen. Erlaubt sind: PDF.');
    expect(wrongType.body).toContain('value="Erika &lt;Mustermann>"');
    expect(wrongType.body).toContain('enctype="multipart/form-data"');

    const tooLarge = await send(client, { name: 'Erika' }, { name: 'gross.pdf', type: 'application/pdf', content: Buffer.concat([pdfBytes(), randomBytes(70 * 1024)]) });
    expect(tooLarge.status).toBe(422);
    expect(tooLarge.body).toContain('Die Datei ist zu groß. Erlaubt sind höchstens 64 KB.');

    const none = await send(client, { name: '' });
    expect(none.status).toBe(422);
    expect(none.body).toContain('Bitte wählen Sie für „Anmelden“ eine Datei aus.');
    expect(none.body).toContain('Bitte füllen Sie das Feld „Startseite“ aus.');
  });
});
