import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStaff } from '#modules/accounts/test/builders.ts';
import { counterClerk } from '#modules/appointments/permissions.ts';
import { buildBooking, buildOfficePlace } from '#modules/appointments/test/staff.ts';
import { bothWays, follow, logInStaff, startSite, submit, visit, type Site } from './harness.ts';

/*
 * Booking a visit as a citizen meets it, with and without JavaScript: from the service page to the next free
 * days, a held time, the details, the link from the mail, the booking, moving and cancelling it; and the
 * counter's side: the clerk's day, the queue with a walk-in number, booking for a caller, the figures and the
 * waiting room's display. Every page is checked (axe, valid HTML, no console or CSP errors).
 */
let site: Site;

beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

const linkIn = (text: string) => /https?:\/\/[^\s/]+(\/termine\/buchung\/[^\s]+)/.exec(text)?.[1];

describe.each(bothWays)('booking an appointment $how', ({ javaScript, how }) => {
  it('from the service page to a booking, moved once and cancelled', async () => {
    const place = await buildOfficePlace(site.platform.ctx, `Bürgerbüro ${how}`);
    const page = await site.open({ javaScript });
    expect(await visit(page, `/leistungen/${place.service.slug}`)).toBe(200);
    const booking = page.locator(`a[href^="/termine/buchen?leistung=${place.service.slug}"]`).first();
    expect(await booking.count()).toBe(1);
    expect(await visit(page, (await booking.getAttribute('href'))!)).toBe(200);

    await page.getByLabel('Personalausweis beantragen: Anzahl Personen').selectOption('2');
    expect(await submit(page, 'Freie Termine anzeigen')).toBe(200);
    expect(await page.getByRole('heading', { name: 'Nächste freie Tage' }).count()).toBe(1);
    // Another of the free days, then the second of its times.
    expect(await visit(page, (await page.locator('.booking-days a').nth(1).getAttribute('href'))!)).toBe(200);
    await page.locator('input[name="beginn"]').nth(1).check();
    expect(await submit(page, 'Diese Zeit reservieren')).toBe(200);

    expect(await page.getByText('Wir halten diese Zeit bis').count()).toBe(1);
    await page.getByLabel('Ihr Name').fill('Erika Mustermann');
    await page.getByLabel('per E-Mail: Sie bekommen einen Link').check();
    const email = `erika-${javaScript ? 'js' : 'plain'}@example.org`;
    await page.getByLabel('E-Mail-Adresse').fill(email);
    await page.getByLabel('mehr Zeit').check();
    expect(await submit(page, 'Termin buchen')).toBe(200);
    expect(await page.getByRole('heading', { name: 'Bitte bestätigen Sie Ihren Termin' }).count()).toBe(1);

    await site.platform.runJobs();
    const link = linkIn(site.platform.smtp.lastTo(email)!.text!);
    expect(await visit(page, link!)).toBe(200);
    expect(await submit(page, 'Termin verbindlich buchen')).toBe(200);
    expect(await page.getByRole('heading', { name: 'Ihr Termin ist gebucht' }).count()).toBe(1);
    expect(await page.getByText('Wir sind darauf eingestellt: mehr Zeit.').count()).toBe(1);

    expect(await follow(page, 'Termin verschieben')).toBe(200);
    await page.locator('input[name="beginn"]').last().check();
    expect(await submit(page, 'Termin auf diese Zeit verschieben')).toBe(200);
    expect(await page.getByRole('heading', { name: 'Ihr Termin ist gebucht' }).count()).toBe(1);

    expect(await follow(page, 'Termin absagen')).toBe(200);
    expect(await submit(page, 'Ja, Termin absagen')).toBe(200);
    expect(await page.getByRole('heading', { name: 'Dieser Termin ist abgesagt' }).count()).toBe(1);

    // Nothing suits: the waiting list's form is one link away.
    expect(await visit(page, `/termine/warteliste?ort=${place.location.id}&leistung=${place.service.slug}&personen=1`)).toBe(200);
  });
});

describe('at the counter', () => {
  it('a clerk sees the day with stated needs, issues a walk-in number, calls it, books for a caller and reads the figures', async () => {
    const place = await buildOfficePlace(site.platform.ctx, 'Bürgerbüro Schalter');
    const soon = new Date(Math.ceil((Date.now() + 3_600_000) / 900_000) * 900_000);
    await buildBooking(site.platform.ctx, place, soon, { name: 'Hans Hilfe', needs: ['interpreter'], needsNote: 'Arabisch' });
    const clerk = await buildStaff(site.platform.ctx, [{ role: counterClerk, scopeKind: 'office', scopeId: place.office.id }]);
    const page = await site.open({ javaScript: false });
    await logInStaff(page, clerk);

    expect(await visit(page, '/verwaltung/termine')).toBe(200);
    const day = `/verwaltung/termine/${place.location.id}?tag=${new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(soon)}`;
    expect(await visit(page, day)).toBe(200);
    expect(await page.getByText('Hans Hilfe').count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByText('Arabisch').count()).toBeGreaterThanOrEqual(1);

    expect(await visit(page, `/verwaltung/termine/${place.location.id}/warteschlange`)).toBe(200);
    await page.getByLabel('Personalausweis beantragen').check();
    expect(await submit(page, 'Wartenummer ausgeben')).toBe(200);
    expect(await submit(page, 'Nächste aufrufen')).toBe(200);

    expect(await visit(page, `/verwaltung/termine/${place.location.id}/telefon`)).toBe(200);
    expect(await visit(page, '/verwaltung/termine/kennzahlen')).toBe(200);
  });

  it.each(bothWays)('the waiting room display refreshes by a link, never by meta refresh, $how', async ({ javaScript }) => {
    const place = await buildOfficePlace(site.platform.ctx, `Wartebereich ${javaScript ? 'live' : 'statisch'}`);
    const page = await site.open({ javaScript });
    expect(await visit(page, `/termine/anzeige/${place.location.id}`)).toBe(200);
    expect(await page.locator('meta[http-equiv="refresh"]').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Aktualisieren' }).count()).toBe(1);
  });
});
