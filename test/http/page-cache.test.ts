import zlib from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemActor } from '#kernel/auth/actor.ts';
import { buildCitizen } from '#modules/accounts/test/builders.ts';
import { publishEntry, unpublishEntry } from '#modules/catalog/service.publishing.ts';
import { buildService } from '#modules/catalog/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';

/*
 * Public pages come from memory for visitors without a session, and never outlive what they were made
 * from: a publication, a withdrawal or the end of the minute makes the next visitor get a new page.
 */

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});
afterEach(() => {
  vi.useRealTimers();
});

const get = (url: string, headers: Record<string, string> = {}) => platform.app.inject({ method: 'GET', url, headers });
const cacheOf = (response: { headers: Record<string, string | string[] | number | undefined> }) => /cache;desc="(\w+)"/.exec(String(response.headers['server-timing']))?.[1];

async function changeTitle(entryId: string, title: string, on: TestPlatform = platform): Promise<void> {
  await sql`update catalog_entries set draft = jsonb_set(draft, '{title}', to_jsonb(${title}::text)), revision = revision + 1 where id = ${entryId}`.execute(on.ctx.db);
  const result = await publishEntry(on.ctx, systemActor('test'), entryId);
  expect(result.ok).toBe(true);
}

describe('the page cache', () => {
  it('renders a public page once and serves the same bytes from memory, with validators and a short shared lifetime', async () => {
    const service = await buildService(platform.ctx, { title: 'Zwischenspeicher-Probe Eins' });
    const url = `/leistungen/${service.slug}`;
    const first = await get(url);
    const second = await get(url);
    expect(first.statusCode).toBe(200);
    expect(cacheOf(first)).toBe('miss');
    expect(cacheOf(second)).toBe('hit');
    expect(second.body).toBe(first.body);
    expect(first.headers['server-timing']).toMatch(/render;dur=\d/);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers.etag).toMatch(/^W\/"[\w-]{27}"$/);
    expect(second.headers['last-modified']).toBe(first.headers['last-modified']);
    const maxAge = Number(/s-maxage=(\d+)/.exec(String(second.headers['cache-control']))?.[1]);
    expect(second.headers['cache-control']).toMatch(/^public, max-age=0, s-maxage=\d+$/);
    expect(maxAge).toBeGreaterThanOrEqual(1);
    expect(maxAge).toBeLessThanOrEqual(60);
    expect(second.headers.vary).toBe('Accept-Encoding, Cookie');
  });

  it('answers 304 without a body to a client that has the page, by tag or by date', async () => {
    const service = await buildService(platform.ctx, { title: 'Zwischenspeicher-Probe Zwei' });
    const url = `/leistungen/${service.slug}`;
    const page = await get(url);
    const byTag = await get(url, { 'if-none-match': String(page.headers.etag) });
    expect(byTag.statusCode).toBe(304);
    expect(byTag.body).toBe('');
    expect(byTag.headers.etag).toBe(page.headers.etag);
    const byDate = await get(url, { 'if-modified-since': String(page.headers['last-modified']) });
    expect(byDate.statusCode).toBe(304);
    // A tag that does not match decides, whatever the date says.
    const otherTag = await get(url, { 'if-none-match': 'W/"something-else"', 'if-modified-since': String(page.headers['last-modified']) });
    expect(otherTag.statusCode).toBe(200);
    expect(otherTag.body).toBe(page.body);
  });

  it('sends brotli or gzip as the client accepts, the same page once decompressed', async () => {
    const service = await buildService(platform.ctx, { title: 'Zwischenspeicher-Probe Drei' });
    const url = `/leistungen/${service.slug}`;
    const plain = await get(url);
    const br = await get(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    const gzip = await get(url, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.rawPayload).toString()).toBe(plain.body);
    const brAgain = await get(url, { 'accept-encoding': 'br' });
    expect(cacheOf(brAgain)).toBe('hit');
    expect(Buffer.compare(brAgain.rawPayload, br.rawPayload)).toBe(0);
    expect((await get(url, { 'accept-encoding': 'br;q=0, gzip;q=0' })).headers['content-encoding']).toBeUndefined();
  });

  it('never serves a page older than the last publication or withdrawal', async () => {
    const service = await buildService(platform.ctx, { title: 'Zwischenspeicher-Probe Vier' });
    const url = `/leistungen/${service.slug}`;
    await get(url);
    expect(cacheOf(await get(url))).toBe('hit');
    expect((await get('/leistungen')).body).toContain('Zwischenspeicher-Probe Vier');

    await changeTitle(service.id, 'Zwischenspeicher-Probe Vier, neu gefasst');
    const after = await get(url);
    expect(cacheOf(after)).toBe('miss');
    expect(after.body).toContain('Zwischenspeicher-Probe Vier, neu gefasst');
    // Every page made from the catalogue follows, the A–Z list and the home page included.
    expect((await get('/leistungen')).body).toContain('Zwischenspeicher-Probe Vier, neu gefasst');

    const withdrawn = await unpublishEntry(platform.ctx, systemActor('test'), service.id);
    expect(withdrawn.ok).toBe(true);
    expect((await get(url)).statusCode).toBe(404);
    expect((await get('/leistungen')).body).not.toContain('Zwischenspeicher-Probe Vier');
  });

  it('hears of a change made outside the catalogue’s services as well, in the same moment', async () => {
    const service = await buildService(platform.ctx, { title: 'Zwischenspeicher-Probe Fünf' });
    const url = `/leistungen/${service.slug}`;
    await get(url);
    await sql`update catalog_entries set published = jsonb_set(published, '{summary}', '"Direkt geändert."') where id = ${service.id}`.execute(platform.ctx.db);
    expect((await get(url)).body).toContain('Direkt geändert.');
  });

  it('keeps a page no longer than its minute, since opening hours say "open now"', async () => {
    const service = await buildService(platform.ctx, { title: 'Zwischenspeicher-Probe Sechs' });
    const url = `/leistungen/${service.slug}`;
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-02T09:15:10Z') });
    expect(cacheOf(await get(url))).toBe('miss');
    vi.setSystemTime(new Date('2026-12-02T09:15:58Z'));
    const late = await get(url);
    expect(cacheOf(late)).toBe('hit');
    expect(late.headers['cache-control']).toBe('public, max-age=0, s-maxage=2');
    vi.setSystemTime(new Date('2026-12-02T09:16:00Z'));
    expect(cacheOf(await get(url))).toBe('miss');
  });

  it('keeps the languages apart', async () => {
    const service = await buildService(platform.ctx, { title: 'Zwischenspeicher-Probe Sieben' });
    const url = `/leistungen/${service.slug}`;
    const german = await get(url);
    const english = await get(url, { cookie: 'lang=en' });
    expect(german.body).toContain('<html lang="de"');
    expect(english.body).toContain('<html lang="en"');
    expect(cacheOf(await get(url, { cookie: 'lang=en' }))).toBe('hit');
    expect((await get(url, { cookie: 'lang=en' })).body).toBe(english.body);
    expect((await get(url)).body).toBe(german.body);
  });

  it('neither serves nor keeps pages of signed-in people, and counts hits, misses and render time in the metrics', async () => {
    const service = await buildService(platform.ctx, { title: 'Zwischenspeicher-Probe Acht' });
    const url = `/leistungen/${service.slug}`;
    await get(url);
    const citizen = await buildCitizen(platform.ctx, { display_name: 'Jorinde Zwischenspeicher' });
    const client = new FormClient(platform.app);
    await client.get('/anmelden');
    expect((await client.post('/anmelden', { email: citizen.user.email!, password: citizen.password })).status).toBe(303);
    const signedIn = await client.get(url);
    expect(signedIn.body).toContain('Jorinde Zwischenspeicher');
    expect(signedIn.headers['cache-control']).toBe('no-store');
    expect(signedIn.headers.etag).toBeUndefined();
    const visitor = await get(url);
    expect(cacheOf(visitor)).toBe('hit');
    expect(visitor.body).not.toContain('Jorinde Zwischenspeicher');

    const metrics = (await get('/metrics')).body;
    expect(Number(/page_cache_lookups_total\{result="hit"\} (\d+)/.exec(metrics)?.[1])).toBeGreaterThan(0);
    expect(Number(/page_cache_lookups_total\{result="miss"\} (\d+)/.exec(metrics)?.[1])).toBeGreaterThan(0);
    expect(Number(/page_cache_lookups_total\{result="bypass"\} (\d+)/.exec(metrics)?.[1])).toBeGreaterThan(0);
    expect(Number(/page_cache_entries (\d+)/.exec(metrics)?.[1])).toBeGreaterThan(0);
    expect(metrics).toMatch(/page_render_seconds_count\{route="\/leistungen\/:slug"\} [1-9]/);
  });

  it('does not keep a page that carries a form token, nor a 404', async () => {
    const feedback = await get('/barrierefreiheit');
    expect(feedback.body).toContain('name="_csrf"');
    expect(cacheOf(await get('/barrierefreiheit'))).toBe('miss');
    await get('/leistungen/gibt-es-nicht');
    expect((await get('/leistungen/gibt-es-nicht')).statusCode).toBe(404);
  });
});

describe('static assets', () => {
  it('answer 304 to a client that has them and go out compressed to one that accepts it', async () => {
    for (const url of ['/assets/app.css', '/assets/kern/kern.min.css']) {
      const asset = await get(url);
      expect(asset.statusCode, url).toBe(200);
      expect(asset.headers.etag, url).toBeTruthy();
      expect(asset.headers['last-modified'], url).toBeTruthy();
      expect((await get(url, { 'if-none-match': String(asset.headers.etag) })).statusCode, url).toBe(304);
      expect((await get(url, { 'if-modified-since': String(asset.headers['last-modified']) })).statusCode, url).toBe(304);
      const compressed = await get(url, { 'accept-encoding': 'br' });
      expect(compressed.headers['content-encoding'], url).toBe('br');
      expect(zlib.brotliDecompressSync(compressed.rawPayload).toString(), url).toBe(asset.body);
    }
  });
});

describe('the page cache switched off', () => {
  it('renders every page anew, from published content read once per publication', async () => {
    const off = await createTestPlatform({ PAGE_CACHE: 'off' });
    try {
      const service = await buildService(off.ctx, { title: 'Zwischenspeicher-Probe Neun' });
      const url = `/leistungen/${service.slug}`;
      const first = await off.app.inject({ method: 'GET', url });
      const second = await off.app.inject({ method: 'GET', url });
      expect(second.body).toBe(first.body);
      for (const response of [first, second]) {
        expect(response.headers['server-timing']).toMatch(/render;dur=/);
        expect(response.headers['server-timing']).not.toMatch(/cache;/);
        expect(response.headers.etag).toBeUndefined();
      }
      await changeTitle(service.id, 'Zwischenspeicher-Probe Neun, neu gefasst', off);
      expect((await off.app.inject({ method: 'GET', url })).body).toContain('Zwischenspeicher-Probe Neun, neu gefasst');
      expect((await off.app.inject({ method: 'GET', url: '/leistungen' })).body).toContain('Zwischenspeicher-Probe Neun, neu gefasst');
    } finally {
      await off.close();
    }
  });
});
