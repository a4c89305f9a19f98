import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { seedStreets } from './seed/index.ts';
import { buildStreet } from './test/builders.ts';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await createTestPlatform();
  await seedStreets(platform.ctx);
  await buildStreet(platform.ctx.db, { name: 'Kölner Tor', parkingZone: 'B', latitude: 51.0779, longitude: 6.3219 });
});
afterAll(async () => {
  await platform.close();
});

let addresses = 0;
async function get(url: string, remoteAddress = `203.0.113.${(addresses += 1)}`) {
  const response = await platform.app.inject({ method: 'GET', url, remoteAddress });
  return { status: response.statusCode, body: response.json<Record<string, unknown>>(), headers: response.headers };
}

describe('street suggestions as JSON', () => {
  it('suggests the streets starting with what was typed, then those containing it, with district, zone and coordinates', async () => {
    const { status, body, headers } = await get(`/api/strassen?q=${encodeURIComponent('kölner')}`);
    expect(status).toBe(200);
    expect(headers['content-type']).toBe('application/json; charset=utf-8');
    expect(body).toEqual({
      items: [
        { name: 'Kölner Straße', postcode: '41812', district: 'Erkelenz', parkingZone: 'B', latitude: null, longitude: null },
        { name: 'Kölner Tor', postcode: '41812', district: 'Erkelenz', parkingZone: 'B', latitude: 51.0779, longitude: 6.3219 },
      ],
    });
    const containing = await get('/api/strassen?q=promenade&limit=2');
    expect(containing.body).toMatchObject({ items: [{ name: 'Nordpromenade' }, { name: 'Ostpromenade' }] });
  });

  it('answers nothing typed, or nothing found, with an empty list', async () => {
    expect(await get('/api/strassen')).toMatchObject({ status: 200, body: { items: [] } });
    expect(await get('/api/strassen?q=')).toMatchObject({ status: 200, body: { items: [] } });
    expect(await get('/api/strassen?q=Champs-%C3%89lys%C3%A9es')).toMatchObject({ status: 200, body: { items: [] } });
  });

  it('refuses an over-long query or limit with problem details naming the parameter, in German and English', async () => {
    const response = await get(`/api/strassen?q=${'a'.repeat(101)}`);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.body).toEqual({
      type: 'http://localhost:3000/api/problems/validation',
      title: 'Die Anfrage konnte nicht verarbeitet werden',
      status: 400,
      detail: '„q“ darf höchstens 100 Zeichen lang sein.',
      instance: '/api/strassen',
      errors: [{ detail: '„q“ darf höchstens 100 Zeichen lang sein.', parameter: 'q' }],
    });
    expect((await get(`/api/strassen?q=${'a'.repeat(101)}&lang=en`)).body.detail).toBe('“q” must be at most 100 characters long.');
    expect(await get('/api/strassen?q=markt&limit=51')).toMatchObject({ status: 400, body: { errors: [{ parameter: 'limit' }] } });
    expect(await get('/api/strassen?q=markt&q=burg')).toMatchObject({ status: 400 });
  });

  it('limits how often one address may ask', async () => {
    const address = '198.51.100.77';
    for (let request = 0; request < 120; request += 1) expect((await get('/api/strassen?q=markt', address)).status).toBe(200);
    const refused = await get('/api/strassen?q=markt', address);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect((await get('/api/strassen?q=markt')).status).toBe(200);
  });

  it('is described in the OpenAPI document with its answers', async () => {
    const { body } = await get('/api/openapi.json');
    const paths = body.paths as Record<string, { get: { responses: Record<string, unknown>; parameters: { name: string }[] } }>;
    expect(Object.keys(paths['/api/strassen']!.get.responses)).toEqual(['200', '400', '429']);
    expect(paths['/api/strassen']!.get.parameters.map((parameter) => parameter.name)).toEqual(['q', 'limit']);
  });
});
