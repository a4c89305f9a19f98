import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCitizen } from '#modules/accounts/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import type { Platform } from '#kernel/platform.ts';
import { ClamdScanner } from '#kernel/files/clamd.ts';
import { chunked, pdfBytes } from './content.ts';
import { eicar, eicarSignature, startClamd, type ClamdDaemon } from './clamd-daemon.ts';
import { platformWith } from './platform.ts';
import { uploadModule } from './upload-module.ts';

let clamd: ClamdDaemon;
beforeAll(async () => {
  clamd = await startClamd();
});
afterAll(async () => {
  await clamd?.stop();
});

describe('the ClamAV adapter against clamd', () => {
  it('hears "OK" for clean content and the signature for EICAR, over TCP', async () => {
    const scanner = new ClamdScanner(clamd.tcp, 30_000);
    expect(await scanner.scan(Readable.from([Buffer.from('Antrag auf einen Anwohnerparkausweis')]))).toEqual({ infected: false });
    expect(await scanner.scan(Readable.from([Buffer.from(eicar)]))).toEqual({ infected: true, signature: eicarSignature });
  });

  it('speaks the same over the Unix socket', async () => {
    const scanner = new ClamdScanner(clamd.unix, 30_000);
    expect(await scanner.scan(Readable.from([Buffer.from(eicar)]))).toEqual({ infected: true, signature: eicarSignature });
    expect(await scanner.scan(Readable.from([pdfBytes()]))).toEqual({ infected: false });
  });

  it('finds a signature that straddles the chunks the content is sent in', async () => {
    const scanner = new ClamdScanner(clamd.tcp, 30_000);
    const content = Buffer.concat([randomBytes(64 * 1024 - 20), Buffer.from(eicar), randomBytes(100_000)]);
    expect(await scanner.scan(chunked(content, 10_000))).toEqual({ infected: true, signature: eicarSignature });
  });

  it('fails, rather than calling it clean, when the content exceeds what clamd takes', async () => {
    const scanner = new ClamdScanner(clamd.tcp, 30_000);
    await expect(scanner.scan(chunked(randomBytes(clamd.streamMaxBytes + 200_000), 64 * 1024))).rejects.toThrow(
      // clamd answers and hangs up; whether its answer or the failed write is read first, the scan fails.
      /^clamd could not scan: (INSTREAM size limit exceeded|it closed the connection while the content was sent \((EPIPE|ECONNRESET)\))/,
    );
  });
});

describe('uploads in quarantine until clamd has scanned them', () => {
  let platform: Platform & { runJobs(): Promise<number> };
  beforeAll(async () => {
    platform = await platformWith([uploadModule], { CLAMD_URL: clamd.url });
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('serves a clean upload after its scan, and deletes an infected one, keeping its record and signature', async () => {
    const { files, db } = platform.ctx;
    const citizen = await buildCitizen(platform.ctx);
    const client = new FormClient(platform.app);
    await client.get('/anmelden');
    expect((await client.post('/anmelden', { email: citizen.user.email!, password: citizen.password })).status).toBe(303);
    const owner = { module: 'filetest', kind: 'upload', id: citizen.user.id };
    const put = async (content: Buffer) => {
      const result = await files.put(content, { accept: ['application/pdf'], maxBytes: 100_000 });
      if (!result.ok) throw new Error(result.reason);
      await db.transaction().execute((trx) => files.addRef(trx, { fileId: result.file.id, owner, personal: true, dataSubjectId: citizen.user.id }));
      return result.file;
    };
    const clean = await put(pdfBytes('Meldebescheinigung'));
    const infected = await put(Buffer.concat([pdfBytes('Rechnung'), Buffer.from(eicar)]));
    expect([clean.status, infected.status]).toEqual(['pending', 'pending']);
    const waiting = await client.get(`/dateitest/${clean.id}`);
    expect(waiting.status).toBe(409);
    expect(waiting.body).toContain('Die Datei wird noch auf Schadsoftware geprüft.');

    expect(await platform.runJobs()).toBeGreaterThanOrEqual(2);

    const scanned = await files.describe([clean.id, infected.id]);
    expect(scanned.get(clean.id)).toMatchObject({ status: 'clean', scanner: 'clamav', signature: null });
    expect(scanned.get(clean.id)?.scannedAt).toBeInstanceOf(Date);
    expect(scanned.get(infected.id)).toMatchObject({ status: 'infected', scanner: 'clamav', signature: eicarSignature });
    expect(await files.storage.has(clean.id)).toBe(true);
    expect(await files.storage.has(infected.id)).toBe(false);

    const download = await client.get(`/dateitest/${clean.id}`);
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toBe(`attachment; filename="Nachweis.pdf"; filename*=UTF-8''Nachweis.pdf`);
    const refused = await client.get(`/dateitest/${infected.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toContain('Die Datei wurde gelöscht, weil sie Schadsoftware enthielt.');
    expect(await files.open(infected.id)).toEqual({ ok: false, reason: 'infected' });
  });

  it('refuses at once content it has found infected before', async () => {
    const content = Buffer.concat([pdfBytes('Mahnung'), Buffer.from(eicar)]);
    const first = await platform.ctx.files.put(content, { accept: ['application/pdf'], maxBytes: 100_000 });
    if (!first.ok) throw new Error(first.reason);
    expect(await platform.ctx.files.scan(first.file.id)).toBe('infected');
    expect(await platform.ctx.files.put(content, { accept: ['application/pdf'], maxBytes: 100_000 })).toMatchObject({ ok: false, reason: 'infected' });
    expect(await platform.ctx.db.transaction().execute((trx) => platform.ctx.files.addRef(trx, { fileId: first.file.id, owner: { module: 'filetest', kind: 'upload', id: 'x' }, personal: false }))).toEqual({
      ok: false,
      reason: 'infected',
    });
  });
});
