import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secondsLeftInMinute } from '#kernel/page-cache/store.ts';
import { buildService } from '#modules/catalog/test/builders.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { freeSlots, nextFreeDays } from './calendar/index.ts';
import { appointmentBooked } from './events.ts';
import { appointmentsDb } from './repo.ts';
import { placeCalendar } from './service.calendar.ts';
import { appointmentRoutes, availabilityScope } from './service.routes.ts';
import { buildLocation } from './test/builders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const longDay = (date: string) => new Intl.DateTimeFormat('de-DE', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
const cacheOf = (response: { headers: Record<string, unknown> }) => /cache;desc="(\w+)"/.exec(String(response.headers['server-timing']))?.[1];
const everyDay = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens: '08:00', closes: '09:00' }));

/** A published service booked at a place open an hour every day, with one counter: four times a day. */
async function bookableService(slug: string) {
  await buildService(platform.ctx, { slug, title: `Leistung ${slug}` });
  const place = await buildLocation(platform.ctx, { services: [slug], hours: everyDay });
  // A new place shows within the minute on its own; the tests do not wait for it.
  platform.ctx.content.changed(availabilityScope);
  return place;
}

describe('the booking link on the service page', () => {
  it('offers every service of an active place, with a link to the booking page', async () => {
    await bookableService('termin-link');
    const routes = await appointmentRoutes(platform.ctx);
    expect(routes.get('termin-link')).toEqual([{ kind: 'appointment', href: '/termine/buchen?leistung=termin-link', note: expect.objectContaining({ key: expect.any(String) }) }]);
    const page = await platform.app.inject({ method: 'GET', url: '/leistungen/termin-link' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/termine/buchen?leistung=termin-link"');
  });

  it('leaves out the services of a place that takes no bookings', async () => {
    const { location } = await bookableService('termin-geschlossen');
    await appointmentsDb(platform.ctx.db).updateTable('appointment_locations').set({ active: false }).where('id', '=', location.id).execute();
    platform.ctx.content.changed(availabilityScope);
    expect((await appointmentRoutes(platform.ctx)).has('termin-geschlossen')).toBe(false);
  });

  it('shows the next free day, and the day after once that day is booked up, with the page cached in between', async () => {
    const { location, counters } = await bookableService('termin-naechster');
    const calendar = await placeCalendar(platform.ctx, location.id);
    const expected = nextFreeDays(calendar!.query([{ serviceId: 'termin-naechster', persons: 1 }]), { limit: 2 });
    if (!expected.ok) throw new Error('no free days');
    const [first, second] = expected.days;
    // The cached page lives until its minute ends; the test needs the cache to outlive the booking.
    if (secondsLeftInMinute() < 20) await new Promise((resolve) => setTimeout(resolve, secondsLeftInMinute() * 1000 + 200));

    const before = await platform.app.inject({ method: 'GET', url: '/leistungen/termin-naechster' });
    expect(before.body).toContain(`Nächster freier Termin: ${longDay(first!.date)}`);
    const english = await platform.app.inject({ method: 'GET', url: '/leistungen/termin-naechster?lang=en' });
    expect(english.body).toContain('Next free appointment: ');

    // Every free time of the first day is booked, as the booking pages do, and the booking is announced.
    const free = freeSlots(calendar!.query([{ serviceId: 'termin-naechster', persons: 1 }]), { from: first!.date, to: first!.date });
    if (!free.ok) throw new Error('no slots');
    const slots = free.days[0]!.slots;
    expect(slots.length).toBeGreaterThan(0);
    await platform.ctx.db.transaction().execute(async (trx) => {
      for (const [index, slot] of slots.entries()) {
        const booking = await appointmentsDb(trx)
          .insertInto('appointment_bookings')
          .values({
            reference: `T-NEXT-${index}-${location.id.slice(0, 8)}`,
            location_id: location.id,
            counter_id: counters[0]!.id,
            starts_at: slot.start,
            ends_at: slot.end,
            status: 'booked',
            services: JSON.stringify([{ serviceId: 'termin-naechster', persons: 1 }]),
            channel: 'online',
            secret_hash: 'b'.repeat(64),
            created_by: 'test',
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await platform.ctx.events.publish(trx, appointmentBooked, {
          bookingId: booking.id,
          locationId: location.id,
          counterId: counters[0]!.id,
          startsAt: slot.start.toISOString(),
          endsAt: slot.end.toISOString(),
          channel: 'online',
          services: ['termin-naechster'],
        });
      }
    });

    // Until the event is delivered, the cached page still stands …
    const cached = await platform.app.inject({ method: 'GET', url: '/leistungen/termin-naechster' });
    expect(cacheOf(cached)).toBe('hit');
    expect(cached.body).toContain(`Nächster freier Termin: ${longDay(first!.date)}`);

    // … and once it is, the page is made again and names the next day.
    await platform.runJobs();
    const after = await platform.app.inject({ method: 'GET', url: '/leistungen/termin-naechster' });
    expect(cacheOf(after)).toBe('miss');
    expect(after.body).toContain(`Nächster freier Termin: ${longDay(second!.date)}`);
    expect(after.body).not.toContain(`Nächster freier Termin: ${longDay(first!.date)}`);
  });
});
