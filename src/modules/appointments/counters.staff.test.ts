import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlProblems } from '#test/html-validity.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { appointmentsDb } from './repo.ts';
import { auditCount, buildBooking, buildOfficePlace, clerkOf, type Clerk } from './test/staff.ts';

let platform: TestPlatform;
let place: Awaited<ReturnType<typeof buildOfficePlace>>;
let other: Awaited<ReturnType<typeof buildOfficePlace>>;
let clerk: Clerk;
let stranger: Clerk;

beforeAll(async () => {
  platform = await createTestPlatform();
  place = await buildOfficePlace(platform.ctx, 'Bürgerbüro Markt');
  other = await buildOfficePlace(platform.ctx, 'Bürgerbüro Nord');
  clerk = await clerkOf(platform, place.office.id);
  stranger = await clerkOf(platform, other.office.id);
});
afterAll(async () => {
  await platform.close();
});

const base = () => `/verwaltung/termine/${place.location.id}`;
const statusOf = async (id: string) => (await appointmentsDb(platform.ctx.db).selectFrom('appointment_bookings').selectAll().where('id', '=', id).executeTakeFirstOrThrow());

describe('the staff area of the appointments', () => {
  it('lists only the places of the clerk’s own office, and keeps visitors and other staff out', async () => {
    const list = await clerk.client.get('/verwaltung/termine');
    expect(list.status).toBe(200);
    expect(list.body).toContain('Bürgerbüro Markt');
    expect(list.body).not.toContain('Bürgerbüro Nord');
    expect((await new FormClient(platform.app).get('/verwaltung/termine')).status).toBe(303);
    expect((await stranger.client.get(base())).status).toBe(404);
    expect((await stranger.client.get(`${base()}/warteschlange`)).status).toBe(404);
    expect((await stranger.client.get(`${base()}/telefon`)).status).toBe(404);
  });

  it('shows a day per counter: time, reference, name, services, persons, channel, status and stated needs, and records the view', async () => {
    const booking = await buildBooking(platform.ctx, place, new Date('2030-03-05T08:00:00Z'), { name: 'Hanna Hilfe', needs: ['interpreter', 'step-free'], needsNote: 'Arabisch' });
    const before = await auditCount(platform.ctx, 'appointments.day-viewed', clerk.userId);
    const day = await clerk.client.get(`${base()}?tag=2030-03-05`);
    expect(day.status).toBe(200);
    expect(day.body).toContain('Dienstag, 5. März 2030');
    expect(day.body).toContain(booking.reference);
    expect(day.body).toContain('Hanna Hilfe');
    expect(day.body).toContain('Personalausweis beantragen (2 Personen)');
    expect(day.body).toContain('09:00</time>–09:15');
    expect(day.body).toContain('Dolmetschen');
    expect(day.body).toContain('Stufenloser Zugang');
    expect(day.body).toContain('Arabisch');
    expect(day.body).toMatch(/<th scope="col">Terminnummer<\/th>/);
    expect(day.body).toContain('href="/verwaltung/termine/' + place.location.id + '?tag=2030-03-04"');
    expect(day.body).toContain('name="_csrf"');
    expect(await auditCount(platform.ctx, 'appointments.day-viewed', clerk.userId)).toBe(before + 1);
    expect(await htmlProblems(`${base()}?tag=2030-03-05`, day.body)).toEqual([]);
  });

  it('says a malformed day at its field', async () => {
    const day = await clerk.client.get(`${base()}?tag=31.02.2030`);
    expect(day.status).toBe(400);
    expect(day.body).toContain('Der Februar 2030 hat 28 Tage');
  });

  it('moves a booking booked → arrived → served with the times, and refuses steps out of order', async () => {
    const booking = await buildBooking(platform.ctx, place, new Date('2030-03-05T09:00:00Z'));
    await clerk.client.get(`${base()}?tag=2030-03-05`);
    const served = await clerk.client.post(`${base()}/buchungen/${booking.id}/erledigt?tag=2030-03-05`, {});
    expect(served.status).toBe(409);
    expect(served.body).toContain('Dieser Schritt passt nicht zum Stand des Termins');
    const arrived = await clerk.client.post(`${base()}/buchungen/${booking.id}/angekommen?tag=2030-03-05`, {});
    expect(arrived.status).toBe(303);
    expect(arrived.location).toBe(`${base()}?tag=2030-03-05&notice=arrived`);
    expect((await statusOf(booking.id)).status).toBe('arrived');
    expect((await statusOf(booking.id)).arrived_at).toBeInstanceOf(Date);
    await clerk.client.get(`${base()}?tag=2030-03-05`);
    expect((await clerk.client.post(`${base()}/buchungen/${booking.id}/erledigt?tag=2030-03-05`, {})).status).toBe(303);
    const done = await statusOf(booking.id);
    expect(done.status).toBe('served');
    expect(done.served_at).toBeInstanceOf(Date);
    // Served without a call at the display: no call time is made up, so the waiting-time figure leaves it out.
    expect(done.called_at).toBeNull();
    expect(await auditCount(platform.ctx, 'appointments.booking-served', clerk.userId)).toBe(1);
  });

  it('notes a no-show only once the time has begun, and a clerk of another office cannot touch the booking', async () => {
    const later = await buildBooking(platform.ctx, place, new Date('2030-03-05T10:00:00Z'));
    await clerk.client.get(`${base()}?tag=2030-03-05`);
    const early = await clerk.client.post(`${base()}/buchungen/${later.id}/nicht-erschienen`, {});
    expect(early.status).toBe(409);
    expect(early.body).toContain('erst vermerken, wenn die Zeit des Termins begonnen hat');
    const past = await buildBooking(platform.ctx, place, new Date('2024-03-05T10:00:00Z'));
    await stranger.client.get('/verwaltung/termine');
    expect((await stranger.client.post(`${base()}/buchungen/${past.id}/nicht-erschienen`, {})).status).toBe(404);
    expect((await statusOf(past.id)).status).toBe('booked');
    await clerk.client.get(`${base()}?tag=2024-03-05`);
    expect((await clerk.client.post(`${base()}/buchungen/${past.id}/nicht-erschienen`, {})).status).toBe(303);
    expect((await statusOf(past.id)).status).toBe('no_show');
  });

  it('refuses a post without the form token', async () => {
    const booking = await buildBooking(platform.ctx, place, new Date('2030-03-05T10:30:00Z'));
    const forged = await clerk.client.post(`${base()}/buchungen/${booking.id}/angekommen`, { _csrf: 'falsch' });
    expect(forged.status).toBe(403);
    expect((await statusOf(booking.id)).status).toBe('booked');
  });
});

describe('blocking times', () => {
  it('refuses a block over booked appointments, naming them, and cancels nothing', async () => {
    const booking = await buildBooking(platform.ctx, place, new Date('2030-03-06T08:00:00Z'));
    await clerk.client.get(`${base()}?tag=2030-03-06`);
    const refused = await clerk.client.post(`${base()}/sperren`, { day: '06.03.2030', from: '08:30', to: '10:00', counter: '', reason: 'Teambesprechung' });
    expect(refused.status).toBe(409);
    expect(refused.body).toContain('1 gebuchter Termin liegt darin');
    expect(refused.body).toContain(booking.reference);
    expect((await statusOf(booking.id)).status).toBe('booked');
    const blocks = await appointmentsDb(platform.ctx.db).selectFrom('appointment_blocks').selectAll().where('location_id', '=', place.location.id).execute();
    expect(blocks).toHaveLength(0);
  });

  it('blocks one counter beside a booking on the other, shows it on the day and gives it back', async () => {
    await buildBooking(platform.ctx, place, new Date('2030-03-07T08:00:00Z'), { counter: 0 });
    await clerk.client.get(`${base()}?tag=2030-03-07`);
    const blocked = await clerk.client.post(`${base()}/sperren`, { day: '07.03.2030', from: '8:30', to: '10', counter: place.counters[1]!.id, reason: 'Fortbildung' });
    expect(blocked.status).toBe(303);
    const day = await clerk.client.get(blocked.location!);
    expect(day.body).toContain('Die Zeit ist gesperrt.');
    expect(day.body).toContain('Fortbildung');
    expect(day.body).toContain('08:30–10:00');
    const block = await appointmentsDb(platform.ctx.db).selectFrom('appointment_blocks').selectAll().where('location_id', '=', place.location.id).executeTakeFirstOrThrow();
    expect(block.counter_id).toBe(place.counters[1]!.id);
    expect(block.starts_at).toEqual(new Date('2030-03-07T07:30:00Z'));
    expect(await auditCount(platform.ctx, 'appointments.time-blocked', clerk.userId)).toBe(1);

    await stranger.client.get('/verwaltung/termine');
    expect((await stranger.client.post(`${base()}/sperren/${block.id}/aufheben`, {})).status).toBe(404);
    expect((await clerk.client.post(`${base()}/sperren/${block.id}/aufheben?tag=2030-03-07`, {})).status).toBe(303);
    expect(await appointmentsDb(platform.ctx.db).selectFrom('appointment_blocks').selectAll().where('id', '=', block.id).execute()).toHaveLength(0);
  });

  it('says bad times at their fields', async () => {
    await clerk.client.get(`${base()}?tag=2030-03-07`);
    const backwards = await clerk.client.post(`${base()}/sperren`, { day: '07.03.2030', from: '11:00', to: '10:00', counter: '' });
    expect(backwards.status).toBe(422);
    expect(backwards.body).toContain('„Bis“ muss nach „Von“ liegen.');
    const missing = await clerk.client.post(`${base()}/sperren`, { day: '', from: 'abc', to: '10:00', counter: '' });
    expect(missing.status).toBe(422);
    const foreignCounter = await clerk.client.post(`${base()}/sperren`, { day: '07.03.2030', from: '10:00', to: '11:00', counter: other.counters[0]!.id });
    expect(foreignCounter.status).toBe(422);
    expect(foreignCounter.body).toContain('Bitte wählen Sie einen Schalter dieses Orts.');
  });
});
