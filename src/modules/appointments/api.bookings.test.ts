import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listStoredSms, smsDirectory } from '#kernel/sms.ts';
import { buildService } from '#modules/catalog/test/builders.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { freeSlots } from './calendar/index.ts';
import { placeCalendar } from './service.calendar.ts';
import { buildLocation } from './test/builders.ts';

let platform: TestPlatform;
let placeId: string;
const slug = `pass-${Date.now().toString(36)}`;

beforeAll(async () => {
  platform = await createTestPlatform();
  await buildService(platform.ctx, { slug, title: 'Reisepass beantragen' });
  const hours = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens: '00:00', closes: '23:55' }));
  ({
    location: { id: placeId },
  } = await buildLocation(platform.ctx, { services: [slug], hours }));
}, 60_000);
afterAll(() => platform.close());

async function freeStarts(): Promise<string[]> {
  const calendar = await placeCalendar(platform.ctx, placeId);
  const free = freeSlots(calendar!.query([{ serviceId: slug, persons: 1 }]));
  if (!free.ok) throw new Error('no free slots');
  return free.days.flatMap((day) => day.slots.map((slot) => slot.start.toISOString()));
}

let callers = 0;
/** Each call from an address of its own: the hold's rate limit is per client, and this is not what is tested here. */
const json = (method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown, key?: string) =>
  platform.app.inject({ method, url, remoteAddress: `203.0.113.${(callers += 1) % 250}`, ...(body === undefined ? {} : { payload: body as object }), headers: { ...(key ? { 'booking-key': key } : {}), 'accept-language': 'de' } });

describe('the booking API', () => {
  it('holds a time, takes the details, books with the SMS code, and cancels with the key alone', async () => {
    const [start] = await freeStarts();
    const held = await json('POST', '/api/v1/termine/reservierungen', { place: placeId, services: [{ service: slug, persons: 1 }], start });
    expect(held.statusCode).toBe(201);
    const { id, key, status, heldUntil } = held.json<{ id: string; key: string; status: string; heldUntil: string }>();
    expect(status).toBe('held');
    expect(Date.parse(heldUntil)).toBeGreaterThan(Date.now());

    // Without the key the booking is not there.
    expect((await json('GET', `/api/v1/termine/buchungen/${id}`, undefined, 'x'.repeat(32))).statusCode).toBe(404);

    const noPhone = await json('POST', `/api/v1/termine/buchungen/${id}/angaben`, { name: 'Ali App', confirmBy: 'sms' }, key);
    expect(noPhone.statusCode).toBe(422);
    expect(noPhone.json<{ errors: { detail: string; pointer: string }[] }>().errors).toEqual([{ pointer: '#/phone', detail: expect.stringContaining('Handynummer') as string }]);

    const given = await json('POST', `/api/v1/termine/buchungen/${id}/angaben`, { name: 'Ali App', confirmBy: 'sms', phone: '0171 5550001' }, key);
    expect(given.statusCode).toBe(200);
    expect(given.json<{ status: string }>().status).toBe('confirming');
    const sms = (await listStoredSms(smsDirectory(platform.ctx.config.DATA_DIR))).filter((message) => message.to === '+491715550001').at(-1)!;
    const code = /(\d{6})/.exec(sms.text)![1]!;
    const wrong = await json('POST', `/api/v1/termine/buchungen/${id}/code`, { code: code === '123456' ? '654321' : '123456' }, key);
    expect(wrong.statusCode).toBe(422);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    const booked = await json('POST', `/api/v1/termine/buchungen/${id}/code`, { code }, key);
    expect(booked.statusCode).toBe(200);
    expect(booked.json<{ status: string; heldUntil: string | null }>()).toMatchObject({ status: 'booked', heldUntil: null });

    const cancelled = await json('DELETE', `/api/v1/termine/buchungen/${id}`, undefined, key);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json<{ status: string }>().status).toBe('cancelled');
    expect(await freeStarts()).toContain(start);
  });

  it('refuses a taken time with 409, a time in the past with 409, an unknown place with 404 and a malformed body with 400', async () => {
    const [, start] = await freeStarts();
    const body = { place: placeId, services: [{ service: slug, persons: 1 }], start };
    expect((await json('POST', '/api/v1/termine/reservierungen', body)).statusCode).toBe(201);
    const taken = await json('POST', '/api/v1/termine/reservierungen', body);
    expect(taken.statusCode).toBe(409);
    expect(taken.json<{ detail: string }>().detail).toMatch(/nicht \(mehr\) frei|gerade jemand anderes/);
    const past = await json('POST', '/api/v1/termine/reservierungen', { ...body, start: '2020-01-06T08:00:00Z' });
    expect(past.statusCode).toBe(409);
    expect(past.json<{ detail: string }>().detail).toContain('Vergangenheit');
    expect((await json('POST', '/api/v1/termine/reservierungen', { ...body, place: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
    expect((await json('POST', '/api/v1/termine/reservierungen', { ...body, services: [] })).statusCode).toBe(400);
    const unknownService = await json('POST', '/api/v1/termine/reservierungen', { ...body, services: [{ service: 'gibt-es-nicht', persons: 1 }] });
    expect(unknownService.statusCode).toBe(422);
  });

  it('is described in the OpenAPI document', async () => {
    const document = (await platform.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/termine/reservierungen', '/api/v1/termine/buchungen/{bookingId}', '/api/v1/termine/buchungen/{bookingId}/angaben', '/api/v1/termine/buchungen/{bookingId}/code']));
  });
});
