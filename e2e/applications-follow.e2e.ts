import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '#kernel/auth/actor.ts';
import { addDays, todayInBerlin } from '#kernel/calendar.ts';
import { takeStep } from '#modules/applications/service.casework.steps.ts';
import { citizenCase } from '#modules/applications/test/casework.ts';
import { publishShippedForm } from '#modules/applications/test/builders.ts';
import { pdfBytes } from '#test/files/content.ts';
import { atBothWidths } from './applications-account.shared.ts';
import { follow, logIn, startSite, submit, visit, type Site } from './harness.ts';

/*
 * The applicant's side after sending, in a browser without JavaScript: the case page while the office waits
 * for information, a reply refused at its field, a document that lies about its type, the answer with a
 * real PDF, and the withdrawal with the page that asks first. Every page is checked (axe, valid HTML).
 */

let site: Site;

beforeAll(async () => {
  site = await startSite();
  await publishShippedForm(site.platform.ctx, 'meldebescheinigung');
});
afterAll(async () => {
  await site?.close();
});

const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const office = systemActor('e2e');

describe('a citizen whose application waits for information', () => {
  it('answers with a document after two mistakes, then withdraws the application after the page that asks', async () => {
    const { ctx } = site.platform;
    const { citizen, made } = await citizenCase(ctx);
    expect((await takeStep(ctx, office, made.id, 'accept', {})).ok).toBe(true);
    expect((await takeStep(ctx, office, made.id, 'requestInformation', { note: 'Bitte senden Sie Ihren Mietvertrag.', replyBy: addDays(todayInBerlin(), 10) })).ok).toBe(true);

    const page = await site.open({ javaScript: false });
    expect(await logIn(page, citizen.user.email!, citizen.password)).toBe(200);
    expect(await visit(page, `/konto/antraege/${made.id}`)).toBe(200);
    expect(await page.getByText('Die Stadt braucht noch etwas von Ihnen').count()).toBe(1);
    await atBothWidths(page, 'konto-antrag-nachforderung');

    expect(await submit(page, 'Senden')).toBe(422);
    expect(await page.locator('#message-error').isVisible()).toBe(true);
    expect(await page.getByRole('alert').first().innerText()).toContain('Bitte schreiben Sie eine Nachricht oder fügen Sie eine Unterlage bei.');

    await page.getByLabel('Ihre Nachricht').fill('Anbei der Mietvertrag.');
    await page.locator('input[name="document1"]').setInputFiles({ name: 'Mietvertrag.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00 not a document') });
    expect(await submit(page, 'Senden')).toBe(422);
    expect(await page.locator('#document1-error').innerText()).toMatch(/PDF/);
    expect(await page.getByLabel('Ihre Nachricht').inputValue()).toBe('Anbei der Mietvertrag.');

    await page.locator('input[name="document1"]').setInputFiles({ name: 'Mietvertrag.pdf', mimeType: 'application/pdf', buffer: pdfBytes('Mietvertrag') });
    expect(await submit(page, 'Senden')).toBe(200);
    expect(await page.getByRole('status').first().innerText()).toContain('Ihre Antwort ist gesendet.');
    expect(await page.getByText('Mietvertrag.pdf').count()).toBe(1);

    expect(await follow(page, 'Antrag zurückziehen')).toBe(200);
    expect(await heading(page).textContent()).toBe('Möchten Sie Ihren Antrag wirklich zurückziehen?');
    await atBothWidths(page, 'konto-antrag-zurueckziehen');
    expect(await submit(page, 'Ja, Antrag zurückziehen')).toBe(200);
    expect(await page.getByRole('status').first().innerText()).toContain('Ihr Antrag ist zurückgezogen.');
    expect(await page.locator('main').innerText()).toContain('Stand: zurückgezogen');
    expect(await page.getByRole('link', { name: 'Antrag zurückziehen' }).count()).toBe(0);
  });
});
