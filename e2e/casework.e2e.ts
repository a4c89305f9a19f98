import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInBerlin } from '#kernel/calendar.ts';
import { formatDay } from '#kernel/dates.ts';
import { publishShippedForm } from '#modules/applications/test/builders.ts';
import { buildStaff } from '#modules/accounts/test/builders.ts';
import { citizenCase } from '#modules/applications/test/casework.ts';
import { bothWays, follow, logInStaff, startSite, submit, visit, type Site } from './harness.ts';

/*
 * The caseworkers' back office in a browser: from the staff dashboard to the queue, a filter, one case and
 * its steps. Every page is checked (axe, valid HTML, no console or CSP errors), with and without JavaScript.
 */
let site: Site;
let officeId: string;

beforeAll(async () => {
  site = await startSite();
  officeId = (await publishShippedForm(site.platform.ctx, 'meldebescheinigung')).officeId;
});
afterAll(async () => {
  await site?.close();
});

describe.each(bothWays)('a caseworker $how', ({ javaScript }) => {
  it('finds a case in the queue, takes it, accepts it and asks for information by a day', async () => {
    const { made } = await citizenCase(site.platform.ctx);
    const staff = await buildStaff(site.platform.ctx, [{ role: 'caseworker', scopeKind: 'office', scopeId: officeId }]);
    const page = await site.open({ javaScript });
    await logInStaff(page, staff);

    expect(await follow(page, 'Anträge bearbeiten')).toBe(200);
    await page.getByLabel('Zuständig', { exact: true }).selectOption('nobody');
    expect(await submit(page, 'Anzeigen')).toBe(200);
    expect(page.url()).toContain('assigned=nobody');
    expect(await follow(page, made.reference)).toBe(200);

    expect(await submit(page, 'Zuweisen')).toBe(200);
    expect(await page.getByText('Die Zuständigkeit ist geändert.').count()).toBe(1);
    expect(await submit(page, 'Annehmen')).toBe(200);
    expect(await page.getByText('Erledigt. Die antragstellende Person wird benachrichtigt.').count()).toBe(1);

    // A request without its day is shown again with the text kept and the problem at the field.
    await page.getByLabel('Was fehlt?').fill('Bitte senden Sie eine Kopie Ihres Ausweises.');
    expect(await submit(page, 'Angaben nachfordern')).toBe(422);
    expect(await page.getByText('Bitte geben Sie an, bis wann die Person antworten soll.').count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByLabel('Was fehlt?').inputValue()).toBe('Bitte senden Sie eine Kopie Ihres Ausweises.');
    await page.getByLabel('Antwort bis').fill(formatDay(addDays(todayInBerlin(), 14)));
    expect(await submit(page, 'Angaben nachfordern')).toBe(200);
    expect(await page.getByText(`Aktenzeichen ${made.reference} – Stand: Angaben nachgefordert`).count()).toBe(1);

    expect(await visit(page, `/verwaltung/antraege/${made.id}?lang=en`)).toBe(200);
    expect(await page.getByRole('heading', { name: 'Next steps' }).count()).toBe(1);

    // The processing times of the office, from the dashboard: the form of the case just taken is counted as open.
    expect(await visit(page, '/verwaltung?lang=de')).toBe(200);
    expect(await follow(page, 'Bearbeitungszeiten')).toBe(200);
    const row = page.getByRole('row', { name: /Meldebescheinigung/ });
    expect(await row.count()).toBe(1);
  });
});
