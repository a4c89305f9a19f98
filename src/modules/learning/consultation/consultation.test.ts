import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInBerlin, weekdayOf } from '#kernel/calendar.ts';
import { defineModule } from '#kernel/module.ts';
import { seedDemoData } from '#kernel/platform.ts';
import { buildCitizen, buildStaff, signInStaff } from '#modules/accounts/test/builders.ts';
import { clerkOf } from '#modules/appointments/test/staff.ts';
import { publishedOffice } from '#modules/catalog/index.ts';
import { learningModule } from '#modules/learning/manifest.ts';
import { pilotGrant } from '#modules/learning/test/staff.ts';
import { signInCitizen } from '#modules/notify/test/builders.ts';
import { htmlProblems } from '#test/html-validity.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import { consultationOffer, consultationPath, consultationService } from './offer.ts';
import { consultationPart } from './part.ts';

/*
 * The consultation hours on the demo data: the catalogue's service and office, the appointments module's
 * place with the digital pilots' desks. Until the learning manifest joins the part, the test mounts it
 * beside the platform's modules and adds its texts to the module's namespace, as joining would.
 */

const wired = 'consultation' in learningModule.locales!.de;
const consultationProbe = defineModule({ id: 'consultation-probe', routes: consultationPart.routes! });

let platform: TestPlatform;
let placeId: string;

beforeAll(async () => {
  platform = await createTestPlatform({}, wired ? [] : [consultationProbe]);
  if (!wired) {
    platform.ctx.i18n.addResourceBundle('de', 'learning', de, true, false);
    platform.ctx.i18n.addResourceBundle('en', 'learning', en, true, false);
  }
  expect(await seedDemoData(platform.ctx)).toEqual(expect.arrayContaining(['catalog', 'appointments']));
  const places = await platform.app.inject({ method: 'GET', url: '/api/v1/termine/orte' });
  const place = places.json<{ items: { id: string; name: string; services: { slug: string }[] }[] }>().items.find((item) => item.services.some((service) => service.slug === consultationService));
  expect(place?.name).toBe('Digitalsprechstunde im Rathaus Erkelenz');
  placeId = place!.id;
}, 120_000);
afterAll(async () => {
  await platform.close();
});

/** The next free days as the appointments API names them, a way apart from the one the page takes. */
async function nextFreeDays(): Promise<{ date: string; first: { start: string } }[]> {
  const response = await platform.app.inject({ method: 'GET', url: `/api/v1/termine/orte/${placeId}/naechste-freie-tage?leistung=${consultationService}&anzahl=5` });
  expect(response.statusCode).toBe(200);
  return response.json<{ days: { date: string; first: { start: string } }[] }>().days;
}

const longDay = (day: string, locale: string) => new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));

describe('the consultation hours’ page', () => {
  it('says what the pilots help with, who they are, where, the next free day from the seeded place, how to book and whom to call', async () => {
    const days = await nextFreeDays();
    expect(days.length).toBeGreaterThan(0);
    // The pilots' desks keep Tuesday morning and Thursday afternoon, inside the office's hours.
    for (const day of days) {
      expect([2, 4], day.date).toContain(weekdayOf(day.date));
      expect(day.first.start).toMatch(weekdayOf(day.date) === 2 ? /T1[01]:[03]0:00\+0[12]:00$/ : /T1[56]:[03]0:00\+0[12]:00$/);
    }

    const page = await new FormClient(platform.app).get(consultationPath);
    expect(page.status).toBe(200);
    expect(await htmlProblems(consultationPath, page.body)).toEqual([]);
    expect(page.body).toContain(`<h1 class="kern-heading-x-large">${de.consultation.title}</h1>`);
    for (const point of Object.values(de.consultation.help.points)) expect(page.body).toContain(point);
    expect(page.body).toContain(de.consultation.pilots.text);
    expect(page.body).toContain('Ort: Johannismarkt 17, 41812 Erkelenz');
    expect(page.body).toContain('dienstags 10–12 Uhr und donnerstags 15–17 Uhr');
    const first = days[0]!.date;
    const today = todayInBerlin();
    const said = first === today ? 'heute, ' : first === addDays(today, 1) ? 'morgen, ' : '';
    expect(page.body).toContain(`Nächster freier Termin: ${said}${longDay(first, 'de-DE')}`);
    expect(page.body).toContain(`href="/termine/buchen?leistung=${consultationService}"`);
    expect(page.body).toContain('href="tel:02431850"');
    expect(page.body).toContain(`href="/leistungen/${consultationService}"`);
  });

  it('speaks English on request', async () => {
    const page = await new FormClient(platform.app).get(`${consultationPath}?lang=en`);
    expect(page.status).toBe(200);
    expect(await htmlProblems(consultationPath, page.body)).toEqual([]);
    expect(page.body).toContain(en.consultation.title);
    expect(page.body).toContain(en.consultation.pilots.privacy);
    expect(page.body).toContain('Tuesdays 10:00–12:00 and Thursdays 15:00–17:00');
    expect(page.body).toContain(`Next free appointment:`);
  });

  it('hands the self-assessment and the course pages the same offer', async () => {
    const offer = await consultationOffer(platform.ctx, new Date());
    const days = await nextFreeDays();
    expect(offer).toMatchObject({
      title: 'Digitalsprechstunde: Hilfe mit Smartphone, Tablet und Online-Diensten',
      servicePath: `/leistungen/${consultationService}`,
      place: { office: 'Team Digitalisierung', address: 'Johannismarkt 17, 41812 Erkelenz', phone: '02431 85-0' },
      booking: { href: `/termine/buchen?leistung=${consultationService}`, nextFreeDay: days[0]!.date },
    });
  });
});

describe('booking the consultation hours', () => {
  /** Through the booking pages from the service's link: the place, one person, a day after today, its first time. */
  async function hold(client: FormClient, dayIndex: number): Promise<{ id: string; day: string }> {
    const start = await client.get(`/termine/buchen?leistung=${consultationService}`);
    expect(start.status).toBe(200);
    expect(start.body).toContain('Digitalsprechstunde im Rathaus Erkelenz');
    const times = await client.get(`/termine/buchen/zeiten?ort=${placeId}&anzahl-${consultationService}=1`);
    expect(times.status).toBe(200);
    const days = [...times.body.matchAll(/&amp;tag=(\d{4}-\d{2}-\d{2})/g)].map((match) => match[1]!).filter((date) => date > todayInBerlin());
    const day = await client.get(`/termine/buchen/zeiten?ort=${placeId}&anzahl-${consultationService}=1&tag=${days[dayIndex]}`);
    const begin = /name="beginn" value="([^"]+)"/.exec(day.body)?.[1];
    expect(begin).toBeDefined();
    const held = await client.post('/termine/buchen/zeiten', { ort: placeId, [`anzahl-${consultationService}`]: '1', beginn: begin! });
    expect(held.status).toBe(303);
    return { id: /\/termine\/buchung\/([0-9a-f-]{36})$/.exec(held.location ?? '')![1]!, day: days[dayIndex]! };
  }

  it('books without an account by the link in the mail, and with an account at once; the Team Digitalisierung’s clerks and digital pilots see them, no one bound to another office', async () => {
    const guest = new FormClient(platform.app);
    const { id: guestBooking, day: guestDay } = await hold(guest, 0);
    await guest.get(`/termine/buchung/${guestBooking}`);
    const given = await guest.post(`/termine/buchung/${guestBooking}/angaben`, { name: 'Gisela Gast', confirmBy: 'email', email: 'gisela@example.org' });
    expect(given.status).toBe(303);
    await platform.runJobs();
    const link = /https?:\/\/\S+(\/termine\/buchung\/\S*bestaetigen\S*)/.exec(platform.smtp.lastTo('gisela@example.org')!.text!)?.[1];
    expect(link).toBeDefined();
    await guest.get(link!);
    expect((await guest.post(link!, {})).status).toBe(303);
    expect((await guest.get(`/termine/buchung/${guestBooking}`)).body).toContain('Ihr Termin ist gebucht');

    const citizen = await buildCitizen(platform.ctx);
    const member = new FormClient(platform.app);
    await signInCitizen(member, citizen);
    const { id: memberBooking } = await hold(member, 1);
    await member.get(`/termine/buchung/${memberBooking}`);
    expect((await member.post(`/termine/buchung/${memberBooking}/angaben`, { name: citizen.user.display_name, confirmBy: 'email', email: citizen.user.email! })).status).toBe(303);
    expect((await member.get(`/termine/buchung/${memberBooking}`)).body).toContain('Ihr Termin ist gebucht');
    expect((await member.get('/konto/termine')).body).toContain(`/termine/buchung/${memberBooking}`);

    // The desks are served by counter clerks bound to the office that runs them; no other office's place shows.
    const office = await publishedOffice(platform.ctx, 'team-digitalisierung');
    const clerk = await clerkOf(platform, office!.id);
    const places = await clerk.client.get('/verwaltung/termine');
    expect(places.status).toBe(200);
    expect(places.body).toContain('Digitalsprechstunde im Rathaus Erkelenz');
    expect(places.body).not.toContain('Bürgerbüro Erkelenz');
    const day = await clerk.client.get(`/verwaltung/termine/${placeId}?tag=${guestDay}`);
    expect(day.status).toBe(200);
    expect(day.body).toContain('Gisela Gast');

    // A digital pilot bound to that office serves the desks as its clerks do, and sees no other office's place.
    const pilot = await buildStaff(platform.ctx, [pilotGrant(office!.id)]);
    const pilotClient = new FormClient(platform.app);
    await signInStaff(pilotClient, pilot);
    const pilotPlaces = await pilotClient.get('/verwaltung/termine');
    expect(pilotPlaces.status).toBe(200);
    expect(pilotPlaces.body).toContain('Digitalsprechstunde im Rathaus Erkelenz');
    expect(pilotPlaces.body).not.toContain('Bürgerbüro Erkelenz');
    const pilotDay = await pilotClient.get(`/verwaltung/termine/${placeId}?tag=${guestDay}`);
    expect(pilotDay.status).toBe(200);
    expect(pilotDay.body).toContain('Gisela Gast');
    // Bound to another office, the pilot cannot open these desks.
    const elsewhere = await buildStaff(platform.ctx, [pilotGrant()]);
    const elsewhereClient = new FormClient(platform.app);
    await signInStaff(elsewhereClient, elsewhere);
    expect((await elsewhereClient.get(`/verwaltung/termine/${placeId}?tag=${guestDay}`)).status).toBe(404);
  });
});
