import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenCase } from '#modules/applications/test/casework.ts';
import { publishShippedForm } from '#modules/applications/test/builders.ts';
import { atBothWidths, pressAndLeave, tabTo } from './applications-account.shared.ts';
import { follow, logIn, startSite, submit, visit, type Site } from './harness.ts';

/*
 * The applications pages a citizen meets besides the form itself: "Meine Anträge" and a case's page, a
 * guest's "continue later" with the link from the e-mail, a form filled in by keyboard alone, and the form
 * in Leichte Sprache. Every page is checked (axe with WCAG 2.2 AA and best practices, valid HTML, no
 * console or CSP errors); the case page is also looked at on a phone's width and a desktop's.
 */

let site: Site;

beforeAll(async () => {
  site = await startSite();
  await publishShippedForm(site.platform.ctx, 'kontakt');
  await publishShippedForm(site.platform.ctx, 'meldebescheinigung');
});
afterAll(async () => {
  await site?.close();
});

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

describe('a signed-in citizen', () => {
  it('finds the sent application in "Meine Anträge" and reads its page, on a phone and on a desktop', async () => {
    const { citizen, made } = await citizenCase(site.platform.ctx);
    const page = await site.open({ javaScript: false });
    expect(await logIn(page, citizen.user.email!, citizen.password)).toBe(200);
    expect(await visit(page, '/konto')).toBe(200);
    expect(await follow(page, 'Meine Anträge')).toBe(200);
    expect(await heading(page).textContent()).toBe('Meine Anträge');
    const sent = page.getByRole('listitem').filter({ hasText: made.reference });
    expect(await sent.innerText()).toContain('Meldebescheinigung beantragen');

    expect(await follow(page, 'Meldebescheinigung beantragen', sent)).toBe(200);
    expect(new URL(page.url()).pathname).toBe(`/konto/antraege/${made.id}`);
    expect(await heading(page).textContent()).toBe('Meldebescheinigung beantragen');
    expect(await page.getByText(`Aktenzeichen ${made.reference}`).count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByRole('heading', { name: 'Verlauf' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Ihre Angaben' }).count()).toBe(1);
    expect(await page.getByText('Für den Arbeitgeber').count()).toBe(1);
    await atBothWidths(page, 'konto-antrag');
  });
});

describe('a guest who continues later', () => {
  it('asks for the link by e-mail, is told a mistyped address at its field, and opens the draft from the mail in another browser', async () => {
    const page = await site.open({ javaScript: false });
    expect(await visit(page, '/antraege/kontakt')).toBe(200);
    expect(await submit(page, 'Nachricht schreiben')).toBe(200);
    await page.getByLabel('Thema').selectOption('praise');
    expect(await submit(page, 'Speichern und weiter')).toBe(200);
    expect(await heading(page).textContent()).toBe('Ihre Nachricht');

    expect(await follow(page, 'Später fortsetzen: Link per E-Mail erhalten')).toBe(200);
    expect(await heading(page).textContent()).toBe('Später fortsetzen');
    await page.getByLabel('E-Mail-Adresse').fill('spaeter(at)example.org');
    expect(await submit(page, 'Link schicken')).toBe(422);
    expect(await page.locator('#email-error').isVisible()).toBe(true);
    await page.getByLabel('E-Mail-Adresse').fill('spaeter@example.org');
    expect(await submit(page, 'Link schicken')).toBe(200);
    expect(await page.getByRole('status').innerText()).toContain('Wir haben den Link an spaeter@example.org geschickt.');

    await site.platform.runJobs();
    const mail = site.platform.smtp.lastTo('spaeter@example.org')?.text ?? '';
    const link = /https?:\/\/\S+?(\/antraege\/entwurf\/[0-9a-f-]{36}\/fortsetzen\/[\w-]+)/.exec(mail)?.[1];
    expect(link, `a resume link in: ${mail}`).toBeDefined();

    const elsewhere = await site.open({ javaScript: false });
    expect(await visit(elsewhere, link!)).toBe(200);
    // Back at the last page saved, with its answer.
    expect(await heading(elsewhere).textContent()).toBe('Worum geht es?');
    expect(await elsewhere.getByLabel('Thema').inputValue()).toBe('praise');
    expect(await submit(elsewhere, 'Speichern und weiter')).toBe(200);
    expect(await heading(elsewhere).textContent()).toBe('Ihre Nachricht');
  });
});

describe('a guest with the keyboard alone, in Leichte Sprache', () => {
  it('chooses Leichte Sprache, fills in the text, choice and declaration pages with Tab, Space and Enter, and sends', async () => {
    const page = await site.open({ javaScript: true });
    expect(await visit(page, '/antraege/kontakt')).toBe(200);
    // The footer links the site's page in Leichte Sprache; the form's own switch is in the page's content.
    expect(await follow(page, 'Leichte Sprache', page.locator('main'))).toBe(200);
    expect(await heading(page).textContent()).toBe('Schreiben Sie der Stadt-Verwaltung');

    await tabTo(page, page.getByRole('button', { name: 'Nachricht schreiben' }));
    expect(await pressAndLeave(page, 'Enter')).toBe(200);
    expect(await heading(page).textContent()).toBe('Worum geht es?');
    await page.getByLabel('Thema').selectOption('idea');
    expect(await submit(page, 'Speichern und weiter')).toBe(200);
    await page.getByLabel('Was möchten Sie uns sagen?').fill('Mehr Bänke im Stadtpark.');
    expect(await submit(page, 'Speichern und weiter')).toBe(200);
    expect(await submit(page, 'Speichern und weiter')).toBe(200);

    // Text fields: Tab to each, type, and Enter sends the page.
    expect(await heading(page).textContent()).toBe('Wie heißen Sie?');
    await atBothWidths(page, 'leichte-sprache-frage');
    await tabTo(page, page.getByLabel('Vor-Name'));
    await page.keyboard.type('Erika');
    await tabTo(page, page.getByLabel('Nach-Name'));
    await page.keyboard.type('Muster');
    expect(await pressAndLeave(page, 'Enter')).toBe(200);

    // A choice: Tab into the group, Space picks, Tab on to the button, Enter.
    expect(await heading(page).textContent()).toBe('Wie sollen wir Ihnen antworten?');
    await tabTo(page, page.getByLabel('mit einer E-Mail'));
    await page.keyboard.press('Space');
    expect(await page.getByLabel('mit einer E-Mail').isChecked()).toBe(true);
    await tabTo(page, page.getByRole('button', { name: 'Speichern und weiter' }));
    expect(await pressAndLeave(page, 'Enter')).toBe(200);
    await tabTo(page, page.getByLabel('E-Mail-Adresse'));
    await page.keyboard.type('erika.muster@example.org');
    expect(await pressAndLeave(page, 'Enter')).toBe(200);

    // The declaration: Space ticks the box, Enter on the button sends.
    expect(await heading(page).textContent()).toBe('Angaben prüfen');
    expect(await page.getByText('Nach-Name').count()).toBeGreaterThanOrEqual(1);
    await tabTo(page, page.getByLabel('Ich bestätige diese Erklärung.'));
    await page.keyboard.press('Space');
    await tabTo(page, page.getByRole('button', { name: 'Nachricht absenden' }));
    expect(await pressAndLeave(page, 'Enter')).toBe(200);
    expect(await heading(page).textContent()).toBe('Nachricht eingegangen');
    expect(await page.getByText('Wir lesen Ihre Nachricht. Dann geben wir die Nachricht an die richtige Stelle.').count()).toBe(1);
  });
});
