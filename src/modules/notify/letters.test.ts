import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '#kernel/auth/actor.ts';
import { buildCitizen, buildStaff } from '#modules/accounts/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import { readPdf } from '#test/pdf.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { printBatchJob } from './jobs.ts';
import { notifyDb } from './repo.templates.ts';
import { createPrintBatch } from './service.print.ts';
import { buildMessage, caseReceived, signInStaff, storedFile } from './test/builders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const letterStatuses = async (messageIds: string[]) => {
  const rows = await notifyDb(platform.ctx.db).selectFrom('notify_deliveries').select(['message_id', 'status']).where('channel', '=', 'letter').where('message_id', 'in', messageIds).execute();
  return Object.fromEntries(rows.map((row) => [row.message_id, row.status]));
};

describe('letters and the daily print batch', () => {
  it('puts every waiting letter into one PDF and a manifest whose pages add up', async () => {
    const hanna = await buildCitizen(platform.ctx, { display_name: 'Hanna Schmitz', preferred_channel: 'letter', street: 'Kölner Straße', house_number: '12a', postal_code: '41812', city: 'Erkelenz' });
    const jan = await buildCitizen(platform.ctx, { display_name: 'Jan de Vries', preferred_channel: 'both', language: 'en', street: 'Markt', house_number: '3', postal_code: '41812', city: 'Erkelenz' });
    const first = await buildMessage(platform.ctx, { recipient: { userId: hanna.user.id }, attachments: [{ filename: 'Gebührenbescheid.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF') }] });
    // A decision long enough for a second page.
    const long = await buildMessage(platform.ctx, {
      purpose: 'decision-notice',
      recipient: { userId: jan.user.id },
      values: { ...caseReceived, decision: 'The application is granted. '.repeat(140).trim(), fee: 3050 },
    });
    const guest = await buildMessage(platform.ctx, { recipient: { name: 'Gisela Gast', language: 'de', postalAddress: { street: 'Am Weiher', houseNumber: '7', postalCode: '41812', city: 'Erkelenz' } } });
    const ids = [first.messageId, long.messageId, guest.messageId];
    expect(await letterStatuses(ids)).toEqual(Object.fromEntries(ids.map((id) => [id, 'created'])));

    await platform.ctx.jobs.enqueue(platform.ctx.db, printBatchJob, {});
    await platform.ctx.jobs.drain(platform.ctx, [printBatchJob.name]);
    const batch = await notifyDb(platform.ctx.db).selectFrom('notify_print_batches').selectAll().orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ letters: 3, status: 'created', created_by: 'system:notify.print-batch' });
    expect(await letterStatuses(ids)).toEqual(Object.fromEntries(ids.map((id) => [id, 'sending'])));

    // Both files come from the file store, referenced by the batch.
    expect((await platform.ctx.files.refsOf(platform.ctx.db, { module: 'notify', kind: 'print-batch', id: batch.id })).sort()).toEqual([batch.pdf_file_id, batch.manifest_file_id].sort());
    const manifest = (await storedFile(platform.ctx, batch.manifest_file_id)).toString('utf8');
    const rows = manifest.replace(/^\ufeff/, '').trim().split('\r\n').map((line) => line.split(';'));
    expect(rows[0]).toEqual(['position', 'reference', 'first_page', 'pages', 'name', 'street', 'postal_code', 'city']);
    const letters = rows.slice(1);
    expect(letters.map((row) => row[4])).toEqual([hanna.user.display_name, jan.user.display_name, 'Gisela Gast']);
    const pages = letters.map((row) => Number(row[3]));
    expect(pages[1]).toBeGreaterThan(1);
    const document = await readPdf(await storedFile(platform.ctx, batch.pdf_file_id));
    // The PDF holds exactly the letters of the manifest, page for page.
    expect(document.pages).toBe(pages.reduce((sum, count) => sum + count, 0));
    expect(batch.pages).toBe(document.pages);

    const [, firstRef, firstPage] = letters[0]!;
    const hannaPage = await document.text(Number(firstPage));
    for (const expected of [hanna.user.display_name, 'Kölner Straße 12a', '41812 Erkelenz', firstRef!, 'Unser Zeichen', 'Ihr Antrag „Anwohnerparkausweis“ ist eingegangen', 'Das Aktenzeichen lautet AN-2026-7K4M-Q9TX.', 'Gebührenbescheid.pdf', 'Seite 1 von 1', 'Stadt Erkelenz · Johannismarkt 17 · 41812 Erkelenz']) {
      expect(hannaPage).toContain(expected);
    }
    const [, janRef, janFirst, janPages] = letters[1]!;
    const janText = await document.text(Number(janFirst), Number(janFirst) + Number(janPages) - 1);
    expect(janText).toContain('Our reference');
    expect(janText).toContain(janRef);
    expect(janText).toContain('Decision on your application “Anwohnerparkausweis”');
    expect(janText).toContain(`Page ${janPages} of ${janPages}`);
    const guestPage = await document.text(Number(letters[2]![2]));
    expect(guestPage).toContain('Gisela Gast');
    expect(guestPage).toContain('Am Weiher 7');

    // Nothing waits any more: the next run makes no batch.
    expect(await createPrintBatch(platform.ctx, systemActor('test'))).toEqual({ ok: false, reason: 'nothing-to-print' });
  });

  it('lets the print room download the batch, record printed and posted, and a returned letter', async () => {
    const citizen = await buildCitizen(platform.ctx, { preferred_channel: 'letter', street: 'Markt', house_number: '1', postal_code: '41812', city: 'Erkelenz' });
    const sent = await buildMessage(platform.ctx, { recipient: { userId: citizen.user.id } });
    const desk = await buildStaff(platform.ctx, [{ role: 'print-room' }]);
    const client = new FormClient(platform.app);
    await signInStaff(client, desk);
    await client.get('/verwaltung/druck');
    const made = await client.post('/verwaltung/druck', {});
    expect(made.location).toBe('/verwaltung/druck?notice=batch');
    const page = await client.follow(made);
    expect(page.body).toContain('Der Druckstapel wurde gebildet.');
    const batchId = /\/verwaltung\/druck\/([0-9a-f-]{36})\/briefe\.pdf/.exec(page.body)?.[1];
    expect(batchId).toBeDefined();
    const download = await client.get(`/verwaltung/druck/${batchId}/briefe.pdf`);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    // Handed out by the file store: a download that holds every letter's address, never cached.
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="DS-[\w-]+\.pdf"/);
    expect(download.headers['cache-control']).toBe('no-store');
    const csv = await client.get(`/verwaltung/druck/${batchId}/liste.csv`);
    expect(csv.body).toContain(';Markt 1;41812;Erkelenz');

    expect((await client.post(`/verwaltung/druck/${batchId}/status`, { status: 'printed' })).location).toBe('/verwaltung/druck?notice=printed');
    expect(await letterStatuses([sent.messageId])).toEqual({ [sent.messageId]: 'printed' });
    await client.get('/verwaltung/druck');
    expect((await client.post(`/verwaltung/druck/${batchId}/status`, { status: 'posted' })).status).toBe(303);
    expect(await letterStatuses([sent.messageId])).toEqual({ [sent.messageId]: 'posted' });
    // Back to printed is not a step a batch can take.
    expect((await client.post(`/verwaltung/druck/${batchId}/status`, { status: 'printed' })).status).toBe(409);

    await client.get(`/verwaltung/nachrichten/${sent.messageId}`);
    const returned = await client.post(`/verwaltung/nachrichten/${sent.messageId}/zurueck`, { note: 'Empfänger unbekannt verzogen' });
    expect(returned.location).toBe(`/verwaltung/nachrichten/${sent.messageId}?notice=returned`);
    expect(await letterStatuses([sent.messageId])).toEqual({ [sent.messageId]: 'returned' });
    const detail = await client.follow(returned);
    expect(detail.body).toContain('Empfänger unbekannt verzogen');
    // A letter back already cannot come back again: a reason code the route words, not an error page.
    const again = await client.post(`/verwaltung/nachrichten/${sent.messageId}/zurueck`, { note: 'Noch einmal zurück' });
    expect(again.status).toBe(422);
    expect(again.body).toContain('Nur ein gedruckter oder versandter Brief kann zurückkommen.');
    const audit = await platform.ctx.db.selectFrom('audit_log').select('action').where('actor_id', '=', desk.user.id).execute();
    expect(audit.map((row) => row.action)).toEqual(
      expect.arrayContaining(['notify.print-batch-created', 'notify.print-batch-downloaded', 'notify.print-batch-printed', 'notify.print-batch-posted', 'notify.letter-returned', 'notify.message-viewed']),
    );
    const failures = await client.get('/verwaltung/nachrichten/fehler');
    expect(failures.body).toContain(sent.reference);
  });

  it('fails a letter whose content was deleted before printing instead of printing an empty page', async () => {
    const citizen = await buildCitizen(platform.ctx, { preferred_channel: 'letter', street: 'Markt', house_number: '2', postal_code: '41812', city: 'Erkelenz' });
    const sent = await buildMessage(platform.ctx, { recipient: { userId: citizen.user.id } });
    await sql`update notify_messages set body = null, content_deleted_at = now() where id = ${sent.messageId}`.execute(platform.ctx.db);
    expect(await createPrintBatch(platform.ctx, systemActor('test'))).toEqual({ ok: false, reason: 'nothing-to-print' });
    expect(await letterStatuses([sent.messageId])).toEqual({ [sent.messageId]: 'failed' });
  });
});
