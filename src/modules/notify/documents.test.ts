import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCitizen } from '#modules/accounts/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import { readPdf } from '#test/pdf.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { renderDocument } from './documents.ts';
import { printBatchJob, renderDocumentJob } from './jobs.ts';
import { notifyDb } from './repo.templates.ts';
import { sendNotification } from './service.send.ts';
import { buildMessage, caseReceived, signInCitizen, storedFile } from './test/builders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const decision = (text: string) => ({ purpose: 'decision-notice', values: { ...caseReceived, decision: text, fee: 1250 }, document: true });
const address = { street: 'Kölner Straße', houseNumber: '12a', postalCode: '41812', city: 'Erkelenz' };
const livesAt = { street: 'Markt', house_number: '8', postal_code: '41812', city: 'Erkelenz' };
const mailsWith = (messageId: string) => platform.smtp.messages.filter((mail) => mail.messageId === `<${messageId}@localhost>`);

async function attachmentsOf(messageId: string) {
  return notifyDb(platform.ctx.db).selectFrom('notify_attachments').selectAll().where('message_id', '=', messageId).orderBy('position').execute();
}

describe('a message that is a formal document', () => {
  it('keeps the letter as a PDF in the inbox and sends an e-mail that only says it is ready', async () => {
    const citizen = await buildCitizen(platform.ctx, { display_name: 'Dora Dokument', preferred_channel: 'digital', ...livesAt });
    const sent = await buildMessage(platform.ctx, { recipient: { userId: citizen.user.id }, link: '/konto/antraege/4711', ...decision('Ihrem Antrag wird in vollem Umfang stattgegeben.') });
    // A decision goes by letter too (its template requires it).
    expect(sent.channels).toEqual(['inbox', 'email', 'letter']);
    // The e-mail waits for the PDF: it goes once the document is in the inbox.
    expect(await platform.ctx.jobs.drain(platform.ctx, ['notify.deliver-email'])).toBe(0);
    await platform.runJobs();

    const [document, ...more] = await attachmentsOf(sent.messageId);
    expect(more).toEqual([]);
    expect(document).toMatchObject({ document: true, content_type: 'application/pdf', filename: 'Bescheid zu Ihrem Antrag Anwohnerparkausweis.pdf' });
    const client = new FormClient(platform.app);
    await signInCitizen(client, citizen);
    const page = await client.get(`/konto/nachrichten/${sent.messageId}`);
    expect(page.body).toContain('Ihrem Antrag wird in vollem Umfang stattgegeben.');
    const href = /href="(\/konto\/nachrichten\/[^"]+\/anhaenge\/[^"]+)"/.exec(page.body)?.[1];
    expect(href).toBeDefined();
    const download = await client.get(href!);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    const pdf = await readPdf(await storedFile(platform.ctx, document!.file_id));
    const text = await pdf.text(1, pdf.pages);
    expect(text).toContain('Ihrem Antrag wird in vollem Umfang stattgegeben.');
    expect(text).toContain(sent.reference);
    expect(text).toContain('AN-2026-7K4M-Q9TX');
    expect(text).toContain('Dora Dokument');
    expect(text).toContain('Markt 8');
    expect(text).not.toContain('Anlagen');

    const [mail, ...again] = mailsWith(sent.messageId);
    expect(again).toEqual([]);
    expect(mail?.subject).toBe('Ein neues Dokument liegt in Ihrem Konto bereit');
    expect(mail?.attachments).toEqual([]);
    expect(mail?.text).not.toContain('stattgegeben');
    expect(mail?.html).not.toContain('stattgegeben');
    expect(mail?.text).not.toContain('Anwohnerparkausweis');
    expect(mail?.text).toContain(`Dokument in Ihrem Konto öffnen: http://localhost:3000/konto/nachrichten/${sent.messageId}`);
    expect(mail?.text).toContain(sent.reference);
  });

  it('prints the letter for someone who chose letters, without listing itself as an enclosure, and keeps it in the inbox too', async () => {
    const citizen = await buildCitizen(platform.ctx, { display_name: 'Lotte Brief', preferred_channel: 'letter', language: 'en', street: address.street, house_number: address.houseNumber, postal_code: address.postalCode, city: address.city });
    const enclosure = { filename: 'Fee-notice.pdf', contentType: 'application/pdf' as const, content: Buffer.from('%PDF-1.7 fee') };
    const sent = await buildMessage(platform.ctx, { recipient: { userId: citizen.user.id }, ...decision('Your application is granted.'), attachments: [enclosure] });
    expect(sent.channels).toEqual(['inbox', 'letter']);
    await platform.runJobs();
    const [document, own] = await attachmentsOf(sent.messageId);
    expect(own).toMatchObject({ filename: 'Fee-notice.pdf', document: false });
    const inInbox = await readPdf(await storedFile(platform.ctx, document!.file_id));
    expect(await inInbox.text(1, inInbox.pages)).toContain('Kölner Straße 12a');
    expect(document!.filename).toBe('Decision on your application Anwohnerparkausweis.pdf');

    await platform.ctx.jobs.enqueue(platform.ctx.db, printBatchJob, {});
    await platform.ctx.jobs.drain(platform.ctx, [printBatchJob.name]);
    const batch = await notifyDb(platform.ctx.db).selectFrom('notify_print_batches').selectAll().orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    const printed = await readPdf(await storedFile(platform.ctx, batch.pdf_file_id));
    const text = await printed.text(1, printed.pages);
    expect(text).toContain('Your application is granted.');
    expect(text).toContain(sent.reference);
    // The enclosure is listed under the letter; the letter's own PDF is not an enclosure of itself.
    expect(text).toMatch(/Enclosures\s+Fee-notice\.pdf/);
    expect(text).not.toContain('Anwohnerparkausweis.pdf');
  });

  it('goes to a guest by letter, with an e-mail that says only that a letter is on its way', async () => {
    const sent = await buildMessage(platform.ctx, { recipient: { name: 'Gisela Gast', language: 'de', email: 'gisela.gast@example.org', postalAddress: address }, ...decision('Der Antrag wird abgelehnt.') });
    expect(sent.channels).toEqual(['email', 'letter']);
    await platform.runJobs();
    expect(await attachmentsOf(sent.messageId)).toEqual([]);
    const [mail] = mailsWith(sent.messageId);
    expect(mail?.subject).toBe('Ein Schreiben der Stadt Erkelenz ist per Post unterwegs');
    expect(mail?.text).not.toContain('abgelehnt');
    expect(mail?.text).not.toContain('/konto/');
    expect(mail?.attachments).toEqual([]);

    const refused = await platform.ctx.db.transaction().execute((trx) =>
      sendNotification(platform.ctx, trx, { purpose: 'case-received', values: caseReceived, document: true, recipient: { name: 'Gisela Gast', language: 'de', email: 'gisela.gast@example.org' }, cause: 'test:document:no-address' }),
    );
    expect(refused).toEqual({ ok: false, reason: 'no-postal-address' });
  });

  it('attaches one PDF however often it is rendered, and none once the content is deleted', async () => {
    const citizen = await buildCitizen(platform.ctx, { preferred_channel: 'digital', ...livesAt });
    const sent = await buildMessage(platform.ctx, { recipient: { userId: citizen.user.id }, ...decision('Genehmigt.') });
    const noEmail = async () => undefined;
    expect(await renderDocument(platform.ctx, sent.messageId, noEmail)).toBe('rendered');
    expect(await renderDocument(platform.ctx, sent.messageId, noEmail)).toBe('already-rendered');
    expect(await attachmentsOf(sent.messageId)).toHaveLength(1);

    const plain = await buildMessage(platform.ctx, { recipient: { userId: citizen.user.id } });
    expect(await renderDocument(platform.ctx, plain.messageId, noEmail)).toBe('not-a-document');
    const gone = await buildMessage(platform.ctx, { recipient: { userId: citizen.user.id }, ...decision('Genehmigt.') });
    await notifyDb(platform.ctx.db).updateTable('notify_messages').set({ body: null, subject: null, content_deleted_at: new Date() }).where('id', '=', gone.messageId).execute();
    await platform.ctx.jobs.drain(platform.ctx, [renderDocumentJob.name]);
    expect(await attachmentsOf(gone.messageId)).toEqual([]);
  });
});
