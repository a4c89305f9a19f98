import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCitizen, buildStaff } from '#modules/accounts/test/builders.ts';
import { buildMessage } from '#modules/notify/test/builders.ts';
import { bothWays, follow, logIn, logInStaff, startSite, submit, visit, type Site } from './harness.ts';

/*
 * The pages of messages with content in them: a citizen's inbox and one message, and the staff views of
 * deliveries, print batches and templates. Every page is checked (axe, valid HTML, no console or CSP errors).
 */
let site: Site;

beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

describe.each(bothWays)('messages $how', ({ javaScript }) => {
  it('a citizen finds a message in the inbox, reads it with its attachment and marks it unread again', async () => {
    const citizen = await buildCitizen(site.platform.ctx, { preferred_channel: 'both', street: 'Markt', house_number: '4', postal_code: '41812', city: 'Erkelenz' });
    const message = await buildMessage(site.platform.ctx, {
      recipient: { userId: citizen.user.id },
      attachments: [{ filename: 'eingangsbestaetigung.txt', contentType: 'text/plain', content: Buffer.from('Eingang bestätigt') }],
      link: '/leistungen',
    });
    const page = await site.open({ javaScript });
    expect(await logIn(page, citizen.user.email!, citizen.password)).toBe(200);
    expect(await follow(page, 'Nachrichten')).toBe(200);
    expect(await page.getByText('Davon ist 1 ungelesen.').count()).toBe(1);
    expect(await follow(page, 'Ihr Antrag „Anwohnerparkausweis“ ist eingegangen')).toBe(200);
    expect(await page.getByText(message.reference).count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByRole('link', { name: 'eingangsbestaetigung.txt' }).count()).toBe(1);
    expect(await submit(page, 'Als ungelesen markieren')).toBe(200);
    expect(await page.getByText('Die Nachricht ist wieder als ungelesen markiert.').count()).toBe(1);
  });
});

describe('staff', () => {
  it('follows a delivery, forms a print batch and previews a template', async () => {
    const citizen = await buildCitizen(site.platform.ctx, { preferred_channel: 'letter', street: 'Kölner Straße', house_number: '12', postal_code: '41812', city: 'Erkelenz' });
    const message = await buildMessage(site.platform.ctx, { recipient: { userId: citizen.user.id } });
    const staff = await buildStaff(site.platform.ctx, [
      { role: 'administrator' },
      { role: 'editor' },
    ]);
    const page = await site.open({ javaScript: false });
    await logInStaff(page, staff);

    // One row per delivery: the letter's row leads to the message as well as the inbox's would.
    expect(await visit(page, '/verwaltung/nachrichten?channel=letter')).toBe(200);
    expect(await follow(page, message.reference)).toBe(200);
    expect(await page.getByText('Verlauf der Zustellung').count()).toBeGreaterThanOrEqual(1);

    expect(await visit(page, '/verwaltung/druck')).toBe(200);
    expect(await submit(page, 'Jetzt einen Druckstapel bilden')).toBe(200);
    expect(await page.getByText('Der Druckstapel wurde gebildet.').count()).toBe(1);
    // The buttons are the steps the batch can take now: printed or posted at first, then posted only.
    expect(await submit(page, 'Gedruckt')).toBe(200);
    expect(await page.getByText('Der Stand des Druckstapels wurde gespeichert.').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Gedruckt' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Zur Post gegeben' }).count()).toBe(1);

    expect(await visit(page, '/verwaltung/vorlagen')).toBe(200);
    expect(await follow(page, 'Antrag eingegangen')).toBe(200);
    expect(await submit(page, 'Vorschau anzeigen')).toBe(200);
    expect(await page.getByRole('heading', { name: 'Vorschau mit Beispielwerten' }).count()).toBe(1);
  });
});
