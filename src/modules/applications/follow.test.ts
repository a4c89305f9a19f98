import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInBerlin } from '#kernel/calendar.ts';
import { formatDay } from '#kernel/dates.ts';
import { filesDb } from '#kernel/files/repo.ts';
import { buildCitizen } from '#modules/accounts/test/builders.ts';
import { signInCitizen } from '#modules/notify/test/builders.ts';
import { pdfBytes } from '#test/files/content.ts';
import { htmlProblems } from '#test/html-validity.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { applicationsDb } from './repo.forms.ts';
import { publishShippedForm } from './test/builders.ts';
import { auditOf, caseworkerOf, citizenCase, messagesAbout, type Caseworker } from './test/casework.ts';

/*
 * The applicant's side after sending, through the real pages: a message to the office, documents with the
 * answer to a request (the same checks as uploads in the form), the case back in progress with the clock's
 * pause counted right, a withdrawal after a page that asks first; and the office's side of each.
 */

let platform: TestPlatform;
let worker: Caseworker;

beforeAll(async () => {
  platform = await createTestPlatform();
  const office = (await publishShippedForm(platform.ctx, 'meldebescheinigung')).officeId;
  worker = await caseworkerOf(platform, office, 'Frieda Folge');
});
afterAll(async () => {
  await platform.close();
});

const db = () => applicationsDb(platform.ctx.db);
const caseRow = (id: string) => db().selectFrom('application_cases').select(['status', 'closed_at']).where('id', '=', id).executeTakeFirstOrThrow();
const storedFiles = async () => Number((await filesDb(platform.ctx.db).selectFrom('files').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()).count);
const caseRefs = (caseId: string) => filesDb(platform.ctx.db).selectFrom('file_refs').select(['file_id', 'personal', 'data_subject_id']).where('owner_id', '=', caseId).execute();
const inDays = (days: number) => addDays(todayInBerlin(), days);

/** A signed-in citizen with a sent case, accepted by the office. */
async function followedCase() {
  const { citizen, made } = await citizenCase(platform.ctx);
  const client = new FormClient(platform.app);
  await signInCitizen(client, citizen);
  await step(made.id, 'annehmen');
  return { citizen, made, client, page: `/konto/antraege/${made.id}` };
}

async function step(caseId: string, slug: string, fields: Record<string, string> = {}) {
  await worker.client.get(`/verwaltung/antraege/${caseId}`);
  const response = await worker.client.post(`/verwaltung/antraege/${caseId}/schritte/${slug}`, fields);
  expect(response.status).toBe(303);
  return response;
}

const requestInformation = (caseId: string, replyBy = inDays(10)) =>
  step(caseId, 'nachfordern', { requestInformationNote: 'Bitte senden Sie eine Kopie Ihres Mietvertrags.', requestInformationReplyBy: formatDay(replyBy) });

describe('a reply of the applicant', () => {
  it('is saved on the case, shown to the caseworker and marked in the queue as a new reply, and audited', async () => {
    const { made, client, page } = await followedCase();
    const shown = await client.get(page);
    expect(shown.status).toBe(200);
    expect(shown.body).toContain('Nachricht an die Stadt');
    expect(shown.body).not.toContain('type="file"');
    expect(await htmlProblems(page, shown.body)).toEqual([]);

    const sent = await client.post(`${page}/antwort`, { message: 'Ich bin ab dem 3. Januar verreist, bitte schicken Sie die Bescheinigung vorher.' });
    expect(sent.status).toBe(303);
    expect(sent.location).toContain('hinweis=gesendet');
    const after = await client.follow(sent);
    expect(after.body).toContain('Ihre Nachricht ist gesendet.');
    expect(after.body).toContain('Ich bin ab dem 3. Januar verreist');
    expect((await caseRow(made.id)).status).toBe('in-progress');

    const staffPage = await worker.client.get(`/verwaltung/antraege/${made.id}`);
    expect(staffPage.body).toContain('Nachricht der antragstellenden Person');
    expect(staffPage.body).toContain('Ich bin ab dem 3. Januar verreist');
    const queue = await worker.client.get('/verwaltung/antraege');
    const row = queue.body.slice(queue.body.indexOf(made.reference));
    expect(row.slice(0, row.indexOf('</tr>'))).toContain('neue Antwort');
    // Once the office writes back, the reply is no longer new.
    await worker.client.post(`/verwaltung/antraege/${made.id}/nachricht`, { message: 'Wir senden sie rechtzeitig.' });
    const later = await worker.client.get('/verwaltung/antraege');
    const laterRow = later.body.slice(later.body.indexOf(made.reference));
    expect(laterRow.slice(0, laterRow.indexOf('</tr>'))).not.toContain('neue Antwort');

    const record = (await auditOf(platform.ctx, made.id)).find((entry) => entry.action === 'applications.reply-received');
    expect(record).toMatchObject({ data_subject_id: made.user_id, meta: { documents: 0, answered: false } });
  });

  it('without text or document, or too long, is refused at its field and in the summary, nothing saved', async () => {
    const { made, client, page } = await followedCase();
    await client.get(page);
    const empty = await client.post(`${page}/antwort`, { message: '   ' });
    expect(empty.status).toBe(422);
    expect(empty.body).toContain('Bitte schreiben Sie eine Nachricht oder fügen Sie eine Unterlage bei.');
    expect(empty.body).toContain('href="#message"');
    expect(await htmlProblems(page, empty.body)).toEqual([]);
    const long = await client.post(`${page}/antwort`, { message: 'x'.repeat(5001) });
    expect(long.status).toBe(422);
    expect(long.body).toMatch(/5[.,]?000/);
    const messages = await db().selectFrom('application_messages').select('id').where('case_id', '=', made.id).where('kind', '=', 'from-applicant').execute();
    expect(messages).toEqual([]);
  });

  it('cannot be written to another person’s case, nor without the form’s token', async () => {
    const { made } = await followedCase();
    const other = await buildCitizen(platform.ctx, { display_name: 'Otto Anders' });
    const stranger = new FormClient(platform.app);
    await signInCitizen(stranger, other);
    expect((await stranger.get(`/konto/antraege/${made.id}`)).status).toBe(404);
    await stranger.get('/konto/antraege');
    expect((await stranger.post(`/konto/antraege/${made.id}/antwort`, { message: 'Hallo' })).status).toBe(404);
    const own = new FormClient(platform.app);
    const { citizen } = await citizenCase(platform.ctx);
    await signInCitizen(own, citizen);
    expect((await own.post(`/konto/antraege/${made.id}/antwort`, { message: 'Hallo', _csrf: 'falsch' })).status).toBe(403);
  });
});

describe('documents sent with the answer to a request', () => {
  it('are taken with a good file, referenced by the case, listed and downloadable for staff; the case is back in progress', async () => {
    const { made, client, page } = await followedCase();
    const replyBy = inDays(10);
    await requestInformation(made.id, replyBy);
    const shown = await client.get(page);
    expect(shown.body).toContain('Die Stadt braucht noch etwas von Ihnen');
    expect(shown.body).toContain(`Bitte antworten Sie bis zum ${formatDay(replyBy)}.`);
    expect(shown.body).toContain('type="file"');
    expect(shown.body).toContain('enctype="multipart/form-data"');
    expect(await htmlProblems(page, shown.body)).toEqual([]);
    const staffBefore = await worker.client.get(`/verwaltung/antraege/${made.id}`);
    expect(staffBefore.body).toContain(`Antwort erbeten bis zum ${formatDay(replyBy)}.`);

    const sent = await client.postMultipart(`${page}/antwort`, { message: 'Anbei der Mietvertrag.' }, { document1: { name: 'Mietvertrag.pdf', type: 'application/pdf', content: pdfBytes('Mietvertrag Markt 8') } });
    expect(sent.status).toBe(303);
    expect(sent.location).toContain('hinweis=beantwortet');
    expect((await caseRow(made.id)).status).toBe('in-progress');
    const refs = await caseRefs(made.id);
    const documents = await db().selectFrom('application_case_documents').selectAll().where('case_id', '=', made.id).execute();
    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({ filename: 'Mietvertrag.pdf', media_type: 'application/pdf' });
    expect(refs).toContainEqual({ file_id: documents[0]!.file_id, personal: true, data_subject_id: made.user_id });

    const staffPage = await worker.client.get(`/verwaltung/antraege/${made.id}`);
    expect(staffPage.body).toContain('Mietvertrag.pdf');
    expect(staffPage.body).toContain('Antwort der antragstellenden Person');
    expect(staffPage.body).not.toContain('Antwort erbeten bis');
    const download = await worker.client.get(`/verwaltung/antraege/${made.id}/dateien/${documents[0]!.file_id}`);
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toContain('Mietvertrag.pdf');
    const actions = (await auditOf(platform.ctx, made.id)).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['applications.information-answered', 'applications.reply-received']));
    const downloads = await sql<{ count: string }>`select count(*) from audit_log where action = 'applications.case-file-downloaded' and data_subject_id = ${made.user_id}`.execute(platform.ctx.db);
    expect(Number(downloads.rows[0]!.count)).toBe(1);
    const history = await sql<{ transition: string; actor_id: string }>`select transition, actor_id from workflow_history where instance_id = ${made.id} order by id`.execute(platform.ctx.db);
    expect(history.rows.at(-1)).toEqual({ transition: 'answer', actor_id: made.user_id });

    const mine = await client.get(sent.location!);
    expect(mine.body).toContain('Nachgereichte Unterlagen');
    expect(mine.body).toContain('Mietvertrag.pdf');
    expect(mine.body).not.toContain('type="file"');
  });

  it('refuses a file that lies about its type with a message at its field, stores nothing and keeps the case waiting', async () => {
    const { made, client, page } = await followedCase();
    await requestInformation(made.id);
    await client.get(page);
    const before = await storedFiles();
    const refsBefore = await caseRefs(made.id);
    const lying = await client.postMultipart(`${page}/antwort`, { message: 'Hier das Foto.' }, { document1: { name: 'vertrag.pdf', type: 'application/pdf', content: Buffer.from('MZ\x90\x00 this is a program, not a document') } });
    expect(lying.status).toBe(422);
    expect(lying.body).toMatch(/PDF|JPEG|PNG/);
    expect(lying.body).toContain('href="#document1"');
    expect(await htmlProblems(page, lying.body)).toEqual([]);
    expect(await storedFiles()).toBe(before);
    expect(await caseRefs(made.id)).toEqual(refsBefore);
    expect(await db().selectFrom('application_case_documents').select('id').where('case_id', '=', made.id).execute()).toEqual([]);
    expect((await caseRow(made.id)).status).toBe('information-requested');
  });

  it('are refused while nothing is requested, with 409 and nothing referenced', async () => {
    const { made, client, page } = await followedCase();
    await client.get(page);
    const refsBefore = await caseRefs(made.id);
    const sent = await client.postMultipart(`${page}/antwort`, { message: 'Noch ein Dokument.' }, { document1: { name: 'extra.pdf', type: 'application/pdf', content: pdfBytes('Extra') } });
    expect(sent.status).toBe(409);
    expect(sent.body).toContain('keine Unterlagen erbeten');
    expect(await caseRefs(made.id)).toEqual(refsBefore);
  });

  it('leave the clock paused for exactly the days the office waited', async () => {
    const { made, client, page } = await followedCase();
    await requestInformation(made.id);
    await client.get(page);
    await client.post(`${page}/antwort`, { message: 'Der Vertrag kommt per Post.' });
    expect((await caseRow(made.id)).status).toBe('in-progress');
    // As if sent twelve days ago, asked nine days ago and answered two days ago: seven days waited.
    const ago = (days: number) => new Date(Date.now() - days * 86_400_000 - 60_000);
    await db().updateTable('application_cases').set({ submitted_at: ago(12) }).where('id', '=', made.id).execute();
    await sql`update workflow_history set at = ${ago(12)} where instance_id = ${made.id} and transition = 'accept'`.execute(platform.ctx.db);
    await sql`update workflow_history set at = ${ago(9)} where instance_id = ${made.id} and transition = 'requestInformation'`.execute(platform.ctx.db);
    await sql`update workflow_history set at = ${ago(2)} where instance_id = ${made.id} and transition = 'answer'`.execute(platform.ctx.db);
    const staffPage = await worker.client.get(`/verwaltung/antraege/${made.id}`);
    expect(staffPage.body).toContain('5 Tage in Bearbeitung.');
    expect(staffPage.body).toContain('Nicht mitgezählt: 7 Tage Warten auf nachgeforderte Angaben.');
  });
});

describe('withdrawing an application', () => {
  it('asks first, then withdraws, tells the applicant and the office, and starts the retention period', async () => {
    const { made, client, page } = await followedCase();
    const shown = await client.get(page);
    expect(shown.body).toContain(`href="${page}/zurueckziehen"`);
    const confirm = await client.get(`${page}/zurueckziehen`);
    expect(confirm.status).toBe(200);
    expect(confirm.body).toContain('Möchten Sie Ihren Antrag wirklich zurückziehen?');
    expect(await htmlProblems(`${page}/zurueckziehen`, confirm.body)).toEqual([]);
    expect((await caseRow(made.id)).status).toBe('in-progress');

    const done = await client.post(`${page}/zurueckziehen`, {});
    expect(done.status).toBe(303);
    const after = await client.follow(done);
    expect(after.body).toContain('Ihr Antrag ist zurückgezogen.');
    expect(after.body).not.toContain('/zurueckziehen"');
    const row = await caseRow(made.id);
    expect(row.status).toBe('withdrawn');
    expect(row.closed_at).toBeInstanceOf(Date);

    const sent = await messagesAbout(platform.ctx, made.id);
    const withdrawn = sent.find((message) => message.purpose === 'case-withdrawn');
    expect(withdrawn?.body).toContain('zurückgezogen');
    expect(withdrawn?.channels).toEqual(['email', 'inbox']);
    const record = (await auditOf(platform.ctx, made.id)).find((entry) => entry.action === 'applications.case-withdrawn');
    expect(record).toMatchObject({ actor_id: made.user_id, data_subject_id: made.user_id, meta: { from: 'in-progress', to: 'withdrawn' } });

    const staffPage = await worker.client.get(`/verwaltung/antraege/${made.id}`);
    expect(staffPage.body).toContain('Von der antragstellenden Person zurückgezogen');
    expect(staffPage.body).toContain('Stand: zurückgezogen');
    expect((await worker.client.get('/verwaltung/antraege?status=withdrawn')).body).toContain(made.reference);

    // A reply to a withdrawn case reaches nobody.
    await client.get(page);
    const late = await client.post(`${page}/antwort`, { message: 'Doch noch eine Frage.' });
    expect(late.status).toBe(409);
    expect(late.body).toContain('abgeschlossen oder zurückgezogen');
  });

  it('is refused once the case is decided, with 409 and a message, and for another person’s case with 404', async () => {
    const { made, client, page } = await followedCase();
    await step(made.id, 'bewilligen', { approveNote: 'Wir stellen die Meldebescheinigung aus.', approveFee: 'none' });
    expect((await client.get(page)).body).not.toContain('/zurueckziehen"');
    const asked = await client.get(`${page}/zurueckziehen`);
    expect(asked.status).toBe(409);
    expect(asked.body).toContain('Zurückziehen geht nur vor der Entscheidung.');
    await client.get(page);
    const posted = await client.post(`${page}/zurueckziehen`, {});
    expect(posted.status).toBe(409);
    expect(posted.body).toContain('Zurückziehen geht nur vor der Entscheidung.');
    expect((await caseRow(made.id)).status).toBe('approved');

    const open = await followedCase();
    const stranger = new FormClient(platform.app);
    await signInCitizen(stranger, (await citizenCase(platform.ctx)).citizen);
    expect((await stranger.get(`${open.page}/zurueckziehen`)).status).toBe(404);
    await stranger.get('/konto/antraege');
    expect((await stranger.post(`${open.page}/zurueckziehen`, {})).status).toBe(404);
    expect((await caseRow(open.made.id)).status).toBe('in-progress');
  });
});
