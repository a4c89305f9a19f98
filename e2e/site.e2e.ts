import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bothWays, checkPage, follow, startSite, submit, visit, type Site } from './harness.ts';

let site: Site;

beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

const pages = [
  { path: '/', status: 200, heading: 'Die Stadt Erkelenz digital' },
  { path: '/suche?q=test', status: 200, heading: 'Ergebnisse für „test“' },
  { path: '/impressum', status: 200, heading: 'Impressum' },
  { path: '/datenschutz', status: 200, heading: 'Datenschutz' },
  { path: '/barrierefreiheit', status: 200, heading: 'Erklärung zur Barrierefreiheit' },
  { path: '/leichte-sprache', status: 200, heading: 'Informationen in Leichter Sprache' },
  { path: '/kontakt', status: 200, heading: 'Kontakt' },
  { path: '/gibt-es-nicht', status: 404, heading: 'Seite nicht gefunden' },
  { path: '/?lang=en', status: 200, heading: 'The City of Erkelenz, digital' },
];

// Every page must work for people whose browser runs no scripts, so each is checked both ways.
describe.each(bothWays)('site pages $how', ({ javaScript }) => {
  it.each(pages)('$path is accessible, valid and quiet', async ({ path, status, heading }) => {
    const page = await site.open({ javaScript });
    expect(await visit(page, path)).toBe(status);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(heading);
  });

  it('lets keyboard users skip straight to the content', async () => {
    const page = await site.open({ javaScript });
    await visit(page, '/');
    await page.keyboard.press('Tab');
    const skipLink = page.locator(':focus');
    expect(await skipLink.textContent()).toBe('Zum Inhalt springen');
    // Off-screen until focused; a focused link nobody can see fails WCAG 2.4.7.
    expect(await skipLink.isVisible()).toBe(true);
    expect((await skipLink.boundingBox())?.x).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect(new URL(page.url()).hash).toBe('#main');
    // The next Tab must land inside the content, not back in the header.
    await page.keyboard.press('Tab');
    expect(await page.locator('main :focus').count()).toBe(1);
  });
});

// Modules still to come: no page may offer them yet.
const notInstalled = /Mängelmelder|Abfallkalender/;

describe.each(bothWays)('what the pages promise $how', ({ javaScript }) => {
  it('12.24 offers on the home and Leichte Sprache pages only what the installed modules describe, and leads there', async () => {
    const page = await site.open({ javaScript });
    await visit(page, '/');
    expect(await page.locator('main').innerText()).not.toMatch(notInstalled);
    const offers = page.getByRole('region', { name: 'Was Sie hier finden' });
    expect(await offers.getByRole('heading', { level: 3 }).allTextContents()).toEqual(['Leistungen', 'Termine', 'Initiativen', 'Digitale Kompetenzen', 'Mein Konto', 'Nachrichten', 'Offene Daten']);
    expect(await offers.getByText('Was Sie bei der Stadt beantragen können').count()).toBe(1);

    await visit(page, '/leichte-sprache');
    expect(await page.locator('main').innerText()).not.toMatch(notInstalled);
    const list = page.getByRole('list').filter({ hasText: 'Das sind Sachen, die Sie bei der Stadt beantragen können.' });
    expect(await list.getByRole('listitem').count()).toBe(7);
    // The entry is a link to the module's pages (the navigation has one of the same name).
    const loaded = page.waitForEvent('load');
    await list.getByRole('link', { name: 'Leistungen' }).click();
    await loaded;
    await checkPage(page);
    expect(new URL(page.url()).pathname).toBe('/leistungen');
  });
});

describe('accessibility feedback without JavaScript', () => {
  it('explains a missing description, then takes the report and mails it to the contact', async () => {
    const page = await site.open({ javaScript: false });
    await visit(page, '/');
    await follow(page, 'Erklärung zur Barrierefreiheit');

    expect(await submit(page, 'Meldung senden')).toBe(422);
    expect(await page.title()).toMatch(/^Fehler: /);
    const summary = page.getByRole('alert');
    expect(await summary.getByRole('link').allTextContents()).toEqual(['Bitte beschreiben Sie die Barriere.']);
    const description = page.getByLabel('Was funktioniert nicht?');
    expect(await description.getAttribute('aria-invalid')).toBe('true');
    expect(await description.getAttribute('aria-describedby')).toContain('message-error');
    expect(await page.locator('#message-error').textContent()).toBe('Bitte beschreiben Sie die Barriere.');
    // The summary's link takes keyboard and screen-reader users straight to the field.
    await summary.getByRole('link').click();
    expect(await page.locator(':focus').getAttribute('id')).toBe('message');

    await page.getByLabel('Auf welcher Seite ist die Barriere?').fill('/kontakt');
    await description.fill('Die Telefonnummer lässt sich nicht antippen.');
    await page.getByLabel('Ihre E-Mail-Adresse für die Antwort').fill('ada@example.org');
    expect(await submit(page, 'Meldung senden')).toBe(200);
    const reference = /Ihre Vorgangsnummer ist (BF-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9])/.exec(await page.locator('main').innerText())?.[1];
    expect(reference).toBeDefined();

    expect(await site.platform.runJobs()).toBeGreaterThanOrEqual(1);
    const mail = site.platform.smtp.lastTo('barrierefreiheit@erkelenz.example');
    expect(mail?.subject).toBe(`Barriere gemeldet: ${reference}`);
    expect(mail?.text).toContain('Die Telefonnummer lässt sich nicht antippen.');
  });
});
