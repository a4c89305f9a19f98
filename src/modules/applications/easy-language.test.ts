import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCitizen } from '#modules/accounts/test/builders.ts';
import { signInCitizen } from '#modules/notify/test/builders.ts';
import { htmlProblems } from '#test/html-validity.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { hasEasyTexts } from './definition/texts.ts';
import { shippedForms } from './forms/index.ts';
import { applicationsDb, insertFormVersion } from './repo.forms.ts';
import { answerPages, publishShippedForm, startForm } from './test/builders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
  await publishShippedForm(platform.ctx, 'sperrmuell');
  await publishShippedForm(platform.ctx, 'meldebescheinigung');
  // The contact form's office receives the copy below.
  await publishShippedForm(platform.ctx, 'kontakt');
  // The contact form with one label whose easy version is missing: that text falls back to German.
  const contact = structuredClone(shippedForms.find((form) => form.key === 'kontakt')!);
  const name = contact.pages.find((page) => page.id === 'namePage')!;
  delete name.fields.find((field) => field.id === 'givenName')!.label.ls;
  await insertFormVersion(applicationsDb(platform.ctx.db), { definition: { ...contact, key: 'kontakt-teils-leicht' }, version: 1, createdBy: null, status: 'published' });
});
afterAll(async () => {
  await platform.close();
});

const h1 = (html: string) => /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1]?.replace(/<[^>]+>/g, '').trim();
const labelOf = (html: string, id: string) => new RegExp(`<label[^>]*for="${id}"[^>]*>([\\s\\S]*?)</label>`).exec(html)?.[1]?.replace(/<[^>]+>/g, '').trim();
const switchLink = (html: string) => /<p class="application-easy-switch"><a class="kern-link" href="([^"]+)"[^>]*>(?:<span[^>]*><\/span>)?([^<]+)<\/a>/.exec(html)?.slice(1);

describe('which shipped forms are written in Leichte Sprache', () => {
  it('bulky waste, dog tax and the contact form; the others are not offered in it', () => {
    expect(shippedForms.filter(hasEasyTexts).map((form) => form.key).sort()).toEqual(['hundesteuer-anmeldung', 'kontakt', 'sperrmuell']);
  });
});

describe('choosing Leichte Sprache in the flow', () => {
  it('shows the start page, the question pages and the check in Leichte Sprache, keeping the draft and its answers', async () => {
    const client = new FormClient(platform.app);
    const start = await client.get('/antraege/sperrmuell');
    expect(h1(start.body)).toContain('Sperrmüll anmelden');
    expect(switchLink(start.body)).toEqual(['/antraege/sperrmuell?leicht=1', 'Leichte Sprache']);

    const easyStart = await client.get('/antraege/sperrmuell?leicht=1');
    expect(easyStart.status).toBe(200);
    expect(h1(easyStart.body)).toContain('Sperr-Müll anmelden');
    expect(easyStart.body).toContain('Eine Liste: Welche Sachen sollen wir abholen? Und wie viele?');
    expect(switchLink(easyStart.body)).toEqual(['/antraege/sperrmuell?leicht=0', 'Zurück zur Alltags-Sprache']);
    expect(await htmlProblems('/antraege/sperrmuell?leicht=1', easyStart.body)).toEqual([]);

    // The choice is kept: the question pages the start leads to are in Leichte Sprache without asking again.
    const first = await startForm(client, 'sperrmuell');
    const names = await client.get(first);
    expect(labelOf(names.body, 'familyName')).toContain('Nach-Name');
    expect(switchLink(names.body)).toEqual([`${first}?leicht=0`, 'Zurück zur Alltags-Sprache']);
    expect(await htmlProblems(first, names.body)).toEqual([]);

    // A mistake is told with the easy label, on the page in Leichte Sprache.
    const refused = await client.post(first, { givenName: 'Karl', familyName: '' });
    expect(refused.status).toBe(422);
    expect(labelOf(refused.body, 'familyName')).toContain('Nach-Name');
    expect(refused.body).toMatch(/href="#familyName"[^>]*>[^<]*Nach-Name/);

    const address = await answerPages(client, first, [{ givenName: 'Karl', familyName: 'Klein' }]);
    const itemsPage = (await client.get(address.location!)).body;
    expect(h1(itemsPage)).toBe('Wo sollen wir den Sperr-Müll abholen?');

    // Back to everyday German on the same page: the draft is the same, the name page keeps its answers.
    const everyday = await client.get(`${first}?leicht=0`);
    expect(labelOf(everyday.body, 'familyName')).toContain('Familienname');
    expect(everyday.body).toContain('value="Klein"');
    expect(switchLink(everyday.body)).toEqual([`${first}?leicht=1`, 'Leichte Sprache']);
    const again = await client.get(`${first}?aendern=1&leicht=1`);
    expect(labelOf(again.body, 'familyName')).toContain('Nach-Name');
    expect(again.body).toContain('value="Klein"');
    expect(switchLink(again.body)?.[0]).toBe(`${first}?aendern=1&amp;leicht=0`);
  });

  it('shows a text without an easy version in German, and the check and confirmation pages in Leichte Sprache', async () => {
    const client = new FormClient(platform.app);
    await client.get('/antraege/kontakt-teils-leicht?leicht=1');
    const first = await startForm(client, 'kontakt-teils-leicht');
    const check = await answerPages(client, first, [{ topic: 'question' }, { message: 'Eine Frage.' }, {}]);
    const names = await client.get(check.location!);
    expect(labelOf(names.body, 'givenName')).toContain('Vorname');
    expect(labelOf(names.body, 'familyName')).toContain('Nach-Name');
    const last = await answerPages(client, check.location!, [{ givenName: 'Erika', familyName: 'Muster' }, { answerBy: 'email' }, { email: 'erika@example.org' }]);
    const checkPage = await client.get(last.location!);
    expect(checkPage.body).toContain('Nach-Name');
    expect(checkPage.body).toContain('>Vorname<');
    expect(switchLink(checkPage.body)?.[1]).toBe('Zurück zur Alltags-Sprache');
    expect(await htmlProblems(last.location!, checkPage.body)).toEqual([]);

    // The confirmation names the form and what happens next in Leichte Sprache too.
    const sent = await client.post(last.location!.replace('/pruefen', '/absenden'), { declared: 'on' });
    expect(sent.status).toBe(303);
    const confirmation = await client.get(sent.location!);
    expect(confirmation.status).toBe(200);
    expect(confirmation.body).toContain('Schreiben Sie der Stadt-Verwaltung');
    expect(confirmation.body).toContain('Wir lesen Ihre Nachricht. Dann geben wir die Nachricht an die richtige Stelle.');
  });

  it('is not offered for a form without Leichte Sprache, which stays in German when asked for it', async () => {
    const client = new FormClient(platform.app);
    const page = await client.get('/antraege/meldebescheinigung?leicht=1');
    expect(page.status).toBe(200);
    expect(h1(page.body)).toContain('Meldebescheinigung beantragen');
    expect(switchLink(page.body)).toBeUndefined();
  });

  it('is German: in English the form stays English and the switch leads to German in Leichte Sprache', async () => {
    const client = new FormClient(platform.app);
    await client.get('/antraege/sperrmuell?leicht=1');
    const english = await client.get('/antraege/sperrmuell?lang=en');
    expect(h1(english.body)).toContain('Book a bulky waste collection');
    expect(switchLink(english.body)).toEqual(['/antraege/sperrmuell?lang=de&amp;leicht=1', 'Easy-to-read German (Leichte Sprache)']);
    const german = await client.get('/antraege/sperrmuell?lang=de&leicht=1');
    expect(h1(german.body)).toContain('Sperr-Müll anmelden');
  });

  it('follows the account’s wish for Leichte Sprache until the person chooses otherwise', async () => {
    const client = new FormClient(platform.app);
    await signInCitizen(client, await buildCitizen(platform.ctx, { simplified_language: true }));
    expect(h1((await client.get('/antraege/sperrmuell')).body)).toContain('Sperr-Müll anmelden');
    expect(h1((await client.get('/antraege/sperrmuell?leicht=0')).body)).toContain('Sperrmüll anmelden');
    expect(h1((await client.get('/antraege/sperrmuell')).body)).toContain('Sperrmüll anmelden');
  });

  it('refuses a switch value it does not know with 400, in words', async () => {
    const client = new FormClient(platform.app);
    const refused = await client.get('/antraege/sperrmuell?leicht=ja');
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('Die Anfrage konnte nicht verarbeitet werden');
    expect(refused.body).not.toContain('Sperr-Müll anmelden');
  });
});
