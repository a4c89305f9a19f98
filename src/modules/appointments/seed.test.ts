import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '#kernel/platform.ts';
import { publishedOffice, publishedService } from '#modules/catalog/index.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { nextFreeDays } from './calendar/index.ts';
import { appointmentsDb } from './repo.ts';
import { placeCalendar } from './service.calendar.ts';
import { appointmentRoutes } from './service.routes.ts';
import { seedAppointments } from './seed.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
  // Every module's demo data, as a new installation gets it: the catalogue's offices and services, then the places.
  expect(await seedDemoData(platform.ctx)).toEqual(expect.arrayContaining(['catalog', 'appointments']));
});
afterAll(async () => {
  await platform.close();
});

const db = () => appointmentsDb(platform.ctx.db);
const places = () => db().selectFrom('appointment_locations').selectAll().orderBy('name').execute();

describe('the demo places', () => {
  it('are the Bürgerbüro, the Standesamt, the phone advice of the Bauordnung and the Digitalsprechstunde, marked as demonstration values', async () => {
    const seeded = await places();
    expect(seeded.map((place) => [place.name, place.kind, place.office_slug])).toEqual([
      ['Bürgerbüro Erkelenz', 'counter', 'buergerbuero'],
      ['Digitalsprechstunde im Rathaus Erkelenz', 'counter', 'team-digitalisierung'],
      ['Standesamt Erkelenz', 'counter', 'standesamt'],
      ['Telefonische Beratung Bauaufsicht', 'phone', 'bauordnung'],
    ]);
    for (const place of seeded) expect(place.hint).toContain('(Demonstrationswerte)');
    // Without an office, the phone place keeps its own hours and lunch break.
    const phone = seeded[3]!;
    expect(phone.hours).toEqual([{ day: 2, opens: '09:00', closes: '15:00' }, { day: 4, opens: '09:00', closes: '15:00' }]);
    expect(phone.breaks).toEqual([{ day: 2, from: '12:00', to: '13:00' }, { day: 4, from: '12:00', to: '13:00' }]);
  });

  it('offer services of the catalogue, of the place’s own office, with a 60-day window released at 7 and an hour’s lead', async () => {
    const seeded = await places();
    const services = await db().selectFrom('appointment_services').selectAll().execute();
    for (const service of services) {
      const place = seeded.find((candidate) => candidate.id === service.location_id)!;
      const published = await publishedService(platform.ctx, service.service_slug);
      expect(published, service.service_slug).not.toBeNull();
      expect(published!.content.officeId, service.service_slug).toBe((await publishedOffice(platform.ctx, place.office_slug ?? 'bauordnung'))!.id);
      expect(service).toMatchObject({ horizon_days: 60, release_time: '07:00', lead_minutes: 60 });
    }
    const minutes = Object.fromEntries(services.map((service) => [service.service_slug, service.minutes_per_person]));
    expect(minutes).toMatchObject({ 'personalausweis-beantragen': 15, 'reisepass-beantragen': 15, 'wohnsitz-anmelden': 10, meldebescheinigung: 5 });
  });

  it('give the Bürgerbüro four counters, one of them for registration matters only', async () => {
    const buergerbuero = (await places())[0]!;
    const counters = await db().selectFrom('appointment_counters').select(['name', 'services']).where('location_id', '=', buergerbuero.id).orderBy('name').execute();
    expect(counters.map((counter) => counter.name)).toEqual(['Schalter 1', 'Schalter 2', 'Schalter 3', 'Schalter 4']);
    expect(counters[0]!.services).toContain('reisepass-beantragen');
    expect(counters[3]!.services).toEqual(['wohnsitz-anmelden', 'meldebescheinigung']);
  });

  it('can be booked: the calendar finds free days for an identity card in the Bürgerbüro’s hours', async () => {
    const buergerbuero = (await places())[0]!;
    const calendar = await placeCalendar(platform.ctx, buergerbuero.id);
    const answer = nextFreeDays(calendar!.query([{ serviceId: 'personalausweis-beantragen', persons: 1 }]), { limit: 3 });
    expect(answer.ok && answer.days).toHaveLength(3);
    // A passport and a registration together need one of the three full counters, which the engine accepts.
    expect(nextFreeDays(calendar!.query([{ serviceId: 'reisepass-beantragen', persons: 1 }, { serviceId: 'wohnsitz-anmelden', persons: 2 }]), { limit: 1 }).ok).toBe(true);
  });

  it('put the booking link on the seeded services’ pages', async () => {
    const routes = await appointmentRoutes(platform.ctx);
    expect([...routes.keys()].sort()).toEqual(
      ['baugenehmigung', 'digitalsprechstunde', 'eheschliessung-anmelden', 'fuehrungszeugnis-beantragen', 'geburt-beurkunden', 'meldebescheinigung', 'namenserklaerung', 'personalausweis-beantragen', 'reisepass-beantragen', 'vaterschaft-anerkennen', 'wohnsitz-anmelden'],
    );
    const page = await platform.app.inject({ method: 'GET', url: '/leistungen/personalausweis-beantragen' });
    expect(page.body).toContain('href="/termine/buchen?leistung=personalausweis-beantragen"');
    expect(page.body).toContain('Buchen Sie Ihren Termin online');
  });

  it('are inserted once: seeding again changes nothing', async () => {
    const count = async () => ({
      places: (await db().selectFrom('appointment_locations').select('id').execute()).length,
      counters: (await db().selectFrom('appointment_counters').select('id').execute()).length,
      services: (await db().selectFrom('appointment_services').select('service_slug').execute()).length,
    });
    const before = await count();
    expect(before).toEqual({ places: 4, counters: 9, services: 11 });
    await seedAppointments(platform.ctx);
    expect(await count()).toEqual(before);
  });
});
