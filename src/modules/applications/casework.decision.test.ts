import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStaff, signInStaff } from '#modules/accounts/test/builders.ts';
import { signInCitizen } from '#modules/notify/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import { readPdf } from '#test/pdf.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { publishShippedForm } from './test/builders.ts';
import { caseworkerOf, citizenCase, messagesAbout, type Caseworker } from './test/casework.ts';

/*
 * The decision on a case as the applicant receives it: a letter, and for an account the same letter as a
 * PDF in "Mein Konto → Nachrichten", announced by an e-mail that says nothing of it; for a certificate of
 * registration without a strong sign-in, only the letter to the address given in the form.
 */

let platform: TestPlatform;
let worker: Caseworker;

beforeAll(async () => {
  platform = await createTestPlatform();
  const office = (await publishShippedForm(platform.ctx, 'meldebescheinigung')).officeId;
  worker = await caseworkerOf(platform, office, 'Frieda Bescheid');
});
afterAll(async () => {
  await platform.close();
});

async function decide(caseId: string, note: string) {
  await worker.client.get(`/verwaltung/antraege/${caseId}`);
  await worker.client.post(`/verwaltung/antraege/${caseId}/schritte/annehmen`, {});
  await worker.client.get(`/verwaltung/antraege/${caseId}`);
  const approved = await worker.client.post(`/verwaltung/antraege/${caseId}/schritte/bewilligen`, { approveNote: note, approveFee: '0' });
  expect(approved.location).toContain('notice=decision-letter');
}

interface DecisionRow {
  id: string;
  reference: string;
  user_id: string | null;
  postal_address: { street: string; houseNumber: string } | null;
  document: boolean;
}

async function decisionOf(caseId: string): Promise<DecisionRow> {
  const { rows } = await sql<DecisionRow>`select id, reference, user_id, postal_address, document from notify_messages where cause like ${`applications:approve:${caseId}:%`}`.execute(platform.ctx.db);
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

/** A PDF as the signed-in person's browser downloads it. */
async function download(client: FormClient, href: string) {
  const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const response = await platform.app.inject({ method: 'GET', url: href, remoteAddress: client.remoteAddress, headers: { cookie } });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toBe('application/pdf');
  return response.rawPayload;
}

/** The print room makes the next batch on its page, as on a working morning, and downloads its PDF. */
async function printNextBatch() {
  const room = new FormClient(platform.app);
  await signInStaff(room, await buildStaff(platform.ctx, [{ role: 'print-room' }]));
  await room.get('/verwaltung/druck');
  expect((await room.post('/verwaltung/druck', {})).status).toBe(303);
  const { rows } = await sql<{ id: string }>`select id from notify_print_batches order by created_at desc limit 1`.execute(platform.ctx.db);
  const pdf = await readPdf(await download(room, `/verwaltung/druck/${rows[0]!.id}/briefe.pdf`));
  return pdf.text(1, pdf.pages);
}

describe('the decision letter', () => {
  it('puts the decision as a PDF into a signed-in citizen’s inbox and mails only that it is there', async () => {
    const { citizen, made } = await citizenCase(platform.ctx, { display_name: 'Dana Digital', email: 'dana.digital@example.org' }, 'substantial');
    await decide(made.id, 'Wir stellen Ihnen die erweiterte Meldebescheinigung aus.');
    const decision = await decisionOf(made.id);
    expect(decision).toMatchObject({ user_id: citizen.user.id, document: true });
    expect((await messagesAbout(platform.ctx, made.id)).find((message) => message.purpose === 'decision-notice')?.channels).toEqual(['email', 'inbox', 'letter']);
    await platform.runJobs();

    const client = new FormClient(platform.app);
    await signInCitizen(client, citizen);
    const page = await client.get(`/konto/nachrichten/${decision.id}`);
    expect(page.body).toContain('Wir stellen Ihnen die erweiterte Meldebescheinigung aus.');
    const href = /href="(\/konto\/nachrichten\/[^"]+\/anhaenge\/[^"]+)"[^>]*>Bescheid zu Ihrem Antrag/.exec(page.body)?.[1];
    expect(href).toBeDefined();
    const pdf = await readPdf(await download(client, href!));
    const text = await pdf.text(1, pdf.pages);
    expect(text).toContain('Wir stellen Ihnen die erweiterte Meldebescheinigung aus.');
    expect(text).toContain(made.reference);
    expect(text).toContain(decision.reference);
    expect(text).toContain('Dana Digital');

    const mail = platform.smtp.messages.find((message) => message.messageId === `<${decision.id}@localhost>`);
    expect(mail?.subject).toBe('Ein neues Dokument liegt in Ihrem Konto bereit');
    expect(mail?.attachments).toEqual([]);
    expect(mail?.text).not.toContain('Meldebescheinigung aus');
    expect(mail?.html).not.toContain('Meldebescheinigung aus');
    expect(mail?.text).not.toContain(made.reference);
    expect(mail?.text).toContain(`http://localhost:3000/konto/nachrichten/${decision.id}`);
  });

  it('prints the decision in the next batch for a citizen who chose letters', async () => {
    const { made } = await citizenCase(platform.ctx, { display_name: 'Ludwig Papier', preferred_channel: 'letter' }, 'substantial');
    await decide(made.id, 'Die Meldebescheinigung ist diesem Schreiben beigefügt.');
    const decision = await decisionOf(made.id);
    expect((await messagesAbout(platform.ctx, made.id)).find((message) => message.purpose === 'decision-notice')?.channels).toEqual(['inbox', 'letter']);
    await platform.runJobs();
    const printed = await printNextBatch();
    expect(printed).toContain('Die Meldebescheinigung ist diesem Schreiben beigefügt.');
    expect(printed).toContain(decision.reference);
    expect(printed).toContain('Ludwig Papier');
    expect(printed).toContain('Markt 8');
  });

  it('sends a certificate of registration applied for without a strong sign-in only by letter to the address in the form', async () => {
    // The account lives elsewhere than the registered address the form names: the letter follows the form.
    const { citizen, made } = await citizenCase(platform.ctx, { display_name: 'Paula Passwort', street: 'Kölner Straße', house_number: '99', email: 'paula.passwort@example.org' });
    await decide(made.id, 'Anbei Ihre einfache Meldebescheinigung für Petra Beispiel.');
    const decision = await decisionOf(made.id);
    expect(decision).toMatchObject({ user_id: null, postal_address: { street: 'Markt', houseNumber: '8' } });
    const sent = await messagesAbout(platform.ctx, made.id);
    expect(sent.find((message) => message.purpose === 'decision-notice')?.channels).toEqual(['letter']);
    // A status change says nothing of the registered data and still reaches the account that applied.
    expect(sent.find((message) => message.purpose === 'case-status-changed')?.channels).toContain('inbox');
    await platform.runJobs();
    expect(platform.smtp.messages.some((message) => message.messageId === `<${decision.id}@localhost>`)).toBe(false);
    expect(platform.smtp.messages.filter((message) => JSON.stringify(message.to).includes('paula.passwort@example.org')).map((message) => message.text ?? '').join('\n')).not.toContain('Meldebescheinigung für Petra');

    const printed = await printNextBatch();
    expect(printed).toContain('Anbei Ihre einfache Meldebescheinigung für Petra Beispiel.');
    expect(printed).toContain('Markt 8');
    expect(printed).not.toContain('Kölner Straße 99');

    // The account's timeline says where the decision went, not what it says.
    const client = new FormClient(platform.app);
    await signInCitizen(client, citizen);
    const mine = await client.get(`/konto/antraege/${made.id}`);
    expect(mine.body).toContain('nur per Brief an die im Antrag angegebene Meldeanschrift');
    expect(mine.body).not.toContain('Meldebescheinigung für Petra');
    expect((await client.get('/konto/nachrichten')).body).not.toContain(decision.reference);
  });

  it('tells the caseworker of such a case that the decision goes to the address in the form, also when the account has none', async () => {
    const { made } = await citizenCase(platform.ctx, { display_name: 'Olga Ohneadresse', street: null, house_number: null, postal_code: null, city: null });
    await worker.client.get(`/verwaltung/antraege/${made.id}`);
    await worker.client.post(`/verwaltung/antraege/${made.id}/schritte/annehmen`, {});
    const page = await worker.client.get(`/verwaltung/antraege/${made.id}`);
    expect(page.body).toContain('nur per Brief an die im Antrag angegebene Meldeanschrift');
    expect(page.body).not.toContain('Für einen Bescheid fehlt die Postanschrift');
  });
});
