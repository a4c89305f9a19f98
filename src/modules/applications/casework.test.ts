import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCitizen, buildStaff, signInStaff } from '#modules/accounts/test/builders.ts';
import { signInCitizen } from '#modules/notify/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { applicationsDb } from './repo.forms.ts';
import { processingClock } from './service.casework.ts';
import { publishShippedForm } from './test/builders.ts';
import { auditOf, caseworkerOf, citizenCase, guestContact, messagesAbout, type Caseworker } from './test/casework.ts';

let platform: TestPlatform;
let contactOffice: string;
let registrationOffice: string;
let clerk: Caseworker;
let registrar: Caseworker;

beforeAll(async () => {
  platform = await createTestPlatform();
  contactOffice = (await publishShippedForm(platform.ctx, 'kontakt')).officeId;
  registrationOffice = (await publishShippedForm(platform.ctx, 'meldebescheinigung')).officeId;
  clerk = await caseworkerOf(platform, contactOffice, 'Clara Kontakt');
  registrar = await caseworkerOf(platform, registrationOffice, 'Rainer Melde');
});
afterAll(async () => {
  await platform.close();
});

const db = () => applicationsDb(platform.ctx.db);
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000 - 60_000);

describe('the case list', () => {
  it('shows a caseworker the open cases of their own office, oldest first, with reference, form, applicant, channel, age and who handles it', async () => {
    const older = await guestContact(platform.ctx, { givenName: 'Anna', familyName: 'Alt' });
    const newer = await guestContact(platform.ctx, { givenName: 'Bernd', familyName: 'Neu' });
    const elsewhere = await citizenCase(platform.ctx);
    await db().updateTable('application_cases').set({ submitted_at: daysAgo(9) }).where('id', '=', older.id).execute();

    const page = await clerk.client.get('/verwaltung/antraege');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<caption');
    expect(page.body).toMatch(/<th scope="col">Aktenzeichen<\/th>/);
    expect(page.body).toContain(older.reference);
    expect(page.body).toContain(newer.reference);
    expect(page.body).not.toContain(elsewhere.made.reference);
    expect(page.body.indexOf(older.reference)).toBeLessThan(page.body.indexOf(newer.reference));
    expect(page.body).toContain('Anna Alt');
    expect(page.body).toContain('9 Tage');
    expect(page.body).toContain('Nachricht an die Stadtverwaltung');
    expect(page.body).toContain('online');

    // Looking at the list is recorded: it shows names, though of many people at once.
    const listed = await sql<{ count: string }>`select count(*) from audit_log where action = 'applications.cases-listed' and actor_id = ${clerk.staff.user.id}`.execute(platform.ctx.db);
    expect(Number(listed.rows[0]!.count)).toBeGreaterThan(0);
  });

  it('filters by status, form, channel, assignment and age through a GET form, keeping the filter when paging', async () => {
    const mine = await guestContact(platform.ctx, { givenName: 'Mia', familyName: 'Meins' });
    const paper = await guestContact(platform.ctx, { givenName: 'Paul', familyName: 'Papier' });
    await db().updateTable('application_cases').set({ channel: 'paper', submitted_at: daysAgo(40) }).where('id', '=', paper.id).execute();
    const assigned = await clerk.client.post(`/verwaltung/antraege/${mine.id}/zuweisung`, { assignee: 'me' });
    expect(assigned.status).toBe(303);

    const toMe = await clerk.client.get('/verwaltung/antraege?assigned=me');
    expect(toMe.body).toContain(mine.reference);
    expect(toMe.body).not.toContain(paper.reference);
    expect(toMe.body).toContain('Clara Kontakt');
    const nobody = await clerk.client.get('/verwaltung/antraege?assigned=nobody');
    expect(nobody.body).not.toContain(mine.reference);
    expect(nobody.body).toContain(paper.reference);

    const byChannel = await clerk.client.get('/verwaltung/antraege?channel=paper');
    expect(byChannel.body).toContain(paper.reference);
    expect(byChannel.body).not.toContain(mine.reference);
    expect(byChannel.body).toContain('<option value="paper" selected');

    const old = await clerk.client.get('/verwaltung/antraege?olderThan=30');
    expect(old.body).toContain(paper.reference);
    expect(old.body).not.toContain(mine.reference);

    const byForm = await clerk.client.get('/verwaltung/antraege?form=kontakt&status=received');
    expect(byForm.body).toContain(paper.reference);
    const otherStatus = await clerk.client.get('/verwaltung/antraege?status=approved');
    expect(otherStatus.body).not.toContain(paper.reference);
    expect(otherStatus.body).toContain('Keine Anträge passen zu diesem Filter.');

    // Bad filters are named at their fields and the list falls back to every open case.
    const refused = await clerk.client.get('/verwaltung/antraege?olderThan=abc&form=hundesteuer-anmeldung');
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('kern-error');
    expect(refused.body).toContain(paper.reference);
    const unknownForm = await clerk.client.get('/verwaltung/antraege?form=hundesteuer-anmeldung');
    expect(unknownForm.status).toBe(400);
    expect(unknownForm.body).toContain('Zu diesem Formular hat Ihre Dienststelle keine Anträge');
  });

  it('pages through more cases than fit on one page, keeping the filter in each link', async () => {
    const made = [];
    for (let index = 0; index < 26; index += 1) made.push(await guestContact(platform.ctx, { givenName: 'Viel', familyName: `Fach${index}` }));
    await db().updateTable('application_cases').set({ channel: 'counter' }).where('id', 'in', made.map((row) => row.id)).execute();
    const first = await clerk.client.get('/verwaltung/antraege?channel=counter');
    expect(first.body).toContain('26 Anträge, die ältesten zuerst');
    expect(first.body).toContain('href="/verwaltung/antraege?channel=counter&amp;page=2"');
    expect(first.body).toContain(made[0]!.reference);
    expect(first.body).not.toContain(made[25]!.reference);
    const second = await clerk.client.get('/verwaltung/antraege?channel=counter&page=2');
    expect(second.body).toContain(made[25]!.reference);
    expect(second.body).not.toContain(made[0]!.reference);
  }, 60_000);

  it('turns away citizens and sends visitors to the sign-in', async () => {
    const citizen = await buildCitizen(platform.ctx);
    const client = new FormClient(platform.app);
    await signInCitizen(client, citizen);
    expect((await client.get('/verwaltung/antraege')).status).toBe(403);
    const visitor = await new FormClient(platform.app).get('/verwaltung/antraege');
    expect(visitor.status).toBe(303);
    expect(visitor.location).toContain('/anmelden');
    // An editor without a caseworker's role is no caseworker either.
    const editor = await buildStaff(platform.ctx, [{ role: 'editor' }]);
    const editorClient = new FormClient(platform.app);
    await signInStaff(editorClient, editor);
    expect((await editorClient.get('/verwaltung/antraege')).status).toBe(403);
  });
});

describe('a case page', () => {
  it('shows the applicant, answers, files, receipt, clock and steps, and records the view against the applicant in "what the city knows about me"', async () => {
    const { citizen, made } = await citizenCase(platform.ctx);
    const page = await registrar.client.get(`/verwaltung/antraege/${made.id}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(made.reference);
    expect(page.body).toContain('Petra Beispiel');
    expect(page.body).toContain('Markt 8, 41812 Erkelenz');
    expect(page.body).toContain('gewählt: digital');
    expect(page.body).toContain('Für den Arbeitgeber');
    expect(page.body).toContain(`/verwaltung/antraege/${made.id}/dateien/${made.receipt_file_id}`);
    expect(page.body).toContain('0 Tage in Bearbeitung.');
    expect(page.body).toContain('Ziel: eine Entscheidung innerhalb von 3 Tagen.');
    expect(page.body).toContain('/schritte/annehmen');
    expect(page.body).toContain('/schritte/nachfordern');
    expect(page.body).not.toContain('/schritte/bewilligen');

    const viewed = (await auditOf(platform.ctx, made.id)).filter((record) => record.action === 'applications.case-viewed');
    expect(viewed).toHaveLength(1);
    expect(viewed[0]).toMatchObject({ actor_id: registrar.staff.user.id, data_subject_id: citizen.user.id });

    const own = new FormClient(platform.app);
    await signInCitizen(own, citizen);
    const data = await own.get('/konto/daten');
    expect(data.body).toContain('Antrag angesehen');
    expect(data.body).toContain('Rainer Melde');
  });

  it('answers a caseworker of another office 404 for a guessed case, with no record of a view, and refuses its files and steps alike', async () => {
    const { made } = await citizenCase(platform.ctx);
    const guessed = await clerk.client.get(`/verwaltung/antraege/${made.id}`);
    expect(guessed.status).toBe(404);
    expect(guessed.body).not.toContain(made.reference);
    expect((await clerk.client.get(`/verwaltung/antraege/${made.id}/dateien/${made.receipt_file_id}`)).status).toBe(404);
    await clerk.client.get('/verwaltung/antraege');
    expect((await clerk.client.post(`/verwaltung/antraege/${made.id}/schritte/annehmen`, {})).status).toBe(404);
    expect((await clerk.client.post(`/verwaltung/antraege/${made.id}/notiz`, { note: 'Neugierig' })).status).toBe(404);
    expect((await clerk.client.post(`/verwaltung/antraege/${made.id}/zuweisung`, { assignee: 'me' })).status).toBe(404);
    expect(await auditOf(platform.ctx, made.id)).toEqual([expect.objectContaining({ action: 'applications.case-submitted' })]);
    expect((await db().selectFrom('application_cases').select(['status', 'assigned_to']).where('id', '=', made.id).executeTakeFirstOrThrow())).toEqual({ status: 'received', assigned_to: null });
    // A case id that does not exist at all is answered the same.
    expect((await registrar.client.get('/verwaltung/antraege/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('hands out the files of a case as audited downloads', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
    const put = await platform.ctx.files.put(pdf, { accept: ['application/pdf'], maxBytes: 1_000_000 });
    if (!put.ok) throw new Error(put.reason);
    const made = await guestContact(platform.ctx, { attachment: { fileId: put.file.id, filename: 'Foto vom Tor.pdf', mediaType: 'application/pdf', bytes: pdf.length } });
    const page = await clerk.client.get(`/verwaltung/antraege/${made.id}`);
    expect(page.body).toContain('Foto vom Tor.pdf');
    const download = await clerk.client.get(`/verwaltung/antraege/${made.id}/dateien/${put.file.id}`);
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toContain('attachment');
    expect(download.body).toContain('%PDF-1.4');
    const record = await sql<{ action: string }>`select action from audit_log where subject_type = 'file' and subject_id = ${put.file.id} and actor_id = ${clerk.staff.user.id}`.execute(platform.ctx.db);
    expect(record.rows.map((row) => row.action)).toEqual(['applications.case-file-downloaded']);
    // A file of another case is not handed out through this one.
    const other = await guestContact(platform.ctx);
    expect((await clerk.client.get(`/verwaltung/antraege/${other.id}/dateien/${put.file.id}`)).status).toBe(404);
  });

  it('says so when a guest left neither e-mail nor address, so staff telephone them, and the steps send nothing', async () => {
    const made = await guestContact(platform.ctx, { answerBy: 'phone', email: null, phone: '+492431850' });
    const page = await clerk.client.get(`/verwaltung/antraege/${made.id}`);
    expect(page.body).toContain('Diese Person erreicht keine Nachricht');
    expect(page.body).toContain('href="tel:+492431850"');
    const accepted = await clerk.client.post(`/verwaltung/antraege/${made.id}/schritte/annehmen`, {});
    expect(accepted.location).toContain('notice=step-unreached');
    expect((await clerk.client.get(accepted.location!)).body).toContain('keine Nachricht erreicht die Person');
    expect(await messagesAbout(platform.ctx, made.id)).toEqual([]);
  });
});

describe('notes and messages', () => {
  it('keeps an internal note from the applicant: not on their case page, not in their data download', async () => {
    const { citizen, made } = await citizenCase(platform.ctx);
    await registrar.client.get(`/verwaltung/antraege/${made.id}`);
    const noted = await registrar.client.post(`/verwaltung/antraege/${made.id}/notiz`, { note: 'Geburtsdatum im Register prüfen – Verdacht auf Zahlendreher.' });
    expect(noted.status).toBe(303);
    const staffView = await registrar.client.get(noted.location!);
    expect(staffView.body).toContain('Die Notiz ist gespeichert.');
    expect(staffView.body).toContain('Zahlendreher');
    expect(staffView.body).toContain('>intern<');

    const own = new FormClient(platform.app);
    await signInCitizen(own, citizen);
    const mine = await own.get(`/konto/antraege/${made.id}`);
    expect(mine.status).toBe(200);
    expect(mine.body).not.toContain('Zahlendreher');
    const download = await own.get('/konto/daten.json');
    expect(download.status).toBe(200);
    expect(download.body).toContain(made.reference);
    expect(download.body).not.toContain('Zahlendreher');
    const audit = await own.get('/konto/daten');
    expect(audit.body).not.toContain('Zahlendreher');
  });

  it('sends a message to the applicant through notify and shows it on their timeline', async () => {
    const { citizen, made } = await citizenCase(platform.ctx);
    await registrar.client.get(`/verwaltung/antraege/${made.id}`);
    const sent = await registrar.client.post(`/verwaltung/antraege/${made.id}/nachricht`, { message: 'Ihre Bescheinigung liegt ab Montag im Bürgerbüro bereit.' });
    expect(sent.location).toContain('notice=message');
    const [message] = (await messagesAbout(platform.ctx, made.id)).filter((row) => row.purpose === 'case-message');
    expect(message?.body).toContain('ab Montag im Bürgerbüro');
    expect(message?.channels).toEqual(['email', 'inbox']);
    const own = new FormClient(platform.app);
    await signInCitizen(own, citizen);
    const mine = await own.get(`/konto/antraege/${made.id}`);
    expect(mine.body).toContain('Nachricht der Stadt');
    expect(mine.body).toContain('ab Montag im Bürgerbüro');
    await platform.runJobs();
    expect(platform.smtp.lastTo(citizen.user.email!)?.text).toContain('ab Montag im Bürgerbüro');
  });

  it('refuses an empty note or message with a message at the field and saves nothing', async () => {
    const made = await guestContact(platform.ctx);
    await clerk.client.get(`/verwaltung/antraege/${made.id}`);
    const note = await clerk.client.post(`/verwaltung/antraege/${made.id}/notiz`, { note: '   ' });
    expect(note.status).toBe(422);
    expect(note.body).toContain('Bitte schreiben Sie die Notiz.');
    const message = await clerk.client.post(`/verwaltung/antraege/${made.id}/nachricht`, { message: '' });
    expect(message.status).toBe(422);
    expect(message.body).toContain('Bitte schreiben Sie die Nachricht.');
    expect(await db().selectFrom('application_messages').select('id').where('case_id', '=', made.id).execute()).toEqual([]);
  });

  it('assigns a case to the person, to nobody, or to another caseworker of the office, and to no one else', async () => {
    const made = await guestContact(platform.ctx);
    const colleague = await caseworkerOf(platform, contactOffice, 'Konrad Kollege');
    const page = await clerk.client.get(`/verwaltung/antraege/${made.id}`);
    expect(page.body).toContain(`<option value="${colleague.staff.user.id}"`);
    expect(page.body).not.toContain(registrar.staff.user.id);
    const assignee = async () => (await db().selectFrom('application_cases').select('assigned_to').where('id', '=', made.id).executeTakeFirstOrThrow()).assigned_to;

    expect((await clerk.client.post(`/verwaltung/antraege/${made.id}/zuweisung`, { assignee: colleague.staff.user.id })).status).toBe(303);
    expect(await assignee()).toBe(colleague.staff.user.id);
    expect((await clerk.client.get(`/verwaltung/antraege/${made.id}`)).body).toContain('Zuständig ist Konrad Kollege.');
    const refused = await clerk.client.post(`/verwaltung/antraege/${made.id}/zuweisung`, { assignee: registrar.staff.user.id });
    expect(refused.status).toBe(422);
    expect(refused.body).toContain('Bitte wählen Sie eine Person Ihrer Dienststelle, die Anträge bearbeitet.');
    expect(await assignee()).toBe(colleague.staff.user.id);
    await clerk.client.post(`/verwaltung/antraege/${made.id}/zuweisung`, { assignee: 'nobody' });
    expect(await assignee()).toBeNull();
    const records = (await auditOf(platform.ctx, made.id)).filter((record) => record.action === 'applications.case-assigned');
    expect(records.map((record) => record.meta.to)).toEqual([colleague.staff.user.id, null]);
  });
});

describe('the processing-time clock', () => {
  const at = (days: number) => new Date(Date.UTC(2026, 11, 1) + days * 86_400_000);

  it('counts the days since submission without the days spent waiting for information, and stops at the decision', () => {
    expect(processingClock(at(0), [], at(5))).toEqual({ days: 5, pausedDays: 0, running: true });
    const waited = [
      { at: at(1), to_state: 'in-progress' },
      { at: at(2), to_state: 'information-requested' },
      { at: at(6), to_state: 'in-progress' },
    ];
    expect(processingClock(at(0), waited, at(10))).toEqual({ days: 6, pausedDays: 4, running: true });
    expect(processingClock(at(0), waited.slice(0, 2), at(10))).toEqual({ days: 2, pausedDays: 8, running: true });
    expect(processingClock(at(0), [...waited, { at: at(7), to_state: 'approved' }, { at: at(20), to_state: 'closed' }], at(30))).toEqual({ days: 3, pausedDays: 4, running: false });
  });

  it('shows the paused clock on the case page beside the form’s target', async () => {
    const made = await guestContact(platform.ctx);
    await clerk.client.get(`/verwaltung/antraege/${made.id}`);
    await clerk.client.post(`/verwaltung/antraege/${made.id}/schritte/annehmen`, {});
    await clerk.client.get(`/verwaltung/antraege/${made.id}`);
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const asked = await clerk.client.post(`/verwaltung/antraege/${made.id}/schritte/nachfordern`, { requestInformationNote: 'Bitte nennen Sie Ihre Kundennummer.', requestInformationReplyBy: tomorrow });
    expect(asked.status).toBe(303);
    await clerk.client.get(`/verwaltung/antraege/${made.id}`);
    await clerk.client.post(`/verwaltung/antraege/${made.id}/schritte/fortsetzen`, {});
    // The case came in twelve days ago, waited from day three to day nine, and was resumed since.
    await db().updateTable('application_cases').set({ submitted_at: daysAgo(12) }).where('id', '=', made.id).execute();
    const steps = { accept: daysAgo(11), requestInformation: daysAgo(9), resume: daysAgo(3) };
    for (const [transition, when] of Object.entries(steps)) {
      await sql`update workflow_history set at = ${when} where instance_id = ${made.id} and transition = ${transition}`.execute(platform.ctx.db);
    }
    const page = await clerk.client.get(`/verwaltung/antraege/${made.id}`);
    expect(page.body).toContain('6 Tage in Bearbeitung.');
    expect(page.body).toContain('Nicht mitgezählt: 6 Tage Warten auf nachgeforderte Angaben.');
    expect(page.body).toContain('Ziel: eine Entscheidung innerhalb von 7 Tagen.');
    expect(page.body).not.toContain('Ziel überschritten');
  });
});
