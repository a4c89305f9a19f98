import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCitizen } from '#modules/accounts/test/builders.ts';
import { freePort } from '#test/free-port.ts';
import { FormClient } from '#test/http-client.ts';
import type { Platform } from '#kernel/platform.ts';
import { ClamdScanner } from '#kernel/files/clamd.ts';
import { FileStore } from '#kernel/files/store.ts';
import { pdfBytes } from './content.ts';
import { platformWith } from './platform.ts';
import { publishedOwner, uploadLimit, uploadModule } from './upload-module.ts';

type FilesPlatform = Platform & { runJobs(): Promise<number> };

async function signedIn(platform: FilesPlatform) {
  const citizen = await buildCitizen(platform.ctx);
  const client = new FormClient(platform.app);
  await client.get('/anmelden');
  const login = await client.post('/anmelden', { email: citizen.user.email!, password: citizen.password });
  expect(login.status).toBe(303);
  return { citizen, client };
}

/** Posts one file as a browser's multipart form does, with whatever name and type the browser claims. */
async function upload(platform: FilesPlatform, client: FormClient, file: { name: string; type: string; content: Buffer }, query = '') {
  await client.get('/dateitest');
  const boundary = `----erkelenz${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="nachweis"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const response = await platform.app.inject({
    method: 'POST',
    url: `/dateitest${query}`,
    payload,
    remoteAddress: client.remoteAddress,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-csrf-token': client.csrfToken(), cookie },
  });
  return { status: response.statusCode, body: response.json<{ id?: string; message?: string }>() };
}

async function auditRecords(platform: FilesPlatform, fileId: string) {
  return platform.ctx.db.selectFrom('audit_log').select(['actor_id', 'action', 'subject_type', 'subject_id', 'data_subject_id', 'meta']).where('subject_id', '=', fileId).execute();
}

describe('uploading through a module route and downloading as an attachment', () => {
  let platform: FilesPlatform;
  beforeAll(async () => {
    platform = await platformWith([uploadModule]);
  });
  afterAll(async () => {
    await platform.close();
  });

  it('takes a PDF streamed from a multipart request, references it for the person, and sends it back only as a download', async () => {
    const { citizen, client } = await signedIn(platform);
    const content = pdfBytes('Meldebescheinigung');
    const uploaded = await upload(platform, client, { name: 'scan.pdf', type: 'application/pdf', content });
    expect(uploaded.status).toBe(201);
    const fileId = uploaded.body.id!;

    const download = await client.get(`/dateitest/${fileId}?name=${encodeURIComponent('Meldebescheinigung Müller.pdf')}`);
    expect(download.status).toBe(200);
    expect(download.body).toBe(content.toString('utf8'));
    expect(download.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(content.length),
      'content-disposition': `attachment; filename="Meldebescheinigung Mueller.pdf"; filename*=UTF-8''Meldebescheinigung%20M%C3%BCller.pdf`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'no-store',
    });
    expect(await auditRecords(platform, fileId)).toEqual([
      {
        actor_id: citizen.user.id,
        action: 'kernel.file-downloaded',
        subject_type: 'file',
        subject_id: fileId,
        data_subject_id: citizen.user.id,
        meta: { filename: 'Meldebescheinigung Müller.pdf', mediaType: 'application/pdf', size: content.length },
      },
    ]);
  });

  it('takes the upload of an HTML form without JavaScript, the CSRF token among its fields', async () => {
    const { citizen, client } = await signedIn(platform);
    await client.get('/dateitest');
    const form = async (content: Buffer, token = client.csrfToken()) => {
      const boundary = `----erkelenz${randomBytes(8).toString('hex')}`;
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n`),
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="nachweis"; filename="nachweis.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
      return platform.app.inject({ method: 'POST', url: '/dateitest/formular', payload, remoteAddress: client.remoteAddress, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie } });
    };
    const content = pdfBytes('Formular');
    const sent = await form(content);
    expect(sent.statusCode).toBe(303);
    const fileId = sent.headers.location!.split('/').pop()!;
    expect(await platform.ctx.files.refsOf(platform.ctx.db, { module: 'filetest', kind: 'upload', id: citizen.user.id })).toEqual([fileId]);
    expect((await client.get(sent.headers.location!)).body).toBe(content.toString('utf8'));
    // A forged form from another site is refused, and what it sent stays unreferenced until it is removed.
    expect((await form(pdfBytes('untergeschoben'), 'falsch')).statusCode).toBe(403);
    expect(await platform.ctx.files.refsOf(platform.ctx.db, { module: 'filetest', kind: 'upload', id: citizen.user.id })).toEqual([fileId]);
    // A field that only claims to be an upload (multipart parses JSON fields) never counts as one.
    const boundary = `----erkelenz${randomBytes(8).toString('hex')}`;
    const claim = JSON.stringify({ ok: true, file: { id: 'f'.repeat(64) } });
    const forgedField = await platform.app.inject({
      method: 'POST',
      url: '/dateitest/formular',
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${client.csrfToken()}\r\n--${boundary}\r\nContent-Disposition: form-data; name="nachweis"\r\nContent-Type: application/json\r\n\r\n${claim}\r\n--${boundary}--\r\n`,
      remoteAddress: client.remoteAddress,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    expect(forgedField.statusCode).toBe(422);
    expect(await platform.ctx.files.refsOf(platform.ctx.db, { module: 'filetest', kind: 'upload', id: citizen.user.id })).toEqual([fileId]);
    const wrong = await form(Buffer.from('GIF89a nicht erlaubt'));
    expect([wrong.statusCode, wrong.json()]).toEqual([415, { message: 'Dateien dieser Art werden hier nicht angenommen. Erlaubt sind: PDF, JPEG.' }]);
  });

  it('decides the type from the content, not from the name or the type the browser claims', async () => {
    const { client } = await signedIn(platform);
    const disguised = await upload(platform, client, { name: 'foto.jpg', type: 'image/jpeg', content: Buffer.from('#!/bin/sh\necho hallo\n') });
    expect(disguised).toEqual({ status: 415, body: { message: 'Dateien dieser Art werden hier nicht angenommen. Erlaubt sind: PDF, JPEG.' } });
    const english = await upload(platform, client, { name: 'foto.jpg', type: 'image/jpeg', content: Buffer.from('plain words') }, '?lang=en');
    expect(english).toEqual({ status: 415, body: { message: 'Files of this kind are not accepted here. Accepted: PDF, JPEG.' } });
  });

  it('answers a file over the limit with 413 and an empty one with 422, each with its reason', async () => {
    const { client } = await signedIn(platform);
    const large = await upload(platform, client, { name: 'gross.pdf', type: 'application/pdf', content: Buffer.concat([pdfBytes(), randomBytes(uploadLimit)]) });
    expect(large).toEqual({ status: 413, body: { message: 'Die Datei ist zu groß. Erlaubt sind höchstens 64 KB.' } });
    // Beyond the parser's own limit the upload is cut off; the store notices and refuses it all the same.
    const huge = await upload(platform, client, { name: 'riesig.pdf', type: 'application/pdf', content: Buffer.concat([pdfBytes(), randomBytes(uploadLimit * 3)]) });
    expect(huge).toEqual(large);
    const empty = await upload(platform, client, { name: 'leer.pdf', type: 'application/pdf', content: Buffer.alloc(0) });
    expect(empty).toEqual({ status: 422, body: { message: 'Die Datei ist leer. Bitte wählen Sie eine Datei mit Inhalt.' } });
  });

  it('serves a file no reference marks personal without an audit record, and audits it once someone is named', async () => {
    const { files, db } = platform.ctx;
    const stored = await files.put(pdfBytes('Satzung'), { accept: ['application/pdf'], maxBytes: 10_000 });
    if (!stored.ok) throw new Error(stored.reason);
    await db.transaction().execute((trx) => files.addRef(trx, { fileId: stored.file.id, owner: publishedOwner, personal: false }));
    const visitor = new FormClient(platform.app);
    const download = await visitor.get(`/dateitest/oeffentlich/${stored.file.id}`);
    expect(download.status).toBe(200);
    expect(download.headers['cache-control']).toBe('private, no-cache');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="Satzung.pdf"; filename*=UTF-8''Satzung.pdf`);
    expect(await auditRecords(platform, stored.file.id)).toEqual([]);

    // The same bytes, uploaded by a person as their own: every download of them is now about that person.
    const { citizen } = await signedIn(platform);
    await db.transaction().execute((trx) => files.addRef(trx, { fileId: stored.file.id, owner: { module: 'filetest', kind: 'upload', id: citizen.user.id }, personal: true, dataSubjectId: citizen.user.id }));
    const again = await visitor.get(`/dateitest/oeffentlich/${stored.file.id}`);
    expect(again.headers['cache-control']).toBe('no-store');
    expect(await auditRecords(platform, stored.file.id)).toMatchObject([{ actor_id: null, data_subject_id: citizen.user.id, action: 'kernel.file-downloaded' }]);
  });

  it('keeps a file in quarantine while the scanner cannot be reached, and refuses to send it', async () => {
    const { citizen, client } = await signedIn(platform);
    // A store with a scanner at an address where nothing listens: the scan job fails and is tried again later.
    const unreachable = new ClamdScanner({ kind: 'tcp', host: '127.0.0.1', port: await freePort() }, 2000);
    const guarded = new FileStore({ ...platform.ctx.files.parts, scanner: unreachable });
    const stored = await guarded.put(pdfBytes('ungeprüft'), { accept: ['application/pdf'], maxBytes: 10_000 });
    expect(stored).toMatchObject({ ok: true, file: { status: 'pending', scanner: null } });
    if (!stored.ok) throw new Error(stored.reason);
    const owner = { module: 'filetest', kind: 'upload', id: citizen.user.id };
    await platform.ctx.db.transaction().execute((trx) => platform.ctx.files.addRef(trx, { fileId: stored.file.id, owner, personal: true, dataSubjectId: citizen.user.id }));

    await expect(guarded.scan(stored.file.id)).rejects.toThrow(/clamd unreachable: ECONNREFUSED/);
    expect((await guarded.describe([stored.file.id])).get(stored.file.id)?.status).toBe('pending');
    const refused = await client.get(`/dateitest/${stored.file.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toContain('Die Datei wird noch auf Schadsoftware geprüft. Bitte versuchen Sie es in einigen Minuten noch einmal.');
    expect(await guarded.open(stored.file.id)).toEqual({ ok: false, reason: 'pending' });
    expect(await auditRecords(platform, stored.file.id)).toEqual([]);
  });

  it('tells on the privacy page how long a file nobody needs is kept', async () => {
    const page = await new FormClient(platform.app).get('/datenschutz');
    expect(page.body).toContain('eine Datei, die kein Vorgang und keine Nachricht mehr braucht, löschen wir in der ersten Nacht, nachdem sie 24 Stunden lang nicht mehr gebraucht wurde.');
  });

  it('answers an unknown file with 404', async () => {
    const { client } = await signedIn(platform);
    expect((await client.get(`/dateitest/${'0'.repeat(64)}`)).status).toBe(404);
  });
});
