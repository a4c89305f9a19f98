import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '#kernel/auth/actor.ts';
import { addDays, todayInBerlin } from '#kernel/calendar.ts';
import { buildCitizen, buildStaff } from '#modules/accounts/test/builders.ts';
import { publishShippedForm, submitCase } from '#modules/applications/test/builders.ts';
import { caseworkerOf, citizenAddress, messagesAbout } from '#modules/applications/test/casework.ts';
import { readPdf } from '#test/pdf.ts';
import { bulkyWaste } from './applications.journeys.ts';
import { bothWays, follow, logIn, logInStaff, startSite, submit, visit, type Site } from './harness.ts';

/*
 * From the application to the decision letter in a browser: a signed-in citizen applies for bulky waste
 * from the service page, a caseworker of the receiving office accepts and approves it on the case page,
 * and after the platform's jobs the citizen finds the decision in "Nachrichten" with its PDF, while the
 * e-mail only says it is there. For a citizen who chose letters, the print room makes the batch on its
 * page and the batch holds the letter. Every page is checked (axe, valid HTML, no console or CSP errors).
 */

let site: Site;
let officeId: string;

beforeAll(async () => {
  site = await startSite();
  officeId = (await publishShippedForm(site.platform.ctx, 'sperrmuell')).officeId;
});
afterAll(async () => {
  await site?.close();
});

const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const decisionTitle = 'Bescheid zu Ihrem Antrag „Sperrmüll anmelden“';

/** The citizen's way from the service page to the confirmation; returns the reference it shows. */
async function applyForBulkyWaste(page: Page): Promise<string> {
  expect(await visit(page, '/leistungen/sperrmuell')).toBe(200);
  const online = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Online beantragen' }) });
  expect(await follow(page, 'Online-Antrag öffnen', online)).toBe(200);
  expect(await heading(page).textContent()).toBe(bulkyWaste.title);
  expect(await submit(page, 'Antrag starten')).toBe(200);
  for (const step of bulkyWaste.steps) {
    expect(await heading(page).textContent()).toBe(step.title);
    await step.fill(page);
    expect(await submit(page, 'Speichern und weiter'), step.title).toBe(200);
  }
  expect(await heading(page).textContent()).toBe('Angaben prüfen');
  await page.getByLabel('Ich bestätige diese Erklärung.').check();
  expect(await submit(page, 'Antrag verbindlich absenden')).toBe(200);
  expect(await heading(page).textContent()).toBe('Antrag eingegangen');
  return (await page.locator('.application-reference__code').textContent())!.trim();
}

/** The caseworker opens the case from the queue, accepts it and approves it with the letter's text. */
async function acceptAndApprove(page: Page, reference: string, decision: string): Promise<void> {
  expect(await visit(page, '/verwaltung/antraege')).toBe(200);
  expect(await follow(page, reference)).toBe(200);
  expect(await submit(page, 'Annehmen')).toBe(200);
  expect(await page.getByText('Erledigt. Die antragstellende Person wird benachrichtigt.').count()).toBe(1);
  await page.getByLabel('Text des Bescheids').fill(decision);
  expect(await submit(page, 'Bewilligen und Bescheid senden')).toBe(200);
  expect(await page.getByText('Erledigt. Der Bescheid geht per Brief (und in das Postfach eines Kontos).').count()).toBe(1);
  expect(await page.getByText(`Aktenzeichen ${reference} – Stand: bewilligt`).count()).toBe(1);
}

/** A file as the signed-in browser downloads it by its link: status, type and bytes. */
async function download(page: Page, href: string) {
  const response = await page.request.get(href);
  return { status: response.status(), type: response.headers()['content-type'], body: await response.body() };
}

// Two people and some twenty pages checked with axe: on a loaded machine more than the suite's two minutes.
const journeyTimeout = { timeout: 300_000 };

describe.each(bothWays)('the decision in the inbox $how', ({ javaScript }) => {
  it('goes from the service page through the case page to a PDF in "Nachrichten", the e-mail only saying it is ready', journeyTimeout, async () => {
    const { ctx } = site.platform;
    const email = `digital.${javaScript ? 'js' : 'nojs'}@example.org`;
    const citizen = await buildCitizen(ctx, { display_name: 'Petra Schmitz', email, preferred_channel: 'digital', ...citizenAddress });
    const applicant = await site.open({ javaScript });
    expect(await logIn(applicant, email, citizen.password)).toBe(200);
    const reference = await applyForBulkyWaste(applicant);

    const staff = await buildStaff(ctx, [{ role: 'caseworker', scopeKind: 'office', scopeId: officeId }], { display_name: 'Bernd Bescheid' });
    const office = await site.open({ javaScript });
    await logInStaff(office, staff);
    const decision = `Wir holen Ihren Sperrmüll ab (${javaScript ? 'mit' : 'ohne'} Skript).`;
    await acceptAndApprove(office, reference, decision);
    await site.platform.runJobs();

    expect(await visit(applicant, '/konto')).toBe(200);
    expect(await follow(applicant, 'Nachrichten')).toBe(200);
    expect(await follow(applicant, decisionTitle)).toBe(200);
    expect(await applicant.locator('main').innerText()).toContain(decision);
    const attachment = applicant.getByRole('region', { name: 'Anlagen' }).getByRole('link');
    expect(await attachment.count()).toBe(1);
    const pdf = await download(applicant, (await attachment.getAttribute('href'))!);
    expect(pdf).toMatchObject({ status: 200, type: 'application/pdf' });
    const read = await readPdf(pdf.body);
    const text = await read.text(1, read.pages);
    expect(text).toContain(reference);
    expect(text).toContain(decision);
    expect(text).toContain('Petra Schmitz');

    const mails = site.platform.smtp.messages.filter((mail) => JSON.stringify(mail.to).includes(email));
    const notice = mails.find((mail) => mail.subject === 'Ein neues Dokument liegt in Ihrem Konto bereit');
    expect(notice?.attachments).toEqual([]);
    expect(`${notice?.text ?? ''}${notice?.html || ''}`).not.toContain(reference);
    for (const mail of mails) {
      expect(mail.attachments).toEqual([]);
      expect(`${mail.text ?? ''}${mail.html || ''}`).not.toContain('Wir holen Ihren Sperrmüll ab');
    }
  });
});

describe('the decision for a citizen who chose letters', () => {
  it('is in the batch the print room makes on its page, by the case reference', async () => {
    const { platform } = site;
    const citizen = await buildCitizen(platform.ctx, { display_name: 'Ludwig Papier', preferred_channel: 'letter', street: 'Kölner Straße', house_number: '3', postal_code: '41812', city: 'Erkelenz' });
    const actor: Actor = { kind: 'citizen', userId: citizen.user.id, displayName: citizen.user.display_name, email: citizen.user.email, language: 'de', simplifiedLanguage: false, sessionHash: '' };
    const made = await submitCase(
      platform.ctx,
      'sperrmuell',
      {
        givenName: 'Ludwig',
        familyName: 'Papier',
        pickupAddress: { street: 'Kölner Straße', houseNumber: '3', postcode: '41812', town: 'Erkelenz' },
        items: [{ item: 'sofa', count: 1, description: null }],
        pickupDate: addDays(todayInBerlin(), 14),
        placement: 'kerb',
      },
      actor,
    );
    const worker = await caseworkerOf(platform, officeId, 'Frieda Bescheid');
    await worker.client.get(`/verwaltung/antraege/${made.id}`);
    await worker.client.post(`/verwaltung/antraege/${made.id}/schritte/annehmen`, {});
    await worker.client.get(`/verwaltung/antraege/${made.id}`);
    const approved = await worker.client.post(`/verwaltung/antraege/${made.id}/schritte/bewilligen`, { approveNote: 'Abholung am Wunschtermin.', approveFee: '0' });
    expect(approved.location).toContain('notice=decision-letter');
    expect((await messagesAbout(platform.ctx, made.id)).find((message) => message.purpose === 'decision-notice')?.channels).toEqual(['inbox', 'letter']);
    await platform.runJobs();

    const room = await site.open({ javaScript: false });
    await logInStaff(room, await buildStaff(platform.ctx, [{ role: 'print-room' }]));
    expect(await visit(room, '/verwaltung/druck')).toBe(200);
    expect(await submit(room, 'Jetzt einen Druckstapel bilden')).toBe(200);
    expect(await room.getByText('Der Druckstapel wurde gebildet.').count()).toBe(1);

    const letters = await download(room, (await room.getByRole('link', { name: 'Briefe (PDF)' }).first().getAttribute('href'))!);
    expect(letters).toMatchObject({ status: 200, type: 'application/pdf' });
    const read = await readPdf(letters.body);
    const printed = (await read.text(1, read.pages)).replace(/\s+/g, ' ');
    expect(printed).toContain(made.reference);
    expect(printed).toContain('Abholung am Wunschtermin.');
    expect(printed).toContain('Ludwig Papier');
    expect(printed).toContain('Kölner Straße 3');

    const list = await download(room, (await room.getByRole('link', { name: 'Liste (CSV)' }).first().getAttribute('href'))!);
    expect(list.status).toBe(200);
    expect(list.type).toMatch(/^text\/csv/);
    // The manifest names each letter by its own reference, the decision's message.
    const { rows } = await sql<{ reference: string }>`select reference from notify_messages where cause like ${`applications:approve:${made.id}:%`}`.execute(platform.ctx.db);
    expect(rows).toHaveLength(1);
    expect(list.body.toString('utf8')).toContain(rows[0]!.reference);
  });
});
