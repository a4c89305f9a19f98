import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCitizen, buildStaff, signInStaff } from '#modules/accounts/test/builders.ts';
import { catalogDb } from '#modules/catalog/repo.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';

/**
 * Throws malformed, oversized, missing and hostile values at every route the platform has, as a visitor
 * and as an administrator (past the CSRF check), and requires a 4xx or a proper page — never a 500.
 * Routes added later are covered automatically.
 */
let platform: TestPlatform;
let admin: FormClient;

beforeAll(async () => {
  platform = await createTestPlatform();
  const staff = await buildStaff(platform.ctx, [{ role: 'administrator' }]);
  admin = new FormClient(platform.app);
  await signInStaff(admin, staff);
});
afterAll(async () => {
  await platform.close();
});

const long = 'x'.repeat(20_000);
const hostileValues = ['', long, '\u0000', '<script>alert(1)</script>', "'; drop table users; --", '../../etc/passwd', '%00', '{{constructor}}', '-1', '1e309'];
const fieldNames = ['email', 'password', 'passwordRepeat', 'displayName', 'message', 'page', 'name', 'q', 'token', 'code', 'next', 'title', 'slug', 'roles', 'office', 'preferredChannel', 'language', 'postalCode', 'leikaKey', 'body', 'subject', 'purpose', 'status', 'confirm'];
const params = ['3f2504e0-4f89-11d3-9a0c-0305e82c3301', 'nicht-da', '%E0%A4%A', "'or'1'='1", long.slice(0, 300)];

function fill(url: string, value: string): string {
  return url.replace(/:[A-Za-z]+/g, encodeURIComponent(value)).replace('*', 'x');
}

function routes(method: string) {
  const seen = new Set<string>();
  return platform.app.routeTable.filter((route) => route.method === method && !seen.has(route.url) && seen.add(route.url));
}

describe('hostile input on every route', () => {
  it('reaches the routes as the administrator, so the checks below get past login and CSRF', async () => {
    expect((await admin.get('/verwaltung')).status).toBe(200);
    expect(routes('POST').length).toBeGreaterThan(10);
    expect(routes('GET').length).toBeGreaterThan(20);
  });

  it('GET routes answer hostile parameters and queries without a 500', async () => {
    const failures: string[] = [];
    for (const client of [new FormClient(platform.app), admin]) {
      for (const route of routes('GET')) {
        for (const value of params) {
          const query = new URLSearchParams(Object.fromEntries(fieldNames.map((name) => [name, value.slice(0, 500)]))).toString();
          const response = await client.get(`${fill(route.url, value)}?${query}`);
          if (response.status >= 500) failures.push(`GET ${route.url} (${value.slice(0, 20)}) → ${response.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('POST routes answer hostile forms and JSON without a 500', async () => {
    const failures: string[] = [];
    for (const route of routes('POST')) {
      for (const value of hostileValues) {
        const form = Object.fromEntries(fieldNames.map((name) => [name, value]));
        for (const client of [new FormClient(platform.app), admin]) {
          await client.get('/');
          const response = await client.post(fill(route.url, params[0]!), form);
          if (response.status >= 500) failures.push(`POST ${route.url} form (${value.slice(0, 20)}) → ${response.status}`);
        }
        const json = await platform.app.inject({
          method: 'POST',
          url: fill(route.url, params[1]!),
          payload: JSON.stringify({ ...Object.fromEntries(fieldNames.map((name) => [name, [value, { nested: value }]])), _csrf: admin.csrfToken() }),
          headers: { 'content-type': 'application/json', cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
        });
        if (json.statusCode >= 500) failures.push(`POST ${route.url} json (${value.slice(0, 20)}) → ${json.statusCode}`);
      }
      const broken = await platform.app.inject({ method: 'POST', url: fill(route.url, params[0]!), payload: '{"unterminated', headers: { 'content-type': 'application/json' } });
      if (broken.statusCode >= 500) failures.push(`POST ${route.url} broken json → ${broken.statusCode}`);
    }
    expect(failures).toEqual([]);
  }, 300_000);
});

/** Sends a request head and the first bytes of a body that would be 19 MiB, and returns what comes back before the rest. */
async function startUpload(port: number, path: string, cookie: string): Promise<string> {
  const socket = net.connect(port, '127.0.0.1');
  const answer = new Promise<string>((resolve, reject) => {
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n\r\n')) resolve(received);
    });
    socket.on('error', reject);
    // Without an early answer the server would wait for 19 MiB that never come.
    setTimeout(() => resolve(received), 5000);
  });
  const boundary = 'hostile-boundary';
  const head = [
    `POST ${path} HTTP/1.1`,
    'Host: 127.0.0.1',
    `Content-Type: multipart/form-data; boundary=${boundary}`,
    `Content-Length: ${19 * 1024 * 1024}`,
    `Cookie: ${cookie}`,
    '',
    '',
  ].join('\r\n');
  socket.write(head);
  socket.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="katalog.json"\r\n\r\n${'x'.repeat(64 * 1024)}`);
  const result = await answer;
  socket.destroy();
  return result;
}

describe('requests refused before they are read', () => {
  it('10.4 answers a malformed address with the platform\'s own error page in German, with every security header', async () => {
    for (const url of ['/leistungen/%E0%A4%A', '/%', '/verwaltung/katalog/leistungen/%E0%A4%A?x=1']) {
      const response = await new FormClient(platform.app).get(url);
      expect(response.status, url).toBe(400);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.body).toContain('<html lang="de"');
      expect(response.body).toContain('Die Anfrage konnte nicht verarbeitet werden');
      expect(response.body).toContain('Diese Adresse ist ungültig');
      expect(response.body).toContain('href="/leistungen"');
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['permissions-policy']).toContain('camera=()');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['referrer-policy']).toBe('same-origin');
    }
    const english = await new FormClient(platform.app).get('/leistungen/%E0%A4%A?lang=en');
    expect(english.body).toContain('This address is invalid');
    const json = await platform.app.inject({ method: 'GET', url: '/api/v1/services/%E0%A4%A' });
    expect(json.statusCode).toBe(400);
    expect(json.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(json.json()).toMatchObject({ type: 'http://localhost:3000/api/problems/bad-url', status: 400, detail: expect.stringContaining('Diese Adresse ist ungültig') });
  });

  it('12.1 refuses a visitor\'s, a citizen\'s and an unauthorised colleague\'s 19 MiB upload before reading it', async () => {
    const address = await platform.app.listen({ host: '127.0.0.1', port: 0 });
    const port = Number(new URL(address).port);
    const citizen = new FormClient(platform.app);
    const { user, password } = await buildCitizen(platform.ctx);
    await citizen.get('/anmelden');
    await citizen.post('/anmelden', { email: user.email!, password });
    const colleague = new FormClient(platform.app);
    await signInStaff(colleague, await buildStaff(platform.ctx, []));
    const cookie = (client: FormClient) => [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const visitorAnswer = await startUpload(port, '/verwaltung/katalog/import', '');
    expect(visitorAnswer).toMatch(/^HTTP\/1\.1 401 /);
    expect(await startUpload(port, '/verwaltung/katalog/import', cookie(citizen))).toMatch(/^HTTP\/1\.1 403 /);
    expect(await startUpload(port, '/verwaltung/katalog/import', cookie(colleague))).toMatch(/^HTTP\/1\.1 403 /);
    expect(await startUpload(port, '/konto/einstellungen', '')).toMatch(/^HTTP\/1\.1 401 /);
  });

  it('12.2 answers a truncated or boundary-less upload from an editor with 400, and keeps the catalogue as it was', async () => {
    const editor = new FormClient(platform.app);
    await signInStaff(editor, await buildStaff(platform.ctx, [{ role: 'editor' }]));
    await editor.get('/verwaltung/katalog/import');
    const cookie = [...editor.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const history = () => catalogDb(platform.ctx.db).selectFrom('catalog_history').select((eb) => eb.fn.countAll<string>().as('rows')).executeTakeFirstOrThrow();
    const before = await history();
    const boundary = 'truncated-boundary';
    const truncated = await platform.app.inject({
      method: 'POST',
      url: '/verwaltung/katalog/import',
      remoteAddress: editor.remoteAddress,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${editor.csrfToken()}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="k.json"\r\n\r\n{"services": [`,
    });
    expect(truncated.statusCode).toBe(400);
    expect(truncated.body).toContain('Das Formular kam unvollständig oder beschädigt an');
    const boundless = await platform.app.inject({
      method: 'POST',
      url: '/verwaltung/katalog/import',
      remoteAddress: editor.remoteAddress,
      headers: { 'content-type': 'multipart/form-data', cookie },
      payload: 'file=nothing',
    });
    expect(boundless.statusCode).toBe(400);
    expect(boundless.body).toContain('Das Formular kam unvollständig oder beschädigt an');
    expect(await history()).toEqual(before);
  });
});
