import { createHash } from 'node:crypto';
import net from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '#kernel/auth/actor.ts';
import { filesRetentionRule } from '#kernel/files/retention.ts';
import { applyRetentionJob } from '#kernel/retention.ts';
import { buildApiClient, buildCitizen } from '#modules/accounts/test/builders.ts';
import { freePort } from '#test/free-port.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { notifyDb } from './repo.templates.ts';
import { createPrintBatch, setPrintBatchStatus } from './service.print.ts';
import { binaryPdf, buildMessage, caseReceived, signInCitizen } from './test/builders.ts';

/*
 * Attachments and print batches in the kernel's file store: stored once, referenced by what uses them,
 * handed out only through the store, and given up with their records.
 */

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const messageOwner = (id: string) => ({ module: 'notify', kind: 'message', id });
const attachmentRows = (messageId: string) => notifyDb(platform.ctx.db).selectFrom('notify_attachments').selectAll().where('message_id', '=', messageId).execute();
const later = (hours: number) => new Date(Date.now() + hours * 3_600_000);

describe('attachments in the file store', () => {
  it('stores the same content once for two messages, and keeps it while either message refers to it', async () => {
    const citizen = await buildCitizen(platform.ctx, { preferred_channel: 'digital' });
    const content = binaryPdf('Satzung');
    const first = await buildMessage(platform.ctx, { recipient: { userId: citizen.user.id }, attachments: [{ filename: 'Satzung.pdf', content }] });
    const second = await buildMessage(platform.ctx, { recipient: { userId: citizen.user.id }, attachments: [{ filename: 'Satzung 2026.pdf', content }] });

    const [a] = await attachmentRows(first.messageId);
    const [b] = await attachmentRows(second.messageId);
    expect(a).toMatchObject({ file_id: sha256(content), content: null, content_type: 'application/pdf', size: content.length, filename: 'Satzung.pdf' });
    expect(b?.file_id).toBe(a?.file_id);
    const stored = await sql<{ n: number }>`select count(*)::int as n from files where id = ${a!.file_id}`.execute(platform.ctx.db);
    expect(stored.rows[0]?.n).toBe(1);
    expect(await platform.ctx.files.refsOf(platform.ctx.db, messageOwner(first.messageId))).toEqual([a!.file_id]);
    expect(await platform.ctx.files.refsOf(platform.ctx.db, messageOwner(second.messageId))).toEqual([a!.file_id]);

    // The first message passes its retention period; the second still uses the file, so it stays.
    await sql`update notify_messages set created_at = now() - interval '400 days' where id = ${first.messageId}`.execute(platform.ctx.db);
    await platform.ctx.jobs.enqueue(platform.ctx.db, applyRetentionJob, {});
    await platform.ctx.jobs.drain(platform.ctx, [applyRetentionJob.name]);
    expect(await attachmentRows(first.messageId)).toEqual([]);
    await filesRetentionRule.purge(platform.ctx.db, later(25), platform.ctx.config);
    expect(await platform.ctx.files.storage.has(a!.file_id!)).toBe(true);
  });

  it('hands an attachment out as a download through the store, not cached, and records it for the person', async () => {
    const citizen = await buildCitizen(platform.ctx, { preferred_channel: 'digital' });
    const content = binaryPdf('Bescheid');
    const sent = await buildMessage(platform.ctx, { recipient: { userId: citizen.user.id }, attachments: [{ filename: 'Bescheid Müller.pdf', contentType: 'application/pdf', content }] });
    const client = new FormClient(platform.app);
    await signInCitizen(client, citizen);
    const link = /href="(\/konto\/nachrichten\/[^"]+\/anhaenge\/[^"]+)"/.exec((await client.get(`/konto/nachrichten/${sent.messageId}`)).body)![1]!;

    const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const download = await platform.app.inject({ method: 'GET', url: link, remoteAddress: client.remoteAddress, headers: { cookie } });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(content)).toBe(true);
    expect(download.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="Bescheid Mueller.pdf"; filename*=UTF-8''Bescheid%20M%C3%BCller.pdf`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'no-store',
    });
    const audit = await platform.ctx.db.selectFrom('audit_log').select(['actor_id', 'action', 'subject_type', 'subject_id', 'data_subject_id']).where('action', '=', 'notify.attachment-downloaded').where('actor_id', '=', citizen.user.id).execute();
    expect(audit).toEqual([{ actor_id: citizen.user.id, action: 'notify.attachment-downloaded', subject_type: 'file', subject_id: sha256(content), data_subject_id: citizen.user.id }]);
  });

  it('sends the attachment’s bytes unchanged to the mail server', async () => {
    const citizen = await buildCitizen(platform.ctx, { preferred_channel: 'digital' });
    const content = binaryPdf('Gebührenbescheid');
    const sent = await buildMessage(platform.ctx, { recipient: { userId: citizen.user.id }, attachments: [{ filename: 'Gebührenbescheid.pdf', content }] });
    await platform.runJobs();
    const mail = platform.smtp.messages.find((candidate) => candidate.messageId === `<${sent.messageId}@localhost>`);
    expect(mail?.attachments.map((file) => [file.filename, file.contentType, sha256(file.content)])).toEqual([['Gebührenbescheid.pdf', 'application/pdf', sha256(content)]]);
  });

  it('puts the data download’s attachment contents together from the store', async () => {
    const citizen = await buildCitizen(platform.ctx, { preferred_channel: 'digital' });
    const content = binaryPdf('Auskunft');
    await buildMessage(platform.ctx, { recipient: { userId: citizen.user.id }, attachments: [{ filename: 'Auskunft.pdf', content }] });
    const client = new FormClient(platform.app);
    await signInCitizen(client, citizen);
    const data = JSON.parse((await client.get('/konto/daten.json')).body) as { notify: { messages: { attachments: { filename: string; content_base64: string }[] }[] } };
    expect(data.notify.messages.flatMap((message) => message.attachments)).toEqual([{ filename: 'Auskunft.pdf', content_type: 'application/pdf', size: content.length, content_base64: content.toString('base64') }]);
  });

  it('refuses through the API an attachment that is not what the client says it is (415), and sends nothing', async () => {
    const client = await buildApiClient(platform.ctx, ['notify.send']);
    const response = await platform.app.inject({
      method: 'POST',
      url: '/api/v1/notifications',
      headers: { authorization: `Bearer ${client.token}` },
      payload: {
        purpose: 'case-received',
        cause: 'falsche-anlage',
        recipient: { name: 'Gisela Gast', language: 'de', email: 'gisela@example.org' },
        values: caseReceived,
        attachments: [{ filename: 'Bescheid.pdf', contentType: 'application/pdf', contentBase64: Buffer.from('Nur Text, kein PDF').toString('base64') }],
      },
    });
    expect(response.statusCode).toBe(415);
    expect(response.body).toContain('Anlage „Bescheid.pdf“: Dateien dieser Art werden hier nicht angenommen. Erlaubt sind: PDF.');
    expect(await notifyDb(platform.ctx.db).selectFrom('notify_messages').select('id').where('cause', 'like', '%falsche-anlage').execute()).toEqual([]);
  });
});

describe('print batches in the file store', () => {
  it('removes a purged batch’s references at once and its files with the store’s rule after the grace period', async () => {
    const writer = await buildCitizen(platform.ctx, { display_name: 'Frida Frist', preferred_channel: 'letter', street: 'Ostpromenade', house_number: '5', postal_code: '41812', city: 'Erkelenz' });
    await buildMessage(platform.ctx, { recipient: { userId: writer.user.id } });
    const batch = await createPrintBatch(platform.ctx, systemActor('test'));
    if (!batch.ok) throw new Error('no batch');
    const owner = { module: 'notify', kind: 'print-batch', id: batch.batchId };
    const files = await platform.ctx.files.refsOf(platform.ctx.db, owner);
    expect(files).toHaveLength(2);
    await setPrintBatchStatus(platform.ctx, systemActor('test'), batch.batchId, 'posted');
    await sql`update notify_print_batches set printed_at = now() - interval '31 days' where id = ${batch.batchId}`.execute(platform.ctx.db);

    await platform.ctx.jobs.enqueue(platform.ctx.db, applyRetentionJob, {});
    await platform.ctx.jobs.drain(platform.ctx, [applyRetentionJob.name]);
    expect(await platform.ctx.files.refsOf(platform.ctx.db, owner)).toEqual([]);
    expect([...(await platform.ctx.files.describe(files)).keys()].sort()).toEqual([...files].sort());

    await filesRetentionRule.purge(platform.ctx.db, later(25), platform.ctx.config);
    expect(await platform.ctx.files.describe(files)).toEqual(new Map());
    for (const id of files) expect(await platform.ctx.files.storage.has(id)).toBe(false);
  });
});

/** A clamd that finds nothing: reads the INSTREAM chunks until the empty one, then answers clean. */
async function cleanClamd(port: number): Promise<net.Server> {
  const server = net.createServer((socket) => {
    let pending = Buffer.alloc(0);
    let commandRead = false;
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      if (!commandRead) {
        const end = pending.indexOf(0);
        if (end < 0) return;
        pending = pending.subarray(end + 1);
        commandRead = true;
      }
      while (pending.length >= 4) {
        const length = pending.readUInt32BE(0);
        if (length === 0) {
          socket.end('stream: OK\0');
          return;
        }
        if (pending.length < 4 + length) return;
        pending = pending.subarray(4 + length);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

describe('an attachment waiting for its virus scan', () => {
  let scanned: TestPlatform;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    scanned = await createTestPlatform({ CLAMD_URL: `tcp://127.0.0.1:${port}`, CLAMD_TIMEOUT_SECONDS: '2' });
  });
  afterAll(async () => {
    await scanned.close();
  });

  it('holds the e-mail back without using up an attempt, and sends it once the scan found the file clean', async () => {
    const citizen = await buildCitizen(scanned.ctx, { preferred_channel: 'digital' });
    const content = binaryPdf('Quarantäne');
    const sent = await buildMessage(scanned.ctx, { recipient: { userId: citizen.user.id }, attachments: [{ filename: 'Bescheid.pdf', content }] });
    const delivery = () => notifyDb(scanned.ctx.db).selectFrom('notify_deliveries').selectAll().where('message_id', '=', sent.messageId).where('channel', '=', 'email').executeTakeFirstOrThrow();

    // clamd cannot be reached: the file stays pending, the e-mail waits.
    await scanned.runJobs();
    expect((await scanned.ctx.files.describe([sha256(content)])).get(sha256(content))?.status).toBe('pending');
    expect(await delivery()).toMatchObject({ status: 'created', attempts: 0 });
    expect(scanned.smtp.messages).toEqual([]);

    const clamd = await cleanClamd(port);
    try {
      await sql`update pgboss.job set start_after = now() - interval '1 second' where state = 'retry'`.execute(scanned.ctx.db);
      await scanned.runJobs();
    } finally {
      await new Promise((resolve) => clamd.close(resolve));
    }
    expect((await scanned.ctx.files.describe([sha256(content)])).get(sha256(content))).toMatchObject({ status: 'clean', scanner: 'clamav' });
    expect(await delivery()).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(scanned.smtp.messages.map((mail) => sha256(mail.attachments[0]!.content))).toEqual([sha256(content)]);
  });
});
