import fs from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseReference } from '#kernel/reference.ts';
import { applicationsDb } from '#modules/applications/repo.forms.ts';
import { readPdf } from '#test/pdf.ts';
import { journeys, journeysWithScripts, type Journey } from './applications.journeys.ts';
import { follow, startSite, submit, visit, type Site } from './harness.ts';

/*
 * The seven application forms the platform ships, each the whole way a citizen goes: from the service page in
 * the catalogue (the contact form from its start page) through every question, a mistake and its message, the
 * check of all answers and a change made there, the declaration, to the confirmation with its reference and
 * the receipt as PDF. Without JavaScript for all seven, and with it for the two most used. One platform with
 * the demo data for the file, the forms one after another, so the run stays short.
 */

let site: Site;

beforeAll(async () => {
  site = await startSite({ DEMO_DATA: 'true' });
});
afterAll(async () => {
  await site?.close();
});

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

/** Opens the form's start page the way a citizen finds it: the service in the catalogue and its online route. */
async function openStartPage(page: Page, journey: Journey): Promise<void> {
  if (journey.service) {
    expect(await visit(page, `/leistungen/${journey.service}`)).toBe(200);
    // The link is also among the facts at the top; the route's own card is where "Online beantragen" stands.
    const online = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Online beantragen' }) });
    expect(await follow(page, 'Online-Antrag öffnen', online)).toBe(200);
  } else {
    expect(await visit(page, `/antraege/${journey.key}`)).toBe(200);
  }
  expect(new URL(page.url()).pathname).toBe(`/antraege/${journey.key}`);
  expect(await heading(page).textContent()).toBe(journey.title);
}

/**
 * The error summary right under the question names the problem and leads to the field; the field (or the
 * fieldset of a choice) says it again, is described by it for a screen reader, and is marked as wrong.
 */
async function expectFieldError(page: Page, problem: { label: string; message: string | RegExp }): Promise<void> {
  const summary = page.locator('.error-summary');
  expect(await summary.getAttribute('role')).toBe('alert');
  expect(await summary.getByRole('heading').textContent()).toBe('Bitte prüfen Sie Ihre Eingaben');
  const link = summary.getByRole('link', { name: problem.message });
  expect(await link.count(), `the summary names the problem; it says: ${await summary.innerText()}`).toBe(1);
  const top = await box(summary);
  expect(top.y, 'the summary follows the heading').toBeGreaterThan((await box(heading(page))).y);
  expect(top.y, 'the summary comes before the fields').toBeLessThan((await box(page.locator('main form :is(input, textarea, select):not([type=hidden])').first())).y);
  const id = (await link.getAttribute('href'))!.slice(1);
  const message = page.locator(`#${id}-error`);
  expect(await message.textContent(), 'the field says the problem too').toMatch(problem.message);
  expect(await message.isVisible()).toBe(true);
  const described = page.locator(`[aria-describedby~="${id}-error"]`);
  expect(await described.count(), 'the field is described by its message').toBe(1);
  const field = await described.evaluate((element, id) => ({
    label: element instanceof HTMLFieldSetElement ? element.querySelector('legend')?.textContent : (element as HTMLInputElement).labels?.[0]?.textContent,
    invalid: element.getAttribute('aria-invalid') === 'true' || element.classList.contains('kern-fieldset--error'),
    focusable: element.id === id || element.querySelector(`#${CSS.escape(id)}`) !== null,
  }), id);
  expect(field).toEqual({ label: expect.stringContaining(problem.label), invalid: true, focusable: true });
}

const summaryText = (page: Page) => page.locator('.error-summary').innerText();

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`${locator.toString()} is not on the page`);
  return found;
}

/** The answers a section of "Angaben prüfen" shows, as one text with its lines joined, as the receipt's are. */
const sectionText = async (page: Page, title: string) => (await page.getByRole('region', { name: title, exact: true }).locator('dl').innerText()).replace(/\s+/g, ' ');

/** Every page from the first question to "Angaben prüfen", with the journey's mistake made and corrected on the way. */
async function answerEveryPage(page: Page, journey: Journey): Promise<void> {
  for (const step of journey.steps) {
    expect(await heading(page).textContent()).toBe(step.title);
    if (step.mistake) {
      await step.mistake.fill(page);
      expect(await submit(page, 'Speichern und weiter'), `${step.title}: the mistake is refused`).toBe(422);
      expect(await heading(page).textContent()).toBe(step.title);
      await expectFieldError(page, step.mistake);
    }
    await step.fill(page);
    const status = await submit(page, 'Speichern und weiter');
    expect(status, `${step.title} is taken, not refused with: ${status === 422 ? await summaryText(page) : ''}`).toBe(200);
  }
  expect(await heading(page).textContent()).toBe('Angaben prüfen');
  for (const [title, shown] of journey.check) expect(await sectionText(page, title)).toContain(shown);
}

/** "Ändern" leads to the page of the answer, and saving it leads back to the check, which shows the new answer. */
async function changeOneAnswer(page: Page, change: Journey['change']): Promise<void> {
  expect(await follow(page, `Ändern – ${change.title}`)).toBe(200);
  expect(await heading(page).textContent()).toBe(change.title);
  await change.fill(page);
  expect(await submit(page, 'Speichern und weiter')).toBe(200);
  expect(await heading(page).textContent(), 'a change leads back to the check').toBe('Angaben prüfen');
  expect(await sectionText(page, change.title)).toContain(change.shows);
}

/** A form that belongs to no service is a message to the city, and its buttons say so. */
const words = (journey: Journey) =>
  journey.service === null
    ? { start: 'Nachricht schreiben', send: 'Nachricht absenden', received: 'Nachricht eingegangen' }
    : { start: 'Antrag starten', send: 'Antrag verbindlich absenden', received: 'Antrag eingegangen' };

/** Declares, sends, and returns the reference the confirmation shows, after finding the case it names. */
async function sendAndConfirm(page: Page, journey: Journey): Promise<string> {
  await page.getByLabel('Ich bestätige diese Erklärung.').check();
  expect(await submit(page, words(journey).send)).toBe(200);
  expect(await heading(page).textContent()).toBe(words(journey).received);
  const reference = (await page.locator('.application-reference__code').textContent())!.trim();
  expect(parseReference(reference)).toMatchObject({ ok: true, reference });
  expect(await page.getByText('Zum Buchstabieren am Telefon:').isVisible()).toBe(true);
  const made = await applicationsDb(site.platform.ctx.db)
    .selectFrom('application_cases as c')
    .innerJoin('application_form_versions as v', 'v.id', 'c.form_version_id')
    .select(['c.answers', 'v.form_key'])
    .where('c.reference', '=', reference)
    .executeTakeFirstOrThrow();
  expect(made.form_key).toBe(journey.key);
  journey.stored(made.answers);
  return reference;
}

/** Downloads the receipt from the confirmation page and returns its text, lines joined (a long answer wraps). */
async function receiptText(page: Page): Promise<string> {
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Eingangsbestätigung mit allen Angaben herunterladen (PDF)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const pdf = await readPdf(await fs.readFile(await download.path()));
  return (await pdf.text(1, pdf.pages)).replace(/\s+/g, ' ');
}

async function apply(journey: Journey, javaScript: boolean): Promise<void> {
  const page = await site.open({ javaScript });
  await openStartPage(page, journey);
  expect(await submit(page, words(journey).start)).toBe(200);
  await answerEveryPage(page, journey);
  await changeOneAnswer(page, journey.change);
  const reference = await sendAndConfirm(page, journey);
  const receipt = await receiptText(page);
  expect(receipt).toContain(reference);
  expect(receipt).toContain(journey.change.shows);
}

// A journey checks fifteen pages or more with axe; the longest forms need more than the suite's two minutes on a loaded machine.
const journeyTimeout = { timeout: 300_000 };

describe('the seven application forms without JavaScript', () => {
  it.each(journeys.map((journey) => [journey.key, journey] as const))('%s: from the service page to the receipt', journeyTimeout, async (_key, journey) => {
    await apply(journey, false);
  });
});

describe('the most used forms with JavaScript', () => {
  it.each(journeysWithScripts.map((journey) => [journey.key, journey] as const))('%s: from the service page to the receipt', journeyTimeout, async (_key, journey) => {
    await apply(journey, true);
  });
});
