import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseReference } from '#kernel/reference.ts';
import { buildCitizen } from '#modules/accounts/test/builders.ts';
import { signInCitizen } from '#modules/notify/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import { readPdf } from '#test/pdf.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { applicationsDb } from './repo.forms.ts';
import { answerPages, publishShippedForm, startForm } from './test/builders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
  await publishShippedForm(platform.ctx, 'kontakt');
  await publishShippedForm(platform.ctx, 'sperrmuell');
});
afterAll(async () => {
  await platform.close();
});

const db = () => applicationsDb(platform.ctx.db);

/** The contact form as a guest without JavaScript fills it in, up to "check your answers". */
async function contactUpToCheck(client: FormClient, email = 'erika.muster@example.org') {
  const first = await startForm(client, 'kontakt');
  const last = await answerPages(client, first, [
    { topic: 'question' },
    { message: 'Wann ist der Wertstoffhof samstags geöffnet?' },
    {},
    { givenName: 'Erika', familyName: 'Muster' },
    { answerBy: 'email' },
    { email },
  ]);
  expect(last.location).toMatch(/\/pruefen$/);
  return last.location!;
}

describe('a guest applying without JavaScript', () => {
  it('goes from the start page through one page per question to a case with a reference to read out', async () => {
    const client = new FormClient(platform.app);
    const start = await client.get('/antraege/kontakt');
    expect(start.status).toBe(200);
    expect(start.body).toContain('Was Sie brauchen');
    expect(start.body).toContain('/antraege/kontakt/formular.pdf');

    const check = await contactUpToCheck(client);
    const page = await client.get(check);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Wann ist der Wertstoffhof samstags geöffnet?');
    expect(page.body).toContain('erika.muster@example.org');
    expect(page.body).toMatch(/seite\/messagePage\?aendern=1/);

    const draftId = /entwurf\/([0-9a-f-]{36})\//.exec(check)![1]!;
    const refused = await client.post(check.replace('/pruefen', '/absenden'), {});
    expect(refused.status).toBe(422);
    expect(refused.body).toContain('Bitte bestätigen Sie die Erklärung');

    const sent = await client.post(check.replace('/pruefen', '/absenden'), { declared: 'on' });
    expect(sent.status).toBe(303);
    const confirmation = await client.get(sent.location!);
    expect(confirmation.status).toBe(200);
    const made = await db().selectFrom('application_cases').selectAll().where('draft_id', '=', draftId).executeTakeFirstOrThrow();
    expect(parseReference(made.reference).ok).toBe(true);
    expect(confirmation.body).toContain(made.reference);
    expect(confirmation.body).toContain('wie');
    expect(made.status).toBe('received');
    expect(made.channel).toBe('online');
    expect(made.applicant).toMatchObject({ name: 'Erika Muster', email: 'erika.muster@example.org' });
    expect(made.answers).toMatchObject({ topic: 'question', answerBy: 'email', email: 'erika.muster@example.org' });
    expect(await db().selectFrom('application_drafts').select('id').where('id', '=', draftId).executeTakeFirst()).toBeUndefined();

    // The receipt: every answer and the reference, in a PDF the guest downloads from the confirmation page.
    const receipt = await platform.app.inject({ url: `/antraege/vorgang/${made.id}/eingangsbestaetigung.pdf`, headers: { cookie: [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ') } });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.headers['content-type']).toContain('application/pdf');
    const pdf = await readPdf(receipt.rawPayload);
    const text = await pdf.text(1, pdf.pages);
    expect(text).toContain(made.reference);
    expect(text).toContain('Wann ist der Wertstoffhof samstags geöffnet?');

    // The confirmation by e-mail names the reference; it never carries the answers as an attachment.
    await platform.runJobs();
    const mail = platform.smtp.lastTo('erika.muster@example.org');
    expect(mail?.text).toContain(made.reference);
    expect(mail?.attachments ?? []).toHaveLength(0);
  });

  it('makes one case of a double click, and answers the repeat with the same reference', async () => {
    const client = new FormClient(platform.app);
    const check = await contactUpToCheck(client, 'doppelt@example.org');
    await client.get(check);
    const submit = check.replace('/pruefen', '/absenden');
    const [first, second] = await Promise.all([client.post(submit, { declared: 'on' }), client.post(submit, { declared: 'on' })]);
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.location).toBe(first.location);
    const draftId = /entwurf\/([0-9a-f-]{36})\//.exec(check)![1]!;
    const cases = await db().selectFrom('application_cases').select('id').where('draft_id', '=', draftId).execute();
    expect(cases).toHaveLength(1);
  });

  it('keeps the draft to the browser that started it: another gets "not found", never the answers', async () => {
    const owner = new FormClient(platform.app);
    const check = await contactUpToCheck(owner, 'fremd@example.org');
    const stranger = new FormClient(platform.app);
    const seen = await stranger.get(check);
    expect(seen.status).toBe(404);
    expect(seen.body).not.toContain('fremd@example.org');
    const page = await stranger.get(check.replace('/pruefen', '/seite/emailPage'));
    expect(page.status).toBe(404);
  });

  it('says what is wrong on the page, keeps what was typed and saves nothing of the refused page', async () => {
    const client = new FormClient(platform.app);
    const first = await startForm(client, 'kontakt');
    await client.get(first);
    const refused = await client.post(first, { topic: 'not-an-option' });
    expect(refused.status).toBe(422);
    expect(refused.body).toContain('kern-error');
    expect(refused.body).toMatch(/<title>Fehler:/);
    const hostile = await platform.app.inject({
      method: 'POST',
      url: first,
      payload: `_csrf=${encodeURIComponent(client.csrfToken())}&topic=question&topic=idea`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
      remoteAddress: client.remoteAddress,
    });
    expect(hostile.statusCode).toBe(422);
    const draftId = /entwurf\/([0-9a-f-]{36})\//.exec(first)![1]!;
    const draft = await db().selectFrom('application_drafts').selectAll().where('id', '=', draftId).executeTakeFirstOrThrow();
    expect(draft.answers).toEqual({});
  });

  it('shows a later page only when an earlier answer asks for it, and checks the whole draft before sending', async () => {
    const client = new FormClient(platform.app);
    const first = await startForm(client, 'kontakt');
    const last = await answerPages(client, first, [{ topic: 'idea' }, { message: 'Mehr Bänke am Markt.' }, {}, { givenName: 'Max', familyName: 'Muster' }, { answerBy: 'phone' }]);
    expect(last.location).toMatch(/seite\/phonePage$/);
    const hidden = await client.get(last.location!.replace('phonePage', 'emailPage'));
    expect(hidden.status).toBe(303);
    // Sending before the phone page was answered leads back to it.
    const check = last.location!.replace(/seite\/phonePage$/, 'pruefen');
    await client.get(check);
    const early = await client.post(check.replace('/pruefen', '/absenden'), { declared: 'on' });
    expect(early.status).toBe(303);
    expect(early.location).toMatch(/seite\/phonePage\?aendern=1$/);
  });
});

describe('the general contact form', () => {
  /** The page's text without tags, so that a sentence split by markup is found whole. */
  const shown = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

  it('speaks of a message to the city, not of an application or its fee, from the start page to the confirmation', async () => {
    const client = new FormClient(platform.app);
    const start = shown((await client.get('/antraege/kontakt')).body);
    expect(start).toContain('Online schreiben');
    expect(start).toContain('Eine Nachricht an uns kostet nichts.');
    expect(start).toContain('Nachricht schreiben');
    expect(start).not.toMatch(/Antrag|beantragen|gebührenfrei/);
    const english = shown((await new FormClient(platform.app).get('/antraege/kontakt?lang=en')).body);
    expect(english).toContain('Writing to us is free of charge.');
    expect(english).toContain('Other ways to write to us');
    expect(english).not.toMatch(/[Aa]pply|application/);

    const check = await contactUpToCheck(client, 'nachricht@example.org');
    const page = shown((await client.get(check)).body);
    expect(page).toContain('bevor Sie die Nachricht absenden');
    expect(page).toContain('Nachricht absenden');
    expect(page).toContain('Nachricht mit Ihren Angaben zum Ausdrucken (PDF)');
    // The one "Antrag" left is the topic the person may write about.
    expect(page.match(/Antrag/g) ?? []).toEqual([]);
    const refused = await client.post(check.replace('/pruefen', '/absenden'), {});
    expect(refused.body).toContain('bevor Sie die Nachricht absenden');
    const sent = await client.post(check.replace('/pruefen', '/absenden'), { declared: 'on' });
    const confirmation = shown((await client.get(sent.location!)).body);
    expect(confirmation).toContain('Nachricht eingegangen');
    expect(confirmation).toContain('Ihre Nachricht „Nachricht an die Stadtverwaltung“ ist bei uns eingegangen.');
    expect(confirmation).not.toContain('Antrag');
  });

  it('leaves an application its words', async () => {
    const start = shown((await new FormClient(platform.app).get('/antraege/sperrmuell')).body);
    expect(start).toContain('Online beantragen');
    expect(start).toContain('Antrag starten');
  });
});

describe('limits', () => {
  it('lets one address start thirty applications in ten minutes, and refuses the next with a message', async () => {
    const client = new FormClient(platform.app);
    await client.get('/antraege/kontakt');
    for (let started = 0; started < 30; started += 1) expect((await client.post('/antraege/kontakt/starten', {})).status).toBe(303);
    const refused = await client.post('/antraege/kontakt/starten', {});
    expect(refused.status).toBe(429);
    expect(refused.body).toContain('Zu viele Versuche in kurzer Zeit');
  });
});

describe('continuing later', () => {
  it('sends a guest a link by e-mail that says until when the draft is kept and opens it in another browser', async () => {
    const client = new FormClient(platform.app);
    const first = await startForm(client, 'kontakt');
    const next = await answerPages(client, first, [{ topic: 'praise' }]);
    const save = next.location!.replace(/seite\/.*$/, 'speichern');
    await client.get(save);
    const sent = await client.post(save, { email: 'spaeter@example.org' });
    expect(sent.status).toBe(200);
    expect(sent.body).toContain('spaeter@example.org');
    const again = await client.post(save, { email: 'spaeter@example.org' });
    expect(again.status).toBe(429);

    await platform.runJobs();
    const mail = platform.smtp.lastTo('spaeter@example.org');
    expect(mail?.text).toMatch(/bis zum \d{1,2}\. \w+ \d{4}/);
    const link = /(\/antraege\/entwurf\/[0-9a-f-]{36}\/fortsetzen\/[A-Za-z0-9_-]+)/.exec(mail!.text!)![1]!;

    const otherBrowser = new FormClient(platform.app);
    const resumed = await otherBrowser.get(link);
    expect(resumed.status).toBe(303);
    expect(resumed.location).toMatch(/seite\/topicPage$/);
    const page = await otherBrowser.get(resumed.location!);
    expect(page.status).toBe(200);
    expect(page.body).toContain('value="praise" selected');

    const forged = await new FormClient(platform.app).get(link.replace(/fortsetzen\/.+$/, 'fortsetzen/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'));
    expect(forged.status).toBe(404);
  });
});

describe('a signed-in citizen', () => {
  it('sees what the account already knows offered for checking, never used silently, and finds the case in "Meine Anträge"', async () => {
    const citizen = await buildCitizen(platform.ctx, { display_name: 'Petra Beispiel', street: 'Markt', house_number: '8', postal_code: '41812', city: 'Erkelenz', preferred_channel: 'digital' });
    const client = new FormClient(platform.app);
    await signInCitizen(client, citizen);
    const first = await startForm(client, 'sperrmuell');
    const namePage = await client.get(first);
    expect(namePage.body).toContain('Angaben aus Ihrem Konto');
    expect(namePage.body).toContain('value="Petra"');
    const draftId = /entwurf\/([0-9a-f-]{36})\//.exec(first)![1]!;
    expect((await db().selectFrom('application_drafts').select('answers').where('id', '=', draftId).executeTakeFirstOrThrow()).answers).toEqual({});

    // WCAG 2.2.1: the page says when the session ends and offers to keep it, with or without JavaScript.
    expect(namePage.body).toContain('data-session-timeout');
    expect(namePage.body).toContain('nach 30 Minuten ohne Aktivität');
    const kept = await client.post('/konto/antraege/sitzung', { zurueck: first });
    expect(kept.status).toBe(303);
    expect(kept.location).toBe(first);
    const elsewhere = await client.post('/konto/antraege/sitzung', { zurueck: 'https://example.org/' });
    expect(elsewhere.location).toBe('/konto/antraege');
    expect((await new FormClient(platform.app).post('/konto/antraege/sitzung', {})).status).toBe(401);

    // Signed out while filling in (here: another browser without the session): sent to sign in and back.
    const signedOut = await new FormClient(platform.app).get(first);
    expect(signedOut.status).toBe(303);
    expect(signedOut.location).toBe(`/anmelden?notice=session-ended&next=${encodeURIComponent(first)}`);

    const mine = await client.get('/konto/antraege');
    expect(mine.status).toBe(200);
    expect(mine.body).toContain(`/antraege/entwurf/${draftId}/`);
  });
});

describe('a repeatable group without JavaScript', () => {
  it('saves the rows so far and shows the page again with an empty row for the next one', async () => {
    const client = new FormClient(platform.app);
    const first = await startForm(client, 'sperrmuell');
    const itemsPage = (await answerPages(client, first, [{ givenName: 'Max', familyName: 'Muster' }])).location!;
    const page = await client.get(itemsPage.replace(/seite\/[^/?]+$/, 'seite/itemsPage'));
    expect(page.body).toContain('name="_weitere"');
    expect(page.body).not.toContain('name="items2Count"');
    const select = /<select[^>]*name="items1Item"[^>]*>[\s\S]*?<option value="([a-z0-9-]+)"/.exec(page.body)![1]!;
    const again = await client.post(itemsPage.replace(/seite\/[^/?]+$/, 'seite/itemsPage'), { items1Item: select, items1Count: '2', _weitere: '1' });
    expect(again.status).toBe(303);
    expect(again.location).toMatch(/seite\/itemsPage$/);
    const withSpare = await client.get(again.location!);
    expect(withSpare.body).toContain('name="items2Count"');
  });
});
