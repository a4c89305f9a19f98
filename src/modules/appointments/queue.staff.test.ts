import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { berlinDay, todayInBerlin } from '#kernel/calendar.ts';
import { htmlProblems } from '#test/html-validity.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { staffDb } from './repo.staff.ts';
import { bookingLabel, queueOrder, type QueueEntry } from './service.staff-queue.ts';
import { auditCount, buildBooking, buildOfficePlace, clerkOf, type Clerk } from './test/staff.ts';

let platform: TestPlatform;
let place: Awaited<ReturnType<typeof buildOfficePlace>>;
let clerk: Clerk;
let stranger: Clerk;

// The queue is a day's queue in Berlin: a run that starts just before midnight waits for the new day.
const today = () => berlinDay(todayInBerlin());
const endOfToday = () => today().to.getTime();

beforeAll(async () => {
  if (endOfToday() - Date.now() < 3 * 60_000) await sleep(endOfToday() - Date.now() + 1000);
  platform = await createTestPlatform();
  place = await buildOfficePlace(platform.ctx, 'Bürgerbüro Warteraum');
  const other = await buildOfficePlace(platform.ctx, 'Bürgerbüro Fremd');
  clerk = await clerkOf(platform, place.office.id);
  stranger = await clerkOf(platform, other.office.id);
}, 5 * 60_000);
afterAll(async () => {
  await platform.close();
});

const base = () => `/verwaltung/termine/${place.location.id}`;
const minutes = (n: number) => new Date(Date.now() + n * 60_000);
// Minutes from now but still today in Berlin, so that near midnight a booking stays in today's queue.
const laterToday = (n: number) => new Date(Math.min(Date.now() + n * 60_000, endOfToday() - 60_000));
const earlierToday = (n: number) => new Date(Math.max(Date.now() - n * 60_000, today().from.getTime()));

describe('the order of the queue', () => {
  const entry = (id: string, since: string, startsAt: string | null): QueueEntry => ({ kind: startsAt ? 'booking' : 'ticket', id, label: id, since: new Date(since), startsAt: startsAt ? new Date(startsAt) : null, services: [] });
  it('calls booked people whose time has come first, by booked time, and everyone else by when they came', () => {
    const now = new Date('2030-03-05T09:00:00Z');
    const order = queueOrder(
      [
        entry('walk-in early', '2030-03-05T08:10:00Z', null),
        entry('booked later, came early', '2030-03-05T08:05:00Z', '2030-03-05T09:30:00Z'),
        entry('booked 9:00', '2030-03-05T08:55:00Z', '2030-03-05T09:00:00Z'),
        entry('booked 8:45', '2030-03-05T08:50:00Z', '2030-03-05T08:45:00Z'),
        entry('walk-in late', '2030-03-05T08:40:00Z', null),
      ],
      now,
    );
    expect(order.map((one) => one.id)).toEqual(['booked 8:45', 'booked 9:00', 'booked later, came early', 'walk-in early', 'walk-in late']);
  });
});

describe('waiting numbers, calling and the call display', () => {
  it('issues numbers, calls the head of one queue of booked and walk-in people at a counter, and shows only numbers on the display', async () => {
    await clerk.client.get(`${base()}/warteschlange`);
    const issued = await clerk.client.post(`${base()}/wartenummern`, { services: place.service.slug });
    expect(issued.status).toBe(303);
    expect((await clerk.client.follow(issued)).body).toContain('Wartenummer A 001 ausgegeben.');
    const early = await buildBooking(platform.ctx, place, laterToday(20), { counter: 1, status: 'arrived', arrivedAt: minutes(0), name: 'Frida Früh' });
    const due = await buildBooking(platform.ctx, place, earlierToday(5), { counter: 0, status: 'arrived', arrivedAt: minutes(0), name: 'Paul Pünktlich' });

    const queue = await clerk.client.get(`${base()}/warteschlange`);
    expect(queue.status).toBe(200);
    expect(await htmlProblems(`${base()}/warteschlange`, queue.body)).toEqual([]);
    const positions = [bookingLabel(due.reference), 'A 001', bookingLabel(early.reference)].map((label) => queue.body.indexOf(`>${label}</th>`));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);

    const counter = place.counters[1]!.id;
    const first = await clerk.client.post(`${base()}/aufrufen`, { counter });
    expect(first.status).toBe(303);
    expect((await clerk.client.follow(first)).body).toContain(`${bookingLabel(due.reference)} aufgerufen.`);
    const calledBooking = await staffDb(platform.ctx.db).selectFrom('appointment_bookings').selectAll().where('id', '=', due.id).executeTakeFirstOrThrow();
    expect(calledBooking.called_counter_id).toBe(counter);
    expect(calledBooking.called_at).toBeInstanceOf(Date);
    expect((await clerk.client.post(`${base()}/aufrufen`, { counter })).location).toContain('nummer=A%20001');
    const ticket = await staffDb(platform.ctx.db).selectFrom('appointment_tickets').selectAll().where('location_id', '=', place.location.id).executeTakeFirstOrThrow();
    expect(ticket).toMatchObject({ status: 'called', counter_id: counter, number: 1 });
    expect(ticket.called_at).toBeInstanceOf(Date);
    await clerk.client.get(`${base()}/warteschlange`);
    expect((await clerk.client.post(`${base()}/aufrufen`, { counter: place.counters[0]!.id })).status).toBe(303);
    await clerk.client.get(`${base()}/warteschlange`);
    const empty = await clerk.client.post(`${base()}/aufrufen`, { counter });
    expect(empty.status).toBe(409);
    expect(empty.body).toContain('Niemand wartet: Es gibt niemanden zum Aufrufen.');
    expect(await auditCount(platform.ctx, 'appointments.called', clerk.userId)).toBe(3);

    // A booked person called is marked served from the queue page, and leaves its list.
    const withCalled = await clerk.client.get(`${base()}/warteschlange`);
    expect(withCalled.body).toContain('Aufgerufen mit Termin');
    expect(await htmlProblems(`${base()}/warteschlange`, withCalled.body)).toEqual([]);
    const servedBooking = await clerk.client.post(`${base()}/buchungen/${due.id}/erledigt?zurueck=warteschlange`, {});
    expect(servedBooking.location).toBe(`${base()}/warteschlange?notice=booking-served&nummer=${encodeURIComponent(due.reference)}`);
    const dueNow = await staffDb(platform.ctx.db).selectFrom('appointment_bookings').select(['status', 'served_at']).where('id', '=', due.id).executeTakeFirstOrThrow();
    expect(dueNow.status).toBe('served');
    expect(dueNow.served_at).toBeInstanceOf(Date);

    const served = await clerk.client.post(`${base()}/wartenummern/${ticket.id}/erledigt`, {});
    expect(served.status).toBe(303);
    const closed = await staffDb(platform.ctx.db).selectFrom('appointment_tickets').select(['status', 'served_at']).where('id', '=', ticket.id).executeTakeFirstOrThrow();
    expect(closed.status).toBe('served');
    await clerk.client.get(`${base()}/warteschlange`);
    expect((await clerk.client.post(`${base()}/wartenummern/${ticket.id}/gegangen`, {})).status).toBe(409);

    const display = await new FormClient(platform.app).get(`/termine/anzeige/${place.location.id}`);
    expect(display.status).toBe(200);
    expect(await htmlProblems(`/termine/anzeige/${place.location.id}`, display.body)).toEqual([]);
    expect(display.body).toContain('A 001');
    expect(display.body).toContain(bookingLabel(due.reference));
    expect(display.body).toContain('Schalter 2');
    expect(display.body).toContain('Aktualisieren');
    expect(display.body).not.toContain('Paul Pünktlich');
    expect(display.body).not.toContain('Frida Früh');
    expect(display.body).not.toContain(due.reference);
    expect(display.body).not.toContain('http-equiv="refresh"');
    expect(display.body).toContain('aria-live="polite"');
    const island = /<script type="module" src="(\/assets\/islands\/appointments\.call-display-[^"]+\.js)"><\/script>/.exec(display.body)?.[1];
    expect(island).toBeDefined();
    const script = await platform.app.inject({ method: 'GET', url: island! });
    expect(script.statusCode).toBe(200);
    expect(script.body).toContain('EventSource');
  });

  it('sends the display’s state at once over server-sent events, with numbers and counters only', async () => {
    const response = await platform.app.inject({ method: 'GET', url: `/termine/anzeige/${place.location.id}/live`, payloadAsStream: true });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/event-stream');
    expect(String(response.headers['content-security-policy'])).toContain("connect-src 'self'");
    const stream = response.stream();
    const chunk = await new Promise<string>((resolve, reject) => {
      stream.once('data', (data: Buffer) => resolve(data.toString('utf8')));
      stream.once('error', reject);
    });
    stream.destroy();
    expect(chunk.startsWith('data: ')).toBe(true);
    const state = JSON.parse(chunk.slice('data: '.length).trim()) as { place: string; called: { label: string; counter: string }[]; waiting: number };
    expect(state.place).toBe('Bürgerbüro Warteraum');
    expect(state.called.map((call) => call.label)).toContain('A 001');
    expect(chunk).not.toContain('Pünktlich');
  });

  it('answers a place that does not exist with 404, on the display and for a clerk of another office', async () => {
    expect((await new FormClient(platform.app).get('/termine/anzeige/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await platform.app.inject({ method: 'GET', url: '/termine/anzeige/kein-ort/live' })).statusCode).toBe(404);
    await stranger.client.get('/verwaltung/termine');
    expect((await stranger.client.post(`${base()}/wartenummern`, { services: place.service.slug })).status).toBe(404);
    expect((await stranger.client.post(`${base()}/aufrufen`, { counter: place.counters[0]!.id })).status).toBe(404);
  });

  it('gives two counters calling at the same moment two different people', async () => {
    await clerk.client.get(`${base()}/warteschlange`);
    for (let n = 0; n < 2; n += 1) expect((await clerk.client.post(`${base()}/wartenummern`, { services: place.service.slug })).status).toBe(303);
    await clerk.client.get(`${base()}/warteschlange`);
    const calls = await Promise.all(place.counters.map((counter) => clerk.client.post(`${base()}/aufrufen`, { counter: counter.id })));
    expect(calls.map((call) => call.status)).toEqual([303, 303]);
    const labels = calls.map((call) => new URL(call.location!, 'http://x').searchParams.get('nummer'));
    expect(new Set(labels).size).toBe(2);
    const called = await staffDb(platform.ctx.db).selectFrom('appointment_tickets').select('counter_id').where('location_id', '=', place.location.id).where('status', '=', 'called').execute();
    expect(new Set(called.map((ticket) => ticket.counter_id))).toEqual(new Set(place.counters.map((counter) => counter.id)));
  });

  it('refuses a number for a service the place does not offer', async () => {
    await clerk.client.get(`${base()}/warteschlange`);
    const refused = await clerk.client.post(`${base()}/wartenummern`, { services: 'hundesteuer' });
    expect(refused.status).toBe(422);
    expect(refused.body).toContain('Bitte wählen Sie Anliegen, die dieser Ort anbietet.');
  });
});
