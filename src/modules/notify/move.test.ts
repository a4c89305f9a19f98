import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCitizen, buildStaff } from '#modules/accounts/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { moveFilesCommand } from './commands.ts';
import { deliverEmailJob, moveStoredFilesJob } from './jobs.ts';
import { notifyDb } from './repo.templates.ts';
import { binaryPdf, buildMessage, signInCitizen, signInStaff } from './test/builders.ts';

/*
 * Attachments and print batches written before notify used the file store keep their bytes in the database
 * until the move puts them there. Rows are written here as the earlier version wrote them.
 */

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const db = () => notifyDb(platform.ctx.db);

async function legacyAttachment(messageId: string, position: number, filename: string, contentType: string, content: Buffer) {
  const row = await db()
    .insertInto('notify_attachments')
    .values({ message_id: messageId, position, filename, content_type: contentType, size: content.length, content })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function run(command = moveFilesCommand) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await command.run(platform.ctx, [], { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

describe('moving files kept in the database into the file store', () => {
  it('moves attachments and print batches, which read as before; leaves what the store refuses, and says so', async () => {
    const citizen = await buildCitizen(platform.ctx, { preferred_channel: 'digital' });
    const message = await buildMessage(platform.ctx, { recipient: { userId: citizen.user.id } });
    const pdf = binaryPdf('Altbescheid');
    const moved = await legacyAttachment(message.messageId, 0, 'Altbescheid.pdf', 'application/pdf', pdf);
    // Sent as text by an earlier client; text it is, and the type it was sent as is kept.
    const csv = Buffer.from('Straße;Nummer\nMarkt;4\n');
    await legacyAttachment(message.messageId, 1, 'liste.csv', 'text/csv', csv);
    const garbage = Buffer.concat([Buffer.from([0, 1, 2, 3]), randomBytes(64)]);
    const refused = await legacyAttachment(message.messageId, 2, 'kaputt.pdf', 'application/pdf', garbage);
    const batchPdf = binaryPdf('Druckstapel');
    const manifest = 'position;reference\r\n1;N-2026-ALT\r\n';
    const batch = await db()
      .insertInto('notify_print_batches')
      .values({ reference: 'DS-2026-ALT0-0001', letters: 1, pages: 1, pdf: batchPdf, manifest, created_by: 'system:notify.print-batch' })
      .returning('id')
      .executeTakeFirstOrThrow();

    const client = new FormClient(platform.app);
    await signInCitizen(client, citizen);
    const desk = new FormClient(platform.app);
    await signInStaff(desk, await buildStaff(platform.ctx, [{ role: 'administrator' }]));
    const download = (who: FormClient, url: string) =>
      platform.app.inject({ method: 'GET', url, remoteAddress: who.remoteAddress, headers: { cookie: [...who.cookies].map(([name, value]) => `${name}=${value}`).join('; ') } });
    const attachmentUrl = `/konto/nachrichten/${message.messageId}/anhaenge/${moved}`;

    // Before the move: no download, an e-mail would wait, and the data download reads the bytes where they are.
    const early = await download(client, attachmentUrl);
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain('Diese Anlage wird gerade in die Dateiablage der Plattform übernommen.');
    expect((await download(desk, `/verwaltung/druck/${batch.id}/briefe.pdf`)).statusCode).toBe(409);
    const before = JSON.parse((await client.get('/konto/daten.json')).body) as { notify: { messages: { attachments: { content_base64: string }[] }[] } };
    expect(before.notify.messages[0]?.attachments[0]?.content_base64).toBe(pdf.toString('base64'));

    const first = await run();
    expect(first.out).toEqual(['Moved 2 attachment(s) and 1 print batch(es) into the file store.']);
    expect(first.err).toEqual([`Not moved: attachment ${refused} (the file store refused it: type-not-allowed); its content stays in the database.`]);
    expect(first.code).toBe(1);

    const rows = await db().selectFrom('notify_attachments').select(['id', 'file_id', 'content', 'content_type']).where('message_id', '=', message.messageId).orderBy('position').execute();
    expect(rows.map((row) => ({ ...row, content: row.content && Buffer.from(row.content) }))).toEqual([
      { id: moved, file_id: sha256(pdf), content: null, content_type: 'application/pdf' },
      { id: expect.any(String), file_id: sha256(csv), content: null, content_type: 'text/csv' },
      { id: refused, file_id: null, content: garbage, content_type: 'application/pdf' },
    ]);
    expect((await platform.ctx.files.refsOf(platform.ctx.db, { module: 'notify', kind: 'message', id: message.messageId })).sort()).toEqual([sha256(pdf), sha256(csv)].sort());

    const after = await download(client, attachmentUrl);
    expect(after.statusCode).toBe(200);
    expect(after.rawPayload.equals(pdf)).toBe(true);
    const batchRow = await db().selectFrom('notify_print_batches').selectAll().where('id', '=', batch.id).executeTakeFirstOrThrow();
    expect(batchRow).toMatchObject({ pdf: null, manifest: null, pdf_file_id: sha256(batchPdf), manifest_file_id: sha256(Buffer.from(manifest)) });
    const letters = await download(desk, `/verwaltung/druck/${batch.id}/briefe.pdf`);
    expect(letters.statusCode).toBe(200);
    expect(letters.rawPayload.equals(batchPdf)).toBe(true);
    expect((await download(desk, `/verwaltung/druck/${batch.id}/liste.csv`)).body).toBe(manifest);

    // Once is enough: nothing moves twice, and the refused row is named again.
    const second = await run();
    expect(second.out).toEqual(['Moved 0 attachment(s) and 0 print batch(es) into the file store.']);
    expect(second.err).toHaveLength(1);
  });

  it('runs as a job as well, and an e-mail waiting for its attachment goes once it is moved', async () => {
    const citizen = await buildCitizen(platform.ctx, { preferred_channel: 'digital' });
    const message = await buildMessage(platform.ctx, { recipient: { userId: citizen.user.id } });
    const pdf = binaryPdf('Nachgereicht');
    await legacyAttachment(message.messageId, 0, 'Nachgereicht.pdf', 'application/pdf', pdf);
    // The delivery job finds the attachment not yet moved and waits for it.
    await platform.ctx.jobs.drain(platform.ctx, [deliverEmailJob.name]);
    const delivery = () => db().selectFrom('notify_deliveries').select(['status', 'attempts']).where('message_id', '=', message.messageId).where('channel', '=', 'email').executeTakeFirstOrThrow();
    expect(await delivery()).toEqual({ status: 'created', attempts: 0 });

    await platform.ctx.jobs.enqueue(platform.ctx.db, moveStoredFilesJob, {});
    await platform.ctx.jobs.drain(platform.ctx, [moveStoredFilesJob.name]);
    await sql`update pgboss.job set start_after = now() - interval '1 second' where name = ${deliverEmailJob.name} and state = 'retry'`.execute(platform.ctx.db);
    await platform.ctx.jobs.drain(platform.ctx, [deliverEmailJob.name]);
    expect(await delivery()).toEqual({ status: 'delivered', attempts: 1 });
    const mail = platform.smtp.messages.find((candidate) => candidate.messageId === `<${message.messageId}@localhost>`);
    expect(mail?.attachments.map((file) => sha256(file.content))).toEqual([sha256(pdf)]);
  });
});
