import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseReference } from '#kernel/reference.ts';
import { buildStaff } from '#modules/accounts/test/builders.ts';
import { shippedForms } from '#modules/applications/forms/index.ts';
import { publishShippedForm } from '#modules/applications/test/builders.ts';
import { atBothWidths } from './applications-account.shared.ts';
import { follow, logInStaff, startSite, submit, visit, type Site } from './harness.ts';

/*
 * The applications' staff pages in a browser: form designers upload a definition (first a broken one, told
 * where it breaks), look at a version's pages in the preview on a phone's width and a desktop's, and
 * publish it; a caseworker enters an application that came by phone through the citizen's pages and reads
 * the reference to give out. Every page is checked (axe, valid HTML, no console or CSP errors), without
 * JavaScript as most staff pages are used.
 */

let site: Site;
let officeId: string;

beforeAll(async () => {
  site = await startSite();
  officeId = (await publishShippedForm(site.platform.ctx, 'kontakt')).officeId;
});
afterAll(async () => {
  await site?.close();
});

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

describe('a form designer', () => {
  it('is told where an uploaded file breaks, uploads a good one, previews its pages and publishes it', async () => {
    const designer = await buildStaff(site.platform.ctx, [{ role: 'form-designer' }]);
    const page = await site.open({ javaScript: false });
    await logInStaff(page, designer);
    expect(await follow(page, 'Formulare')).toBe(200);
    expect(await heading(page).textContent()).toBe('Formulare');
    expect(await page.getByRole('table').innerText()).toContain('Nachricht an die Stadtverwaltung');

    const file = page.getByLabel('Datei mit der Formulardefinition');
    await file.setInputFiles({ name: 'kaputt.json', mimeType: 'application/json', buffer: Buffer.from('{\n  "key": "kontakt-neu",\n  "title": { "de": "Kontakt" }\n  "pages": []\n}\n') });
    expect(await submit(page, 'Prüfen und als Entwurf speichern')).toBe(422);
    const summary = page.locator('.error-summary');
    expect(await summary.innerText()).toContain('In Zeile 4, Zeichen 3 steht etwas, das dort nicht stehen kann');
    expect(await page.locator('#file-error').isVisible()).toBe(true);

    const definition = { ...structuredClone(shippedForms.find((form) => form.key === 'kontakt')!), key: 'kontakt-neu' };
    definition.title = { ...definition.title, de: 'Nachricht an die Stadt (neu)' };
    await page.getByLabel('Datei mit der Formulardefinition').setInputFiles({ name: 'kontakt-neu.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(definition, null, 2)) });
    expect(await submit(page, 'Prüfen und als Entwurf speichern')).toBe(200);
    expect(await heading(page).textContent()).toBe('Nachricht an die Stadt (neu)');
    expect(await page.getByText('Die Definition ist geprüft und als neuer Entwurf gespeichert.').count()).toBe(1);
    const versionUrl = page.url().replace(/\?.*$/, '');

    // The preview shows the citizen's page under its banner; a post is checked but keeps nothing.
    expect(await follow(page, 'Wie sollen wir Ihnen antworten?')).toBe(200);
    expect(await heading(page).textContent()).toBe('Wie sollen wir Ihnen antworten?');
    expect(await page.getByText('Vorschau von Fassung 1').count()).toBe(1);
    expect(await submit(page, 'Speichern und weiter')).toBe(422);
    expect(await page.locator('.error-summary').count()).toBe(1);
    await atBothWidths(page, 'formular-vorschau');
    await page.getByLabel('E-Mail').check();
    expect(await submit(page, 'Speichern und weiter')).toBe(200);
    expect(await heading(page).textContent()).toBe('Ihre E-Mail-Adresse');

    expect(await visit(page, versionUrl)).toBe(200);
    expect(await submit(page, 'Fassung 1 veröffentlichen')).toBe(200);
    expect(await page.getByText('Die Fassung ist veröffentlicht. Neue Anträge beginnen ab jetzt mit ihr.').count()).toBe(1);
    expect(await visit(page, '/antraege/kontakt-neu')).toBe(200);
    expect(await heading(page).textContent()).toBe('Nachricht an die Stadt (neu)');
  });
});

describe('a caseworker entering an application for someone', () => {
  it('takes a phone call through the citizen’s pages and gets the reference to read out', async () => {
    const clerk = await buildStaff(site.platform.ctx, [{ role: 'caseworker', scopeKind: 'office', scopeId: officeId }], { display_name: 'Sabine Schalter' });
    const page = await site.open({ javaScript: false });
    await logInStaff(page, clerk);
    expect(await follow(page, 'Antrag für eine Person erfassen')).toBe(200);

    // A start without a channel is told at the field, and nothing is started.
    await page.getByLabel('Formular').selectOption('kontakt');
    expect(await submit(page, 'Formular öffnen')).toBe(422);
    expect(await page.locator('#channel-error').isVisible()).toBe(true);
    await page.getByLabel('Am Telefon').check();
    expect(await submit(page, 'Formular öffnen')).toBe(200);

    expect(await heading(page).textContent()).toBe('Worum geht es?');
    expect(await page.getByRole('link', { name: 'Später fortsetzen: Link per E-Mail erhalten' }).count(), 'staff are not offered the guest’s mail link').toBe(0);
    await page.getByLabel('Thema').selectOption('application');
    expect(await submit(page, 'Speichern und weiter')).toBe(200);
    await page.getByLabel('Was möchten Sie uns mitteilen?').fill('Frage nach dem Stand meines Bauantrags.');
    expect(await submit(page, 'Speichern und weiter')).toBe(200);
    expect(await submit(page, 'Speichern und weiter')).toBe(200);
    await page.getByLabel('Vorname').fill('Karl');
    await page.getByLabel('Familienname').fill('Kein-Netz');
    expect(await submit(page, 'Speichern und weiter')).toBe(200);
    await page.getByLabel('Telefon').check();
    expect(await submit(page, 'Speichern und weiter')).toBe(200);
    await page.getByLabel('Telefonnummer').fill('02431 123456');
    expect(await submit(page, 'Speichern und weiter')).toBe(200);

    expect(await heading(page).textContent()).toBe('Angaben prüfen');
    await page.getByLabel('Ich bestätige diese Erklärung.').check();
    expect(await submit(page, 'Nachricht absenden')).toBe(200);
    expect(await heading(page).textContent()).toBe('Antrag erfasst');
    expect(new URL(page.url()).pathname).toMatch(/^\/verwaltung\/antraege\/erfasst\/[0-9a-f-]{36}$/);
    const reference = (await page.locator('.application-reference__code').textContent())?.trim() ?? '';
    expect(parseReference(reference)).toMatchObject({ ok: true, reference });
    expect(await follow(page, 'Den Antrag in der Sachbearbeitung öffnen')).toBe(200);
    expect(await page.getByText(reference).count()).toBeGreaterThanOrEqual(1);
  });
});
