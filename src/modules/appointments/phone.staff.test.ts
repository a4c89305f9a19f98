import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlProblems } from '#test/html-validity.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { appointmentsDb } from './repo.ts';
import { auditCount, buildOfficePlace, clerkOf, type Clerk } from './test/staff.ts';

let platform: TestPlatform;
let place: Awaited<ReturnType<typeof buildOfficePlace>>;
let clerk: Clerk;
let stranger: Clerk;

beforeAll(async () => {
  platform = await createTestPlatform();
  place = await buildOfficePlace(platform.ctx, 'Bürgerbüro Telefon');
  const other = await buildOfficePlace(platform.ctx, 'Bürgerbüro Anderswo');
  clerk = await clerkOf(platform, place.office.id);
  stranger = await clerkOf(platform, other.office.id);
});
afterAll(async () => {
  await platform.close();
});

const base = () => `/verwaltung/termine/${place.location.id}/telefon`;
const search = () => `${base()}?leistung=${place.service.slug}&personen=1`;
const offeredStarts = (body: string) => [...body.matchAll(/name="start" value="([^"]+)"/g)].map((match) => match[1]!);

describe('booking for a caller', () => {
  it('offers the free times of the next days for the services and persons asked', async () => {
    const page = await clerk.client.get(base());
    expect(page.status).toBe(200);
    expect(page.body).toContain('Personalausweis beantragen');
    expect(await htmlProblems(base(), page.body)).toEqual([]);
    const offer = await clerk.client.get(search());
    expect(offer.status).toBe(200);
    expect(offeredStarts(offer.body).length).toBeGreaterThan(0);
    expect(offer.body).toContain('name="_csrf"');
    expect(await htmlProblems(search(), offer.body)).toEqual([]);
  });

  it('says what is wrong with the request at its field', async () => {
    const none = await clerk.client.get(`${base()}?personen=1`);
    expect(none.status).toBe(400);
    expect(none.body).toContain('Bitte wählen Sie mindestens ein Anliegen.');
    const many = await clerk.client.get(`${base()}?leistung=${place.service.slug}&personen=11`);
    expect(many.status).toBe(400);
    expect(many.body).toContain('kern-error');
    const unknown = await clerk.client.get(`${base()}?leistung=hundesteuer&personen=1`);
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('Bitte wählen Sie Anliegen, die dieser Ort anbietet.');
  });

  it('books a chosen time at once, confirmed by staff, with the caller’s contact and needs, and publishes the booking', async () => {
    const offer = await clerk.client.get(search());
    const start = offeredStarts(offer.body)[0]!;
    const form = { leistung: place.service.slug, personen: '1', start, name: 'Otto Anrufer', phone: '', email: '' };
    const noContact = await clerk.client.post(base(), form);
    expect(noContact.status).toBe(422);
    expect(noContact.body).toContain('Bitte geben Sie eine Telefonnummer oder eine E-Mail-Adresse an.');
    expect(noContact.body).toContain('value="Otto Anrufer"');

    const booked = await clerk.client.post(base(), { ...form, phone: '02431 85-0', email: 'otto@example.org', needs: 'interpreter', needsNote: 'Türkisch' });
    expect(booked.status).toBe(303);
    expect((await clerk.client.follow(booked)).body).toContain('Termin gebucht: T-');
    const row = await appointmentsDb(platform.ctx.db).selectFrom('appointment_bookings').selectAll().where('location_id', '=', place.location.id).where('name', '=', 'Otto Anrufer').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'booked', channel: 'phone', confirmed_by: 'staff', hold_expires_at: null, phone: '+492431850', email: 'otto@example.org', needs: ['interpreter'], needs_note: 'Türkisch', created_by: `staff:${clerk.userId}` });
    expect(row.starts_at).toEqual(new Date(start));
    expect(row.calendar_uid).toBe(`${row.id}@${new URL(platform.ctx.config.PUBLIC_URL).hostname}`);
    const events = await sql<{ payload: { bookingId: string; channel: string } }>`select payload from events where name = 'appointments.booked'`.execute(platform.ctx.db);
    expect(events.rows.map((event) => event.payload)).toContainEqual(expect.objectContaining({ bookingId: row.id, channel: 'phone' }));
    expect(await auditCount(platform.ctx, 'appointments.booked-for-caller', clerk.userId)).toBe(1);

    // The same time once more, on both counters, and the place has none free left at that time.
    await clerk.client.get(search());
    expect((await clerk.client.post(base(), { ...form, name: 'Zweite Anruferin', email: 'zwei@example.org' })).status).toBe(303);
    await clerk.client.get(search());
    const taken = await clerk.client.post(base(), { ...form, name: 'Dritter Anrufer', email: 'drei@example.org' });
    expect(taken.status).toBe(409);
    expect(taken.body).toContain('Diese Zeit ist inzwischen vergeben.');
  });

  it('answers a clerk of another office as if the place did not exist', async () => {
    expect((await stranger.client.get(search())).status).toBe(404);
    await stranger.client.get('/verwaltung/termine');
    const start = new Date(Date.now() + 86_400_000).toISOString();
    expect((await stranger.client.post(base(), { leistung: place.service.slug, personen: '1', start, name: 'X', email: 'x@example.org' })).status).toBe(404);
  });
});
