import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInBerlin } from '#kernel/calendar.ts';
import { formatDay } from '#kernel/dates.ts';
import { signInCitizen } from '#modules/notify/test/builders.ts';
import { htmlProblems } from '#test/html-validity.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { applicationsDb } from './repo.forms.ts';
import { publishShippedForm } from './test/builders.ts';
import { auditOf, caseworkerOf, citizenCase, guestContact, messagesAbout, type Caseworker } from './test/casework.ts';

let platform: TestPlatform;
let contactOffice: string;
let first: Caseworker;
let second: Caseworker;
let clerk: Caseworker;

beforeAll(async () => {
  platform = await createTestPlatform();
  contactOffice = (await publishShippedForm(platform.ctx, 'kontakt')).officeId;
  const registrationOffice = (await publishShippedForm(platform.ctx, 'meldebescheinigung')).officeId;
  first = await caseworkerOf(platform, registrationOffice, 'Frieda Erste');
  second = await caseworkerOf(platform, registrationOffice, 'Stefan Zweiter');
  clerk = await caseworkerOf(platform, contactOffice, 'Clara Kontakt');
});
afterAll(async () => {
  await platform.close();
});

const db = () => applicationsDb(platform.ctx.db);
const statusOf = async (id: string) => (await db().selectFrom('application_cases').select(['status', 'closed_at']).where('id', '=', id).executeTakeFirstOrThrow()).status;
const inDays = (days: number) => formatDay(addDays(todayInBerlin(), days));

/** Takes a step as a browser does: the case page first (for its form's token), then the step's form. */
async function step(worker: Caseworker, caseId: string, slug: string, fields: Record<string, string> = {}) {
  await worker.client.get(`/verwaltung/antraege/${caseId}`);
  return worker.client.post(`/verwaltung/antraege/${caseId}/schritte/${slug}`, fields);
}

describe('the steps of a case', () => {
  it('accepts, asks for information by a day, resumes, approves with the catalogue’s fee and closes, telling the applicant by their channels each time', async () => {
    const { citizen, made } = await citizenCase(platform.ctx);
    expect((await step(first, made.id, 'annehmen')).location).toContain('notice=step-told');
    const replyBy = inDays(10);
    const asked = await step(first, made.id, 'nachfordern', { requestInformationNote: 'Bitte senden Sie eine Kopie Ihres Ausweises.', requestInformationReplyBy: replyBy });
    expect(asked.status).toBe(303);
    expect(await statusOf(made.id)).toBe('information-requested');
    expect((await step(first, made.id, 'fortsetzen')).status).toBe(303);
    const approved = await step(first, made.id, 'bewilligen', { approveNote: 'Wir stellen Ihnen die einfache Meldebescheinigung aus.', approveFee: '0' });
    expect(approved.location).toContain('notice=decision-letter');
    expect((await step(first, made.id, 'abschliessen')).status).toBe(303);
    const closed = await db().selectFrom('application_cases').select(['status', 'closed_at']).where('id', '=', made.id).executeTakeFirstOrThrow();
    expect(closed.status).toBe('closed');
    expect(closed.closed_at).toBeInstanceOf(Date);

    const sent = await messagesAbout(platform.ctx, made.id);
    expect(sent.map((message) => message.purpose)).toEqual(['case-received', 'case-status-changed', 'case-information-requested', 'case-status-changed', 'decision-notice', 'case-status-changed']);
    expect(sent[1]!.body).toContain('in Bearbeitung');
    expect(sent[2]!.body).toContain('Bitte senden Sie eine Kopie Ihres Ausweises.');
    expect(sent[2]!.body).toMatch(new RegExp(`bis zum \\d{1,2}\\. \\S+ ${replyBy.slice(-4)}`));
    // A certificate of registration applied for after a sign-in by password: the decision goes only by
    // letter to the address in the form, as the procedure prescribes (casework.decision.test.ts has the rest).
    const decision = sent[4]!;
    expect(decision.channels).toEqual(['letter']);
    expect(decision.body).toContain('Wir stellen Ihnen die einfache Meldebescheinigung aus.');
    expect(decision.body).toMatch(/Die Gebühr beträgt 12,50\s€\./);
    expect(sent[5]!.body).toContain('abgeschlossen');
    const attachments = await sql<{ count: string }>`select count(*) from notify_attachments a join notify_messages m on m.id = a.message_id where m.cause like ${`applications:approve:${made.id}:%`}`.execute(platform.ctx.db);
    expect(Number(attachments.rows[0]!.count)).toBe(0);
    await platform.runJobs();
    const mail = platform.smtp.lastTo(citizen.user.email!);
    expect(mail?.attachments ?? []).toHaveLength(0);

    // The applicant follows it in "Meine Anträge": the request with its day, the decision, the status.
    const own = new FormClient(platform.app);
    await signInCitizen(own, citizen);
    const mine = await own.get(`/konto/antraege/${made.id}`);
    expect(mine.body).toContain('Bitte senden Sie eine Kopie Ihres Ausweises.');
    expect(mine.body).toContain(`Bitte antworten Sie bis zum ${replyBy}.`);
    expect(mine.body).toContain('Der Bescheid geht, wie für diese Leistung vorgeschrieben, nur per Brief an die im Antrag angegebene Meldeanschrift.');
    expect(mine.body).not.toContain('Wir stellen Ihnen die einfache Meldebescheinigung aus.');
    expect(mine.body).toContain('abgeschlossen');

    const actions = (await auditOf(platform.ctx, made.id)).map((record) => record.action);
    expect(actions).toEqual(expect.arrayContaining(['applications.case-accepted', 'applications.information-requested', 'applications.case-resumed', 'applications.case-approved', 'applications.case-closed']));
  });

  it('tells a guest by e-mail, and says when a decision cannot go by letter for want of an address', async () => {
    const made = await guestContact(platform.ctx, { email: 'gast.schritte@example.org' });
    await step(clerk, made.id, 'annehmen');
    await platform.runJobs();
    expect(platform.smtp.lastTo('gast.schritte@example.org')?.text).toContain('in Bearbeitung');

    const page = await clerk.client.get(`/verwaltung/antraege/${made.id}`);
    expect(page.body).toContain('Für einen Bescheid fehlt die Postanschrift');
    const approved = await step(clerk, made.id, 'bewilligen', { approveNote: 'Der Wertstoffhof ist samstags von 9 bis 14 Uhr geöffnet.', approveFee: 'none' });
    expect(approved.location).toContain('notice=decision-no-letter');
    expect(await statusOf(made.id)).toBe('approved');
    const sent = await messagesAbout(platform.ctx, made.id);
    expect(sent.map((message) => message.purpose)).toEqual(['case-received', 'case-status-changed', 'case-status-changed']);
    expect(sent[2]!.body).toContain('bewilligt');
    expect((await clerk.client.get(approved.location!)).body).toContain('für den Bescheid fehlt die Postanschrift');
  });

  it('lets only another caseworker confirm a proposed rejection, and tells the applicant only of the decision', async () => {
    const { citizen, made } = await citizenCase(platform.ctx);
    await step(first, made.id, 'annehmen');
    const proposed = await step(first, made.id, 'ablehnung-vorschlagen', { proposeRejectionNote: 'Die Person ist nicht in Erkelenz gemeldet.' });
    expect(proposed.location).toContain('notice=step-silent');
    expect(await statusOf(made.id)).toBe('rejection-proposed');

    const ownPage = await first.client.get(`/verwaltung/antraege/${made.id}`);
    expect(ownPage.body).toContain('Bestätigen muss sie eine andere Person Ihrer Dienststelle');
    expect(ownPage.body).not.toContain('/schritte/ablehnung-bestaetigen');
    const refused = await first.client.post(`/verwaltung/antraege/${made.id}/schritte/ablehnung-bestaetigen`, { confirmRejectionNote: 'Abgelehnt.', confirmRejectionFee: 'none' });
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('Sie haben diese Ablehnung selbst vorgeschlagen.');
    expect(await statusOf(made.id)).toBe('rejection-proposed');

    const confirmed = await step(second, made.id, 'ablehnung-bestaetigen', { confirmRejectionNote: 'Wir lehnen Ihren Antrag ab: Sie sind nicht in Erkelenz gemeldet.', confirmRejectionFee: 'none' });
    expect(confirmed.location).toContain('notice=decision-letter');
    expect(await statusOf(made.id)).toBe('rejected');
    const sent = await messagesAbout(platform.ctx, made.id);
    expect(sent.map((message) => message.purpose)).toEqual(['case-received', 'case-status-changed', 'decision-notice']);
    expect(sent[2]!.body).toContain('Sie sind nicht in Erkelenz gemeldet.');
    expect(sent[2]!.body).toMatch(/Die Gebühr beträgt 0,00\s€\./);
    const history = await sql<{ transition: string; actor_id: string }>`select transition, actor_id from workflow_history where instance_id = ${made.id} order by id`.execute(platform.ctx.db);
    expect(history.rows).toEqual([
      { transition: 'accept', actor_id: first.staff.user.id },
      { transition: 'proposeRejection', actor_id: first.staff.user.id },
      { transition: 'confirmRejection', actor_id: second.staff.user.id },
    ]);

    // The proposal is the office's own remark: the audit records the applicant reads on their data page
    // say that a step was taken, not what the caseworker noted.
    const audited = await sql<{ action: string; reason: string | null; meta: { noted?: boolean } }>`select action, reason, meta from audit_log where subject_id = ${made.id} and action = 'applications.rejection-proposed'`.execute(platform.ctx.db);
    expect(audited.rows).toEqual([expect.objectContaining({ reason: null, meta: expect.objectContaining({ noted: true }) })]);
    const applicant = new FormClient(platform.app);
    await signInCitizen(applicant, citizen);
    const data = await applicant.get('/konto/daten');
    expect(data.status).toBe(200);
    expect(data.body).not.toContain('Die Person ist nicht in Erkelenz gemeldet.');
  });

  it('sends a proposed rejection back with a reason', async () => {
    const { made, citizen } = await citizenCase(platform.ctx);
    await step(first, made.id, 'annehmen');
    await step(first, made.id, 'ablehnung-vorschlagen', { proposeRejectionNote: 'Unterlagen unvollständig.' });
    const returned = await step(second, made.id, 'ablehnung-zurueckgeben', { returnRejectionNote: 'Bitte erst nachfordern.' });
    expect(returned.status).toBe(303);
    expect(await statusOf(made.id)).toBe('in-progress');
    const page = await first.client.get(`/verwaltung/antraege/${made.id}`);
    expect(page.body).toContain('Bitte erst nachfordern.');
    expect(page.body).toContain('Stefan Zweiter');

    // The office's deliberation stays with the office: the applicant's timeline shows the case in progress once.
    const own = new FormClient(platform.app);
    await signInCitizen(own, citizen);
    const mine = await own.get(`/konto/antraege/${made.id}`);
    expect(mine.body.match(/Neuer Stand: in Bearbeitung/g)).toHaveLength(1);
    expect(mine.body).not.toContain('Bitte erst nachfordern.');
  });
});

describe('bad input to a step', () => {
  it('is refused with a message at its field, and nothing is saved', async () => {
    const { made } = await citizenCase(platform.ctx);
    await step(first, made.id, 'annehmen');
    const noReason = await step(first, made.id, 'ablehnung-vorschlagen', { proposeRejectionNote: '  ' });
    expect(noReason.status).toBe(422);
    expect(noReason.body).toContain('Bitte begründen Sie die vorgeschlagene Ablehnung.');
    expect(noReason.body).toMatch(/<title>Fehler:/);

    const past = await step(first, made.id, 'nachfordern', { requestInformationNote: 'Bitte Ausweis schicken.', requestInformationReplyBy: inDays(-1) });
    expect(past.status).toBe(422);
    expect(past.body).toContain(`Der Tag für die Antwort muss in der Zukunft liegen: frühestens der ${inDays(1)}.`);
    expect(past.body).toContain('Bitte Ausweis schicken.');
    const today = await step(first, made.id, 'nachfordern', { requestInformationNote: 'Bitte Ausweis schicken.', requestInformationReplyBy: inDays(0) });
    expect(today.status).toBe(422);
    const impossible = await step(first, made.id, 'nachfordern', { requestInformationNote: 'Bitte Ausweis schicken.', requestInformationReplyBy: '31.02.2030' });
    expect(impossible.status).toBe(422);
    expect(impossible.body).toContain('Februar');
    const nothing = await step(first, made.id, 'nachfordern', {});
    expect(nothing.status).toBe(422);
    expect(nothing.body).toContain('Bitte schreiben Sie, welche Angaben fehlen.');
    expect(nothing.body).toContain('Bitte geben Sie an, bis wann die Person antworten soll.');
    const badFee = await step(first, made.id, 'bewilligen', { approveNote: 'Bewilligt.', approveFee: '7' });
    expect(badFee.status).toBe(422);
    expect(badFee.body).toContain('Bitte wählen Sie eine Gebühr aus der Liste.');

    expect(await statusOf(made.id)).toBe('in-progress');
    expect((await messagesAbout(platform.ctx, made.id)).map((message) => message.purpose)).toEqual(['case-received', 'case-status-changed']);
    expect(await db().selectFrom('application_messages').select('id').where('case_id', '=', made.id).execute()).toEqual([]);
  });

  it('answers an unknown step 404 and a step the status does not allow 409', async () => {
    const { made } = await citizenCase(platform.ctx);
    const unknown = await step(first, made.id, 'loeschen');
    expect(unknown.status).toBe(404);
    const early = await step(first, made.id, 'bewilligen', { approveNote: 'Bewilligt.', approveFee: '0' });
    expect(early.status).toBe(409);
    expect(early.body).toContain('Dieser Schritt passt nicht mehr zum Stand des Antrags');
    expect(await statusOf(made.id)).toBe('received');
  });
});


describe('the back office’s pages', () => {
  it('are valid, accessible HTML in every state, with errors and notices shown, in German and English', async () => {
    const found: string[] = [];
    const check = async (worker: Caseworker, url: string, expected: number[] = [200]) => {
      const response = await worker.client.get(url);
      expect(expected).toContain(response.status);
      found.push(...(await htmlProblems(url, response.body)));
    };
    const { made } = await citizenCase(platform.ctx);
    await check(first, '/verwaltung/antraege');
    await check(first, '/verwaltung/antraege?lang=en');
    await check(first, '/verwaltung/antraege?olderThan=abc&status=weg', [400]);
    await check(first, `/verwaltung/antraege/${made.id}`);
    await step(first, made.id, 'annehmen');
    await check(first, `/verwaltung/antraege/${made.id}?notice=step-told`);
    const refused = await step(first, made.id, 'nachfordern', { requestInformationNote: '', requestInformationReplyBy: 'morgen' });
    found.push(...(await htmlProblems('refused step', refused.body)));
    await step(first, made.id, 'ablehnung-vorschlagen', { proposeRejectionNote: 'Nicht gemeldet.' });
    await check(first, `/verwaltung/antraege/${made.id}`);
    await check(second, `/verwaltung/antraege/${made.id}?lang=en`);
    const conflict = await step(second, made.id, 'annehmen');
    expect(conflict.status).toBe(409);
    found.push(...(await htmlProblems('conflict', conflict.body)));
    const guest = await guestContact(platform.ctx, { answerBy: 'phone', email: null, phone: '+492431850' });
    await check(clerk, `/verwaltung/antraege/${guest.id}`);
    const note = await clerk.client.post(`/verwaltung/antraege/${guest.id}/notiz`, { note: '' });
    found.push(...(await htmlProblems('refused note', note.body)));
    expect(found).toEqual([]);
  });
});
