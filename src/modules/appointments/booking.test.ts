import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInBerlin } from '#kernel/calendar.ts';
import { uidFor } from '#kernel/ical/ical.ts';
import { listStoredSms, smsDirectory } from '#kernel/sms.ts';
import { buildCitizen } from '#modules/accounts/test/builders.ts';
import { buildService } from '#modules/catalog/test/builders.ts';
import { signInCitizen } from '#modules/notify/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { appointmentsAuditSubjects } from './audit.ts';
import { appointmentsDb } from './repo.ts';
import { buildLocation } from './test/builders.ts';

let platform: TestPlatform;
let placeId: string;
const slug = `ausweis-${Date.now().toString(36)}`;

beforeAll(async () => {
  platform = await createTestPlatform({ APPOINTMENT_BOOKINGS_PER_CONTACT: '1' });
  await buildService(platform.ctx, { slug, title: 'Personalausweis beantragen', documents: ['Bisheriger Ausweis', 'Ein biometrisches Foto'] });
  // Every day of the week, all day, so the test finds free times whenever it runs.
  const hours = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens: '00:00', closes: '23:55' }));
  ({
    location: { id: placeId },
  } = await buildLocation(platform.ctx, { services: [slug], hours, name: 'Bürgerbüro Test' }));
}, 60_000);

afterAll(() => platform.close());

const allOffered = (html: string) => [...html.matchAll(/name="beginn" value="([^"]+)"/g)].map((match) => match[1]!);
const bookingId = (location: string | undefined) => /\/termine\/buchung\/([0-9a-f-]{36})$/.exec(location ?? '')?.[1];

/**
 * Chooses services and persons, then holds the first free time of the n-th free day after today (each test
 * its own day, so they do not take each other's times); returns the booking's id.
 */
async function hold(client: FormClient, persons = 1, day = 0): Promise<string> {
  const first = await client.get(`/termine/buchen/zeiten?ort=${placeId}&anzahl-${slug}=${persons}`);
  expect(first.status).toBe(200);
  // Never today: its first free time may be minutes away and pass while a slow run is still moving it.
  const days = [...first.body.matchAll(/&amp;tag=(\d{4}-\d{2}-\d{2})/g)].map((match) => match[1]!).filter((date) => date > todayInBerlin());
  const times = await client.get(`/termine/buchen/zeiten?ort=${placeId}&anzahl-${slug}=${persons}&tag=${days[day]}`);
  const start = allOffered(times.body)[0];
  expect(start).toBeDefined();
  const held = await client.post('/termine/buchen/zeiten', { ort: placeId, [`anzahl-${slug}`]: String(persons), beginn: start! });
  expect(held.status).toBe(303);
  return bookingId(held.location)!;
}

const linkIn = (text: string, path: string) => new RegExp(`https?://[^\\s]+(${path}[^\\s]*)`).exec(text)?.[1];

describe('booking an appointment without an account', () => {
  it('goes from the service to the next free days, holds a time, confirms the address by link, sends the calendar entry, moves and cancels it', async () => {
    const client = new FormClient(platform.app);
    const start = await client.get(`/termine/buchen?leistung=${slug}`);
    expect(start.status).toBe(200);
    expect(start.body).toContain('Bürgerbüro Test');
    expect(start.body).toMatch(new RegExp(`name="anzahl-${slug}"`));

    const times = await client.get(`/termine/buchen/zeiten?ort=${placeId}&anzahl-${slug}=2`);
    expect(times.status).toBe(200);
    expect(times.body).toContain('Nächste freie Tage');
    expect(times.body).toContain('Personalausweis beantragen (2 Personen)');
    // The next free days at once, each a link to its times.
    expect((times.body.match(/aria-current="date"/g) ?? []).length).toBe(1);
    expect((times.body.match(/&amp;tag=\d{4}-\d{2}-\d{2}/g) ?? []).length).toBeGreaterThanOrEqual(5);

    const id = await hold(client, 2);
    const page = await client.get(`/termine/buchung/${id}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Wir halten diese Zeit bis');
    expect(page.body).toContain('Personalausweis beantragen (2 Personen)');

    const missing = await client.post(`/termine/buchung/${id}/angaben`, { name: 'Erika Muster', confirmBy: 'email', email: '' });
    expect(missing.status).toBe(422);
    expect(missing.body).toContain('Bitte geben Sie Ihre E-Mail-Adresse ein');
    expect(missing.body).toContain('value="Erika Muster"');

    const given = await client.post(`/termine/buchung/${id}/angaben`, { name: 'Erika Muster', confirmBy: 'email', email: 'erika@example.org', needs: 'step-free' });
    expect(given.status).toBe(303);
    expect((await client.get(`/termine/buchung/${id}`)).body).toContain('Wir haben eine E-Mail an erika@example.org gesendet');

    await platform.runJobs();
    const confirmMail = platform.smtp.lastTo('erika@example.org');
    const confirmLink = linkIn(confirmMail!.text!, '/termine/buchung/');
    expect(confirmLink).toMatch(/\/bestaetigen\//);
    // The link only shows a page: a mail program checking it books nothing.
    const other = new FormClient(platform.app);
    const asked = await other.get(confirmLink!);
    expect(asked.status).toBe(200);
    const row = () => appointmentsDb(platform.ctx.db).selectFrom('appointment_bookings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect((await row()).status).toBe('confirming');
    const confirmed = await other.post(confirmLink!, {});
    expect(confirmed.status).toBe(303);
    const booked = await other.get(`/termine/buchung/${id}`);
    expect(booked.body).toContain('Ihr Termin ist gebucht');
    expect(booked.body).toContain((await row()).reference);
    expect(booked.body).toContain('Ein biometrisches Foto');
    expect(booked.body).toContain('stufenloser Zugang');

    await platform.runJobs();
    const bookedMail = platform.smtp.lastTo('erika@example.org')!;
    expect(bookedMail.subject).toMatch(/^Termin gebucht/);
    expect(bookedMail.text).toContain('Ein biometrisches Foto');
    const ics = bookedMail.attachments.find((attachment) => attachment.contentType.startsWith('text/calendar'))!.content.toString('utf8');
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics) as unknown[]).getFirstSubcomponent('vevent')!);
    expect(event.uid).toBe(uidFor(id, platform.ctx.config.PUBLIC_URL));
    expect(event.startDate.toJSDate().toISOString()).toBe((await row()).starts_at.toISOString());

    // Someone without the cookie or a key learns nothing about the booking.
    expect((await new FormClient(platform.app).get(`/termine/buchung/${id}`)).status).toBe(404);

    // Moved to another time: the calendar file names the same event, one sequence on.
    const later = await other.get(`/termine/buchung/${id}/umbuchen`);
    const moved = await other.post(`/termine/buchung/${id}/umbuchen`, { beginn: allOffered(later.body).at(-1)! });
    const movedId = bookingId(moved.location)!;
    await platform.runJobs();
    const movedMail = platform.smtp.lastTo('erika@example.org')!;
    expect(movedMail.subject).toMatch(/^Termin verschoben/);
    const movedFile = movedMail.attachments.find((attachment) => attachment.contentType.startsWith('text/calendar'))!.content.toString('utf8');
    const movedEvent = new ICAL.Event(new ICAL.Component(ICAL.parse(movedFile) as unknown[]).getFirstSubcomponent('vevent')!);
    expect(movedEvent.uid).toBe(event.uid);
    expect(movedEvent.sequence).toBe(event.sequence + 1);

    // The first mail's link still opens the booking, now at its new time, in yet another browser, which cancels it after being asked.
    const manage = linkIn(bookedMail.text!, '/termine/buchung/');
    const third = new FormClient(platform.app);
    const opened = await third.get(manage!);
    expect(opened.location).toBe(`/termine/buchung/${movedId}`);
    expect((await third.follow(opened)).body).toContain('Ihr Termin ist gebucht');
    expect((await third.get(`/termine/buchung/${movedId}/absagen`)).body).toContain('Termin absagen?');
    const cancelled = await third.post(`/termine/buchung/${movedId}/absagen`, {});
    expect(cancelled.status).toBe(303);
    expect((await third.get(`/termine/buchung/${movedId}`)).body).toContain('Dieser Termin ist abgesagt');
    await platform.runJobs();
    const cancelMail = platform.smtp.lastTo('erika@example.org')!;
    const cancelFile = cancelMail.attachments.find((attachment) => attachment.contentType.startsWith('text/calendar'))!.content.toString('utf8');
    expect(cancelFile).toContain('METHOD:CANCEL');
    const cancelEvent = new ICAL.Event(new ICAL.Component(ICAL.parse(cancelFile) as unknown[]).getFirstSubcomponent('vevent')!);
    expect(cancelEvent.uid).toBe(event.uid);
    expect(cancelEvent.sequence).toBeGreaterThan(event.sequence);
  });

  it('confirms a mobile number with a code by SMS; a wrong code is refused', async () => {
    const client = new FormClient(platform.app);
    const id = await hold(client, 1, 1);
    const given = await client.post(`/termine/buchung/${id}/angaben`, { name: 'Max Muster', confirmBy: 'sms', phone: '0171 2345678' });
    expect(given.status).toBe(303);
    const sms = (await listStoredSms(smsDirectory(platform.ctx.config.DATA_DIR))).filter((message) => message.to === '+491712345678');
    const code = /(\d{6})/.exec(sms.at(-1)!.text)![1]!;
    await client.get(`/termine/buchung/${id}`);
    const wrong = await client.post(`/termine/buchung/${id}/code`, { code: code === '000000' ? '111111' : '000000' });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toContain('Der Code stimmt nicht');
    const right = await client.post(`/termine/buchung/${id}/code`, { code });
    expect(right.status).toBe(303);
    expect((await client.get(`/termine/buchung/${id}`)).body).toContain('Ihr Termin ist gebucht');
    await platform.runJobs();
    const after = (await listStoredSms(smsDirectory(platform.ctx.config.DATA_DIR))).filter((message) => message.to === '+491712345678');
    expect(after.at(-1)!.text).toMatch(/^Termin gebucht: .* Absagen oder verschieben: http/);
  });

  it('moves a booking to another time: the same calendar entry, one sequence on, the old booking ended as moved', async () => {
    const client = new FormClient(platform.app);
    const id = await hold(client, 1, 2);
    await client.post(`/termine/buchung/${id}/angaben`, { name: 'Rita Rebook', confirmBy: 'sms', phone: '0171 9999999' });
    const code = /(\d{6})/.exec((await listStoredSms(smsDirectory(platform.ctx.config.DATA_DIR))).filter((message) => message.to === '+491719999999').at(-1)!.text)![1]!;
    await client.get(`/termine/buchung/${id}`);
    expect((await client.post(`/termine/buchung/${id}/code`, { code })).status).toBe(303);
    const times = await client.get(`/termine/buchung/${id}/umbuchen`);
    expect(times.status).toBe(200);
    const target = allOffered(times.body).at(-1)!;
    const moved = await client.post(`/termine/buchung/${id}/umbuchen`, { beginn: target });
    expect(moved.status).toBe(303);
    const newId = bookingId(moved.location)!;
    expect(newId).not.toBe(id);
    expect((await client.get(`/termine/buchung/${newId}`)).body).toContain('Ihr Termin ist gebucht');
    const rows = await appointmentsDb(platform.ctx.db).selectFrom('appointment_bookings').selectAll().where('id', 'in', [id, newId]).execute();
    const old = rows.find((row) => row.id === id)!;
    const now = rows.find((row) => row.id === newId)!;
    expect(old.status).toBe('cancelled');
    expect(old.cancel_reason).toBe('rebooked');
    expect(now.calendar_uid).toBe(old.calendar_uid);
    expect(now.calendar_sequence).toBe(old.calendar_sequence + 1);
    expect(now.starts_at.toISOString()).toBe(target);
  });
});

describe('what a booking refuses', () => {
  it('says clearly when a time is in the past, taken meanwhile, or the place unknown, and never answers 500', async () => {
    const client = new FormClient(platform.app);
    const times = await client.get(`/termine/buchen/zeiten?ort=${placeId}&anzahl-${slug}=1`);
    const past = await client.post('/termine/buchen/zeiten', { ort: placeId, [`anzahl-${slug}`]: '1', beginn: '2020-01-06T08:00:00.000Z' });
    expect(past.status).toBe(409);
    expect(past.body).toContain('Vergangenheit');

    const start = allOffered(times.body).at(-1)!;
    const first = await client.post('/termine/buchen/zeiten', { ort: placeId, [`anzahl-${slug}`]: '1', beginn: start });
    expect(first.status).toBe(303);
    const rival = new FormClient(platform.app);
    await rival.get(`/termine/buchen/zeiten?ort=${placeId}&anzahl-${slug}=1`);
    const second = await rival.post('/termine/buchen/zeiten', { ort: placeId, [`anzahl-${slug}`]: '1', beginn: start });
    expect(second.status).toBe(409);
    expect(second.body).toMatch(/nicht \(mehr\) frei|gerade jemand anderes/);

    expect((await client.get(`/termine/buchen/zeiten?ort=00000000-0000-4000-8000-000000000000&anzahl-${slug}=1`)).status).toBe(404);
    const tooMany = await client.get(`/termine/buchen/zeiten?ort=${placeId}&anzahl-${slug}=11`);
    expect(tooMany.status).toBe(422);
    expect(tooMany.body).toContain('Bitte wählen Sie zwischen 0 und 6 Personen');
    const none = await client.get(`/termine/buchen/zeiten?ort=${placeId}&anzahl-${slug}=0`);
    expect(none.status).toBe(422);
    const badDay = await client.get(`/termine/buchen/zeiten?ort=${placeId}&anzahl-${slug}=1&tag=31.02.2027`);
    expect(badDay.status).toBe(422);
    expect(badDay.body).toContain('kein gültiges Datum');
    expect((await client.get('/termine/buchen?leistung=gibt-es-nicht')).status).toBe(404);
  });

  it('refuses details for a hold that ran out and offers to choose again', async () => {
    const client = new FormClient(platform.app);
    const id = await hold(client, 1, 3);
    await client.get(`/termine/buchung/${id}`);
    const csrf = client.csrfToken();
    await appointmentsDb(platform.ctx.db).updateTable('appointment_bookings').set({ hold_expires_at: new Date(Date.now() - 1000) }).where('id', '=', id).execute();
    const late = await client.post(`/termine/buchung/${id}/angaben`, { _csrf: csrf, name: 'Spät Dran', confirmBy: 'email', email: 'spaet@example.org' });
    expect(late.status).toBe(409);
    expect(late.body).toContain('Die Reservierung ist abgelaufen');
    expect(late.body).toContain('Freie Termine für dieselben Anliegen anzeigen');
  });

  it('limits the bookings to come per address, and extends a held time on request', async () => {
    const first = new FormClient(platform.app);
    const one = await hold(first, 1, 4);
    await first.post(`/termine/buchung/${one}/angaben`, { name: 'Viel Bucher', confirmBy: 'email', email: 'viel@example.org' });
    const second = new FormClient(platform.app);
    const two = await hold(second, 1, 5);
    const extended = await second.post(`/termine/buchung/${two}/verlaengern`, {}, { accept: 'application/json' });
    expect(extended.status).toBe(200);
    expect(Date.parse((JSON.parse(extended.body) as { until: string }).until)).toBeGreaterThan(Date.now());
    const refused = await second.post(`/termine/buchung/${two}/angaben`, { name: 'Viel Bucher', confirmBy: 'email', email: 'VIEL@example.org' });
    expect(refused.status).toBe(409);
    expect(refused.body).toContain('Mit dieser E-Mail-Adresse oder Handynummer ist schon ein Termin gebucht');
  });
});

describe('a signed-in person', () => {
  it('books with the account’s own address at once and finds the booking under "Meine Termine"', async () => {
    const citizen = await buildCitizen(platform.ctx);
    const client = new FormClient(platform.app);
    await signInCitizen(client, citizen);
    const id = await hold(client, 1, 6);
    const page = await client.get(`/termine/buchung/${id}`);
    expect(page.body).toContain(`value="${citizen.user.email}"`);
    const given = await client.post(`/termine/buchung/${id}/angaben`, { name: citizen.user.display_name, confirmBy: 'email', email: citizen.user.email! });
    expect(given.status).toBe(303);
    expect((await client.get(`/termine/buchung/${id}`)).body).toContain('Ihr Termin ist gebucht');
    const mine = await client.get('/konto/termine');
    expect(mine.status).toBe(200);
    expect(mine.body).toContain(`/termine/buchung/${id}`);
    expect(mine.body).toContain('Personalausweis beantragen (1 Person)');
  });
});

describe('the audit log', () => {
  it('names a booking by its reference and a place by its name', async () => {
    const id = await hold(new FormClient(platform.app), 1, 7);
    const { reference } = await appointmentsDb(platform.ctx.db).selectFrom('appointment_bookings').select('reference').where('id', '=', id).executeTakeFirstOrThrow();
    const t = platform.ctx.i18n.getFixedT('de');
    const bookings = await appointmentsAuditSubjects.describe!(platform.ctx.db, t, 'appointments.booking', [id, 'not-an-id']);
    expect(bookings.get(id)).toBe(`Termin ${reference}`);
    const places = await appointmentsAuditSubjects.describe!(platform.ctx.db, t, 'appointments.location', [placeId]);
    expect(places.get(placeId)).toBe('Bürgerbüro Test');
  });
});
