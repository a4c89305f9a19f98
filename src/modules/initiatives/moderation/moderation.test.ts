import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentHistory } from '#modules/accounts/index.ts';
import { buildStaff, signInStaff } from '#modules/accounts/test/builders.ts';
import { buildStreet } from '#modules/streets/test/builders.ts';
import { searchDocuments } from '#kernel/search/index.ts';
import { FormClient } from '#test/http-client.ts';
import { htmlProblems } from '#test/html-validity.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { moderator } from '../permissions.ts';
import { initiativesDb } from '../repo.ts';
import { proposerSubject, publishConsent } from './service.propose.ts';

let platform: TestPlatform;
let moderatorClient: FormClient;
beforeAll(async () => {
  platform = await createTestPlatform();
  const staff = await buildStaff(platform.ctx, [{ role: moderator }]);
  moderatorClient = new FormClient(platform.app);
  await signInStaff(moderatorClient, staff);
});
afterAll(async () => {
  await platform.close();
});

const db = () => initiativesDb(platform.ctx.db);
const entryNamed = (name: string) => db().selectFrom('initiatives').selectAll().where('name', '=', name).executeTakeFirst();
const linkIn = (email: string, kind: 'bestaetigen' | 'antworten') =>
  new RegExp(`http://[^\\s]+(/initiativen/vorschlag/[0-9a-f-]{36}/${kind}/[\\w-]+)`).exec(platform.smtp.lastTo(email)?.text ?? '')?.[1];

function proposal(name: string, email: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    name,
    summary: 'Wir reparieren gemeinsam Kaputtes, statt es wegzuwerfen.',
    description: 'Jeden ersten Samstag im Monat im Pfarrheim.',
    providerKind: 'gruppe',
    domains: 'umwelt',
    districts: 'loevenich',
    website: 'https://repaircafe.example.org',
    contactName: 'Repair-Team',
    contactEmail: 'team@repaircafe.example.org',
    accessibility: 'stufenlos',
    languages: 'de',
    meetingTimes: 'erster Samstag im Monat, 10–13 Uhr',
    address: 'Marktplatz 1',
    proposerName: 'Paula Vorschlag',
    proposerEmail: email,
    consent: 'on',
    ...overrides,
  };
}

async function propose(name: string, email: string) {
  const client = new FormClient(platform.app);
  await client.get('/initiativen/vorschlagen');
  const sent = await client.post('/initiativen/vorschlagen', proposal(name, email));
  expect(sent.status).toBe(303);
  await platform.runJobs();
  return client;
}

async function confirmByMail(client: FormClient, email: string) {
  const link = linkIn(email, 'bestaetigen');
  expect(link).toBeDefined();
  await client.get(link!);
  const done = await client.post(link!, {});
  expect(done.status).toBe(200);
  return link!;
}

describe('proposing and moderating an initiative', () => {
  it('takes a proposal, confirmed by the mailed link, through a question and its answer to publication', async () => {
    const client = new FormClient(platform.app);
    const form = await client.get('/initiativen/vorschlagen');
    expect(form.status).toBe(200);
    expect(form.body).toContain('name="_csrf"');
    expect(form.body).toContain('<legend');
    expect(await htmlProblems('/initiativen/vorschlagen', form.body)).toEqual([]);

    const sent = await client.post('/initiativen/vorschlagen', proposal('Repair-Café Lövenich', 'paula@example.org'));
    expect(sent.status).toBe(303);
    expect((await client.follow(sent)).body).toContain('Bitte bestätigen Sie Ihre E-Mail-Adresse');
    const stored = await entryNamed('Repair-Café Lövenich');
    expect(stored).toMatchObject({ status: 'unconfirmed', slug: 'repair-cafe-loevenich', domains: ['umwelt'], districts: ['loevenich'], contact_email: 'team@repaircafe.example.org' });
    expect(await db().selectFrom('initiative_maintainers').select(['status', 'email', 'email_confirmed_at']).where('initiative_id', '=', stored!.id).execute()).toEqual([
      { status: 'pending', email: 'paula@example.org', email_confirmed_at: null },
    ]);
    // The consent to publish is in the platform's ledger, in the words the proposer saw.
    const proposer = await db().selectFrom('initiative_maintainers').select('id').where('initiative_id', '=', stored!.id).executeTakeFirstOrThrow();
    expect(await consentHistory(platform.ctx.db, proposerSubject(proposer.id))).toEqual([
      expect.objectContaining({ purpose: publishConsent, decision: 'given', channel: 'online', language: 'de', wording: expect.stringContaining('Ich bin damit einverstanden, dass der Eintrag') }),
    ]);

    await platform.runJobs();
    const link = linkIn('paula@example.org', 'bestaetigen');
    expect(link).toBeDefined();
    // Only a hash of the key is kept, valid three days.
    const keys = await db().selectFrom('initiative_keys').selectAll().where('initiative_id', '=', stored!.id).execute();
    expect(keys).toHaveLength(1);
    expect(link).not.toContain(keys[0]!.key_hash);
    expect(keys[0]!.expires_at.getTime() - Date.now()).toBeGreaterThan(2.9 * 86_400_000);
    // Opening the link only asks.
    const ask = await client.get(link!);
    expect(ask.status).toBe(200);
    expect(ask.body).toContain('Ja, Vorschlag bestätigen');
    expect(await htmlProblems(link!, ask.body)).toEqual([]);
    expect((await entryNamed('Repair-Café Lövenich'))?.status).toBe('unconfirmed');
    const confirmed = await client.post(link!, {});
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toContain('liegt jetzt der Moderation vor');
    const submitted = await entryNamed('Repair-Café Lövenich');
    expect(submitted?.status).toBe('submitted');
    expect(submitted?.submitted_at).not.toBeNull();
    expect((await db().selectFrom('initiative_maintainers').select('email_confirmed_at').where('initiative_id', '=', stored!.id).executeTakeFirstOrThrow()).email_confirmed_at).not.toBeNull();
    // A second click on the same link is harmless.
    await client.get(link!);
    const again = await client.post(link!, {});
    expect(again.status).toBe(200);
    expect((await entryNamed('Repair-Café Lövenich'))?.status).toBe('submitted');

    // The queue shows it waiting since today.
    const queue = await moderatorClient.get('/verwaltung/initiativen');
    expect(queue.status).toBe(200);
    expect(queue.body).toContain('Repair-Café Lövenich');
    expect(queue.body).toContain('wartet seit heute');
    expect(await htmlProblems('/verwaltung/initiativen', queue.body)).toEqual([]);

    const detailPath = `/verwaltung/initiativen/${stored!.id}`;
    const detail = await moderatorClient.get(detailPath);
    expect(detail.status).toBe(200);
    expect(detail.body).toContain('paula@example.org');
    expect(detail.body).toContain('Rückfrage senden');
    expect(await htmlProblems(detailPath, detail.body)).toEqual([]);

    // Asking without a question is refused at the field.
    const empty = await moderatorClient.post(`${detailPath}/ask`, { 'note-ask': '  ' });
    expect(empty.status).toBe(422);
    expect(empty.body).toContain('Bitte schreiben Sie Ihre Rückfrage.');
    await moderatorClient.get(detailPath);
    const asked = await moderatorClient.post(`${detailPath}/ask`, { 'note-ask': 'Ist das Pfarrheim stufenlos erreichbar?' });
    expect(asked.status).toBe(303);
    expect((await entryNamed('Repair-Café Lövenich'))).toMatchObject({ status: 'question', moderator_question: 'Ist das Pfarrheim stufenlos erreichbar?' });
    await platform.runJobs();
    expect(platform.smtp.lastTo('paula@example.org')?.text).toContain('Ist das Pfarrheim stufenlos erreichbar?');
    expect((await moderatorClient.get('/verwaltung/initiativen')).body).toContain('heute gefragt');

    const answerLink = linkIn('paula@example.org', 'antworten');
    expect(answerLink).toBeDefined();
    const answerPage = await client.get(answerLink!);
    expect(answerPage.status).toBe(200);
    expect(answerPage.body).toContain('Ist das Pfarrheim stufenlos erreichbar?');
    expect(await htmlProblems(answerLink!, answerPage.body)).toEqual([]);
    const noAnswer = await client.post(answerLink!, { answer: '' });
    expect(noAnswer.status).toBe(422);
    expect(noAnswer.body).toContain('Ihre Antwort');
    const answered = await client.post(answerLink!, { answer: 'Ja, mit Rampe am Seiteneingang.' });
    expect(answered.status).toBe(200);
    expect(await entryNamed('Repair-Café Lövenich')).toMatchObject({ status: 'submitted', proposer_answer: 'Ja, mit Rampe am Seiteneingang.' });
    // The answered link opens nothing more.
    expect((await client.get(answerLink!)).status).toBe(404);

    await moderatorClient.get(detailPath);
    const published = await moderatorClient.post(`${detailPath}/publish`, {});
    expect(published.status).toBe(303);
    const live = await entryNamed('Repair-Café Lövenich');
    expect(live).toMatchObject({ status: 'published' });
    expect(live?.published_at).not.toBeNull();
    expect(live?.confirmed_current_at).not.toBeNull();
    expect((await db().selectFrom('initiative_maintainers').select('status').where('initiative_id', '=', stored!.id).executeTakeFirstOrThrow()).status).toBe('active');
    await platform.runJobs();
    const liveMail = platform.smtp.lastTo('paula@example.org');
    expect(liveMail?.subject).toContain('ist jetzt im Initiativen-Hub');
    expect(liveMail?.text).toContain('/initiativen/pflegen');
    expect(liveMail?.text).toContain('/initiativen/repair-cafe-loevenich');
    // Published, it is found by the platform-wide search.
    expect((await searchDocuments(platform.ctx, 'Repair-Café Lövenich', 'de')).hits.map((hit) => hit.url)).toContain('/initiativen/repair-cafe-loevenich');

    // The history names every step; publishing twice is a conflict.
    const history = await moderatorClient.get(detailPath);
    for (const step of ['Vorschlag bestätigt', 'Rückfrage gestellt', 'Rückfrage beantwortet', 'Veröffentlicht']) expect(history.body).toContain(step);
    expect((await moderatorClient.post(`${detailPath}/publish`, {})).status).toBe(409);
    const audit = await platform.ctx.db.selectFrom('audit_log').select('action').where('subject_id', '=', stored!.id).execute();
    expect(audit.map((row) => row.action)).toEqual(expect.arrayContaining(['initiatives.proposal-confirmed', 'initiatives.question-asked', 'initiatives.question-answered', 'initiatives.published', 'initiatives.entry-viewed']));
  });

  it('gives a second proposal of the same name its own address', async () => {
    await propose('Tafel Erkelenz', 'eins@example.org');
    await propose('Tafel Erkelenz', 'zwei@example.org');
    const slugs = await db().selectFrom('initiatives').select('slug').where('name', '=', 'Tafel Erkelenz').orderBy('created_at').execute();
    expect(slugs.map((row) => row.slug)).toEqual(['tafel-erkelenz', 'tafel-erkelenz-2']);
  });

  it('takes the coordinates of an address from the city’s street list, and none for an unknown street', async () => {
    await buildStreet(platform.ctx.db, { name: 'Pfarrer-Sommer-Weg', latitude: 51.0712, longitude: 6.3101 });
    for (const [name, address] of [['Im Street-Register', 'Pfarrer-Sommer-Weg 12a'], ['Ohne Register', 'Nirgendwostraße 3']] as const) {
      const client = new FormClient(platform.app);
      await client.get('/initiativen/vorschlagen');
      expect((await client.post('/initiativen/vorschlagen', proposal(name, 'karte@example.org', { address }))).status).toBe(303);
    }
    expect(await entryNamed('Im Street-Register')).toMatchObject({ address: 'Pfarrer-Sommer-Weg 12a', latitude: '51.071200', longitude: '6.310100' });
    expect(await entryNamed('Ohne Register')).toMatchObject({ address: 'Nirgendwostraße 3', latitude: null, longitude: null });
  });

  it('rejects with a reason, which is mailed to the proposer', async () => {
    const client = await propose('Werbung für Versicherungen', 'werber@example.org');
    await confirmByMail(client, 'werber@example.org');
    const entry = await entryNamed('Werbung für Versicherungen');
    const path = `/verwaltung/initiativen/${entry!.id}`;
    await moderatorClient.get(path);
    const noReason = await moderatorClient.post(`${path}/reject`, { 'note-reject': '' });
    expect(noReason.status).toBe(422);
    expect(noReason.body).toContain('Bitte geben Sie einen Grund für die Ablehnung an');
    await moderatorClient.get(path);
    expect((await moderatorClient.post(`${path}/reject`, { 'note-reject': 'Ein kommerzielles Angebot, keine Initiative.' })).status).toBe(303);
    expect(await entryNamed('Werbung für Versicherungen')).toMatchObject({ status: 'rejected', reject_reason: 'Ein kommerzielles Angebot, keine Initiative.' });
    await platform.runJobs();
    const mail = platform.smtp.lastTo('werber@example.org');
    expect(mail?.subject).toContain('nicht aufgenommen');
    expect(mail?.text).toContain('Ein kommerzielles Angebot, keine Initiative.');
  });

  it('keeps visitors and staff without the moderators’ role out', async () => {
    const visitor = new FormClient(platform.app);
    const turnedAway = await visitor.get('/verwaltung/initiativen');
    expect(turnedAway.status).toBe(303);
    expect(turnedAway.location).toContain('/anmelden');
    const other = await buildStaff(platform.ctx, [{ role: 'print-room' }]);
    const clerk = new FormClient(platform.app);
    await signInStaff(clerk, other);
    expect((await clerk.get('/verwaltung/initiativen')).status).toBe(403);
    const entry = await entryNamed('Repair-Café Lövenich');
    expect((await clerk.get(`/verwaltung/initiativen/${entry!.id}`)).status).toBe(403);
    expect((await clerk.post(`/verwaltung/initiativen/${entry!.id}/withdraw`, { 'note-withdraw': 'Weg damit' })).status).toBe(403);
    expect((await entryNamed('Repair-Café Lövenich'))?.status).toBe('published');
    expect((await moderatorClient.get('/verwaltung/initiativen/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('says in German what is wrong with a proposal, keeps what was typed, and stores nothing', async () => {
    const client = new FormClient(platform.app);
    await client.get('/initiativen/vorschlagen');
    const refused = await client.post('/initiativen/vorschlagen', proposal('Fehlerhafte Initiative', 'fehler@example.org', { domains: '', consent: '', summary: 'x'.repeat(301) }));
    expect(refused.status).toBe(422);
    expect(refused.body).toContain('Bitte wählen Sie mindestens einen Bereich aus.');
    expect(refused.body).toContain('ohne diese Einwilligung können wir den Vorschlag nicht annehmen');
    expect(refused.body).toContain('höchstens 300 Zeichen lang sein; jetzt sind es 301');
    expect(refused.body).toContain('value="Fehlerhafte Initiative"');
    expect(await htmlProblems('/initiativen/vorschlagen', refused.body)).toEqual([]);

    const badUrl = await client.post('/initiativen/vorschlagen', proposal('Fehlerhafte Initiative', 'fehler@example.org', { website: 'javascript:alert(1)' }));
    expect(badUrl.status).toBe(422);
    expect(badUrl.body).toContain('Bitte geben Sie die Webseite als Adresse mit https:// oder http:// an');
    expect(badUrl.body).toContain('value="Fehlerhafte Initiative"');
    expect(await entryNamed('Fehlerhafte Initiative')).toBeUndefined();
  });

  it('answers a wrong or expired link with 404', async () => {
    const client = await propose('Laufgruppe Gerderath', 'laeufer@example.org');
    const link = linkIn('laeufer@example.org', 'bestaetigen')!;
    const entry = await entryNamed('Laufgruppe Gerderath');
    const wrong = await client.get(`/initiativen/vorschlag/${entry!.id}/bestaetigen/falsch`);
    expect(wrong.status).toBe(404);
    expect(wrong.body).toContain('Dieser Link ist nicht (mehr) gültig.');
    expect((await client.get(`/initiativen/vorschlag/00000000-0000-4000-8000-000000000000/bestaetigen/falsch`)).status).toBe(404);
    await db().updateTable('initiative_keys').set({ expires_at: new Date(Date.now() - 1000) }).where('initiative_id', '=', entry!.id).execute();
    expect((await client.get(link)).status).toBe(404);
    // A page with the form's token, as a browser that kept the link's page open would post from.
    await client.get('/initiativen/vorschlagen');
    expect((await client.post(link, {})).status).toBe(404);
    expect((await entryNamed('Laufgruppe Gerderath'))?.status).toBe('unconfirmed');
  });
});
