import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInBerlin } from '#kernel/calendar.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { berlinIso } from './routes.api.ts';
import { buildHold, buildLocation, holdAt } from './test/builders.ts';

let platform: TestPlatform;
let placeId: string;
let counterIds: string[];
beforeAll(async () => {
  platform = await createTestPlatform();
  // Open every day from 8 to 10, one counter, 15-minute slots; Schalter 1 serves both services.
  const { location, counters } = await buildLocation(platform.ctx, { name: 'API-Bürgerbüro', services: ['personalausweis', 'reisepass'], hours: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens: '08:00', closes: '10:00' })) });
  placeId = location.id;
  counterIds = counters.map((counter) => counter.id);
});
afterAll(async () => {
  await platform.close();
});

const get = async <T>(url: string) => {
  const response = await platform.app.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.json<T>(), headers: response.headers };
};

interface Problem {
  type: string;
  status: number;
  detail: string;
}

const tomorrow = () => addDays(todayInBerlin(), 1);

describe('instants in Berlin time', () => {
  it('carry the offset of their day, winter and summer', () => {
    expect(berlinIso(new Date('2027-03-02T08:00:00Z'))).toBe('2027-03-02T09:00:00+01:00');
    expect(berlinIso(new Date('2027-07-01T06:30:00Z'))).toBe('2027-07-01T08:30:00+02:00');
    // The night the clocks go forward: 01:59 winter time, then 03:00 summer time.
    expect(berlinIso(new Date('2027-03-28T00:59:00Z'))).toBe('2027-03-28T01:59:00+01:00');
    expect(berlinIso(new Date('2027-03-28T01:00:00Z'))).toBe('2027-03-28T03:00:00+02:00');
  });
});

describe('the appointment API', () => {
  it('lists the places that take bookings, with their services and booking links', async () => {
    const response = await get<{ items: { id: string; name: string; kind: string; services: { slug: string; minutesPerPerson: number; bookingUrl: string }[] }[] }>('/api/v1/termine/orte');
    expect(response.status).toBe(200);
    const place = response.body.items.find((item) => item.id === placeId);
    expect(place).toMatchObject({ name: 'API-Bürgerbüro', kind: 'counter' });
    expect(place!.services).toEqual([
      expect.objectContaining({ slug: 'personalausweis', minutesPerPerson: 15, bookingUrl: 'http://localhost:3000/termine/buchen?leistung=personalausweis' }),
      expect.objectContaining({ slug: 'reisepass', minutesPerPerson: 15 }),
    ]);
  });

  it('answers free times per day as Berlin instants, for services and persons together', async () => {
    const day = tomorrow();
    const response = await get<{ durationMinutes: number; days: { date: string; slots: { start: string; end: string }[] }[] }>(
      `/api/v1/termine/orte/${placeId}/freie-zeiten?leistung=personalausweis&personen=2&leistung=reisepass&personen=1&von=${day}&bis=${addDays(day, 6)}`,
    );
    expect(response.status).toBe(200);
    expect(response.body.durationMinutes).toBe(45);
    expect(response.body.days.map((one) => one.date)).toEqual([0, 1, 2, 3, 4, 5, 6].map((offset) => addDays(day, offset)));
    const open = response.body.days.find((one) => one.slots.length > 0)!;
    // 8:00 to 10:00 on the grid of 15 minutes, each visit 45 minutes long: 8:00 … 9:15.
    expect(open.slots).toHaveLength(6);
    expect(open.slots[0]!.start).toMatch(new RegExp(`^${open.date}T08:00:00\\+0[12]:00$`));
    expect(open.slots[0]!.end).toMatch(new RegExp(`^${open.date}T08:45:00\\+0[12]:00$`));

    // A booking at 8:00 on that day takes the times that would overlap it.
    await buildHold(platform.ctx, counterIds, holdAt(placeId, new Date(open.slots[0]!.start), 15));
    const after = await get<{ days: { date: string; slots: { start: string }[] }[] }>(
      `/api/v1/termine/orte/${placeId}/freie-zeiten?leistung=personalausweis&personen=2&leistung=reisepass&personen=1&von=${open.date}&bis=${open.date}`,
    );
    expect(after.body.days[0]!.slots[0]!.start).toMatch(new RegExp(`^${open.date}T08:15:00\\+0[12]:00$`));
  });

  it('names the next days with a free time, each with its first', async () => {
    const response = await get<{ days: { date: string; free: number; first: { start: string } }[] }>(`/api/v1/termine/orte/${placeId}/naechste-freie-tage?leistung=personalausweis&anzahl=3`);
    expect(response.status).toBe(200);
    expect(response.body.days).toHaveLength(3);
    const [first, second] = response.body.days;
    expect(first!.date < second!.date).toBe(true);
    expect(first!.first.start).toMatch(/T\d\d:\d\d:00\+0[12]:00$/);
  });

  it('answers an unknown place with 404 and problem details in German', async () => {
    const response = await get<Problem>('/api/v1/termine/orte/00000000-0000-4000-8000-000000000000/freie-zeiten?leistung=personalausweis');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.body.detail).toBe('Diesen Ort für Termine gibt es nicht, oder er nimmt zurzeit keine Buchungen an.');
    expect((await get<Problem>('/api/v1/termine/orte/kein-ort/naechste-freie-tage?leistung=personalausweis')).status).toBe(400);
  });

  it('refuses a service the place does not offer, and persons it cannot take, with 422', async () => {
    const unknown = await get<Problem>(`/api/v1/termine/orte/${placeId}/freie-zeiten?leistung=fuehrerschein`);
    expect(unknown.status).toBe(422);
    expect(unknown.body.detail).toBe('Die Leistung „fuehrerschein“ wird an diesem Ort nicht angeboten.');
    expect(unknown.body.type).toBe('http://localhost:3000/api/problems/appointments/unknown-service');
    const none = await get<Problem>(`/api/v1/termine/orte/${placeId}/naechste-freie-tage?leistung=personalausweis&personen=0`);
    expect(none.status).toBe(422);
    expect(none.body.detail).toBe('Für die Leistung „personalausweis“ muss mindestens eine Person kommen; angegeben sind 0.');
    const eleven = await get<Problem>(`/api/v1/termine/orte/${placeId}/freie-zeiten?leistung=personalausweis&personen=11`);
    expect(eleven.status).toBe(422);
    expect(eleven.body.detail).toBe('Für die Leistung „personalausweis“ können höchstens 6 Personen zusammen einen Termin buchen; angegeben sind 11.');
    const mismatch = await get<Problem>(`/api/v1/termine/orte/${placeId}/freie-zeiten?leistung=personalausweis&leistung=reisepass&personen=2`);
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.detail).toContain('„personen“ für jede „leistung“ genau einmal');
  });

  it('refuses malformed days, days that do not exist, reversed ranges and ranges over 90 days', async () => {
    const malformed = await get<Problem>(`/api/v1/termine/orte/${placeId}/freie-zeiten?leistung=personalausweis&von=3.12.2026`);
    expect(malformed.status).toBe(400);
    expect(malformed.body.detail).toBe('„von“ enthält unzulässige Zeichen oder hat nicht das erwartete Format.');
    const impossible = await get<Problem>(`/api/v1/termine/orte/${placeId}/freie-zeiten?leistung=personalausweis&von=2027-02-31`);
    expect(impossible.status).toBe(422);
    expect(impossible.body.detail).toBe('„2027-02-31“ ist kein Kalendertag.');
    const reversed = await get<Problem>(`/api/v1/termine/orte/${placeId}/freie-zeiten?leistung=personalausweis&von=2027-03-10&bis=2027-03-01`);
    expect(reversed.status).toBe(422);
    expect(reversed.body.detail).toBe('„bis“ darf nicht vor „von“ liegen.');
    const long = await get<Problem>(`/api/v1/termine/orte/${placeId}/freie-zeiten?leistung=personalausweis&von=2027-01-01&bis=2027-04-01`);
    expect(long.status).toBe(422);
    expect(long.body.detail).toBe('Der Zeitraum von „von“ bis „bis“ darf höchstens 90 Tage umfassen.');
    expect((await get(`/api/v1/termine/orte/${placeId}/freie-zeiten?leistung=personalausweis&von=2027-01-01&bis=2027-03-31`)).status).toBe(200);
    const english = await get<Problem>(`/api/v1/termine/orte/${placeId}/freie-zeiten?leistung=personalausweis&von=2027-03-10&bis=2027-03-01&lang=en`);
    expect(english.body.detail).toBe('“bis” must not be before “von”.');
  });

  it('is described in the OpenAPI document with its refusals', async () => {
    const { body } = await get<{ paths: Record<string, { get: { responses: Record<string, unknown>; parameters?: { name: string }[] } }> }>('/api/openapi.json');
    expect(Object.keys(body.paths['/api/v1/termine/orte/{placeId}/freie-zeiten']!.get.responses)).toEqual(['200', '400', '404', '422', '429']);
    expect(body.paths['/api/v1/termine/orte/{placeId}/freie-zeiten']!.get.parameters!.map((parameter) => parameter.name)).toEqual(expect.arrayContaining(['leistung', 'personen', 'von', 'bis', 'placeId']));
    expect(body.paths['/api/v1/termine/orte/{placeId}/naechste-freie-tage']).toBeDefined();
    expect(body.paths['/api/v1/termine/orte']).toBeDefined();
  });
});
