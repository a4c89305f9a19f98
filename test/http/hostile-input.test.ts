import net from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleGrant } from '#kernel/auth/actor.ts';
import { buildApiClient, buildCitizen, buildStaff, signInStaff } from '#modules/accounts/test/builders.ts';
import { catalogDb } from '#modules/catalog/repo.ts';
import { writeActions } from '#modules/opendata/ckan/write-actions.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { asFormValue, fieldsOf, fillParams, hostileFor, hostileParams, hostileStrings, sampleOf, type JsonSchema } from './hostile-values.ts';

/**
 * Throws malformed, oversized, missing and hostile values at every route the platform has, with every
 * method it accepts: each field of the route's own schema broken in turn (the others filled as they should
 * be, so the request gets as far as it can), as a form, as JSON and as multipart, by a visitor, a citizen, a
 * staff member holding every role, an API client holding every scope, and the machine itself. No answer may
 * be a 500, every answer must be one the platform means to give, and every route must be reached past the
 * sign-in by someone. Routes added later are covered automatically.
 */

let platform: TestPlatform;
let csrf: { cookie: string; token: string };
let citizenId: string;
let staffId: string;
let clientToken: string;

interface Caller {
  name: 'visitor' | 'citizen' | 'staff' | 'client' | 'machine';
  /** Headers for one route: a session of its own, so a route that signs out or changes the person spoils no other. */
  headers(): Promise<Record<string, string>>;
  remoteAddress(): string;
}

let addresses = 0;
/** A new address per route and caller: rate limits would otherwise answer 429 before the input is read. */
const nextAddress = () => {
  addresses += 1;
  return `198.51.${100 + Math.floor(addresses / 250)}.${(addresses % 250) + 1}`;
};

async function sessionCookie(userId: string): Promise<string> {
  const { token } = await platform.ctx.sessions.store.create({ userId });
  return `${csrf.cookie}; ${platform.ctx.sessions.cookieName}=${token}`;
}

const callers: Caller[] = [
  { name: 'visitor', headers: async () => ({ cookie: csrf.cookie }), remoteAddress: nextAddress },
  { name: 'citizen', headers: async () => ({ cookie: await sessionCookie(citizenId) }), remoteAddress: nextAddress },
  { name: 'staff', headers: async () => ({ cookie: await sessionCookie(staffId) }), remoteAddress: nextAddress },
  { name: 'client', headers: async () => ({ cookie: csrf.cookie, authorization: `Bearer ${clientToken}` }), remoteAddress: nextAddress },
  // Operations endpoints (metrics) answer the machine itself.
  { name: 'machine', headers: async () => ({ cookie: csrf.cookie }), remoteAddress: () => '127.0.0.1' },
];

beforeAll(async () => {
  platform = await createTestPlatform();
  const visitor = new FormClient(platform.app);
  await visitor.get('/barrierefreiheit');
  csrf = { cookie: [...visitor.cookies].map(([name, value]) => `${name}=${value}`).join('; '), token: visitor.csrfToken() };
  // A role bound to a kind of scope (an office) holds for the one the routes' first address parameter names.
  const everyRole: RoleGrant[] = platform.ctx.permissions.roles.map((role) => (role.scope ? { role: role.id, scopeKind: role.scope, scopeId: hostileParams[0]! } : { role: role.id }));
  const everyScope = platform.ctx.modules.flatMap((module) => Object.keys(module.permissions ?? {}));
  citizenId = (await buildCitizen(platform.ctx)).user.id;
  staffId = (await buildStaff(platform.ctx, everyRole)).user.id;
  clientToken = (await buildApiClient(platform.ctx, everyScope)).token;
});
afterAll(async () => {
  await platform.close();
});

const bodyMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const fittingStatuses = new Set([200, 201, 204, 301, 302, 303, 304, 400, 401, 403, 404, 409, 410, 413, 414, 415, 422, 429]);
/** Query fields tried on routes whose schema names none: what pages commonly read. */
const commonQueryFields = ['q', 'page', 'lang', 'next', 'status', 'token'];

interface Attempt {
  label: string;
  url: string;
  payload?: string | Buffer;
  contentType?: string;
}

/**
 * Whether a JSON error body says what is wrong: problem details' `detail`, a `message`, CKAN's envelope
 * (`error.message`, or a Validation Error's messages by field) or CKAN's bare string for a bad request.
 */
function explains(body: unknown): boolean {
  if (typeof body === 'string') return body !== '';
  if (!body || typeof body !== 'object') return false;
  const { detail, message, error } = body as { detail?: unknown; message?: unknown; error?: unknown };
  const text = detail ?? message;
  if (typeof text === 'string') return text !== '';
  if (!error || typeof error !== 'object') return false;
  const { __type: type, ...said } = error as Record<string, unknown>;
  return typeof type === 'string' && Object.values(said).some((value) => (typeof value === 'string' ? value !== '' : Array.isArray(value) && value.length > 0));
}

/** What is wrong with an answer, or null when it is one the platform means to give. */
function judge(caller: Caller, method: string, url: string, response: LightMyRequestResponse): string | null {
  const status = response.statusCode;
  if (!fittingStatuses.has(status)) return `answered ${status}`;
  const backOffice = /^\/verwaltung(\/|$|\?)/.test(url);
  if (backOffice && status < 300 && ['visitor', 'citizen', 'machine'].includes(caller.name)) return `let the ${caller.name} into the back office (${status})`;
  if (status >= 300 && status < 400 && status !== 304 && !response.headers.location) return `redirected (${status}) without a location`;
  if (status < 400 || method === 'HEAD') return null;
  const type = String(response.headers['content-type'] ?? '');
  if (type.startsWith('text/html')) return /<html lang="(de|en)"/.test(response.body) ? null : `answered ${status} with a page outside the site layout`;
  if (/json/.test(type)) {
    return explains(JSON.parse(response.body)) ? null : `answered ${status} with JSON that explains nothing`;
  }
  return `answered ${status} as ${type || 'nothing'}`;
}

/** The requests for one route: its parameters, query fields and body fields broken one at a time. */
function attemptsFor(method: string, url: string, schema: { params?: JsonSchema; querystring?: JsonSchema; body?: JsonSchema } | undefined): Attempt[] {
  const hasParams = /[:*]/.test(url);
  const base = hasParams ? fillParams(url, hostileParams[0]!) : url;
  const sampleQuery = (sampleOf(schema?.querystring ?? { type: 'object', properties: {} }) ?? {}) as Record<string, unknown>;
  const query = (values: Record<string, unknown>) => {
    const text = new URLSearchParams(Object.entries(values).map(([name, value]) => [name, asFormValue(value)])).toString();
    return text ? `?${text}` : '';
  };
  const attempts: Attempt[] = hasParams ? hostileParams.map((value) => ({ label: `param ${value.slice(0, 20)}`, url: fillParams(url, value) + query(sampleQuery) })) : [{ label: 'as meant', url: base + query(sampleQuery) }];

  // HEAD runs GET's handler and drops the body: the address is what differs, the query was tried with GET.
  if (method === 'HEAD') return attempts;
  const queryFields = fieldsOf(schema?.querystring);
  for (const [name, field] of queryFields.length > 0 ? queryFields : commonQueryFields.map((name) => [name, undefined] as const)) {
    for (const value of hostileFor(field).slice(0, 5)) attempts.push({ label: `query ${name}=${asFormValue(value).slice(0, 20)}`, url: base + query({ ...sampleQuery, [name]: value }) });
  }
  if (!bodyMethods.has(method)) return attempts;

  const target = base + query(sampleQuery);
  const sampleBody = (sampleOf(schema?.body ?? { type: 'object', properties: {} }) ?? {}) as Record<string, unknown>;
  const form = (values: Record<string, unknown>) => new URLSearchParams([...Object.entries(values).map(([name, value]) => [name, asFormValue(value)]), ['_csrf', csrf.token]]).toString();
  const json = (values: unknown) => JSON.stringify(values && typeof values === 'object' && !Array.isArray(values) ? { ...values, _csrf: csrf.token } : values);
  const formType = 'application/x-www-form-urlencoded';
  attempts.push({ label: 'form as meant', url: target, payload: form(sampleBody), contentType: formType });
  attempts.push({ label: 'json as meant', url: target, payload: json(sampleBody), contentType: 'application/json' });
  const bodyFields = fieldsOf(schema?.body);
  for (const [name, field] of bodyFields.length > 0 ? bodyFields : [['message', undefined] as const, ['email', undefined] as const]) {
    const values = hostileFor(field);
    for (const value of values.filter((candidate) => typeof candidate === 'string').slice(0, 4)) {
      attempts.push({ label: `form ${name}=${value.slice(0, 20)}`, url: target, payload: form({ ...sampleBody, [name]: value }), contentType: formType });
    }
    for (const value of values.slice(0, 7)) attempts.push({ label: `json ${name}=${JSON.stringify(value)?.slice(0, 20)}`, url: target, payload: json({ ...sampleBody, [name]: value }), contentType: 'application/json' });
    attempts.push({ label: `form without ${name}`, url: target, payload: form(Object.fromEntries(Object.entries(sampleBody).filter(([key]) => key !== name))), contentType: formType });
  }
  attempts.push(
    { label: 'json broken', url: target, payload: '{"unterminated', contentType: 'application/json' },
    { label: 'json list', url: target, payload: json([sampleBody, sampleBody]), contentType: 'application/json' },
    { label: 'json nested deep', url: target, payload: `${'['.repeat(5000)}${']'.repeat(5000)}`, contentType: 'application/json' },
    { label: 'json every field hostile', url: target, payload: json(Object.fromEntries(bodyFields.map(([name]) => [name, [hostileStrings[1], { nested: hostileStrings[3] }]]))), contentType: 'application/json' },
    { label: 'text body', url: target, payload: 'just text', contentType: 'text/plain' },
    { label: 'form too large', url: target, payload: form({ ...sampleBody, message: 'x'.repeat(300 * 1024) }), contentType: formType },
    ...multipart(target, sampleBody),
  );
  return attempts;
}

/** Uploads as a browser sends them, with the form's fields, a file, and the token; then cut off, and without a boundary. */
function multipart(url: string, fields: Record<string, unknown>): Attempt[] {
  const boundary = 'hostile-boundary-7MA4YWxk';
  const part = (name: string, value: string, filename?: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"\r\nContent-Type: application/octet-stream` : ''}\r\n\r\n${value}\r\n`;
  const parts = [part('_csrf', csrf.token), ...Object.entries(fields).map(([name, value]) => part(name, asFormValue(value)))];
  const file = part('file', `{"services": [${'"x",'.repeat(2000)}`, '../../etc/passwd\u0000.json');
  const type = `multipart/form-data; boundary=${boundary}`;
  return [
    { label: 'multipart with a file', url, payload: Buffer.from(`${parts.join('')}${file}--${boundary}--\r\n`), contentType: type },
    { label: 'multipart cut off', url, payload: Buffer.from(`${parts.join('')}${file.slice(0, 200)}`), contentType: type },
    { label: 'multipart without boundary', url, payload: Buffer.from(parts.join('')), contentType: 'multipart/form-data' },
  ];
}

/** The guard's answer to someone who may not use a route: 401, 403, or a page's way to the sign-in. */
const isTurnedAway = (response: LightMyRequestResponse) =>
  response.statusCode === 401 || response.statusCode === 403 || (response.statusCode === 303 && String(response.headers.location ?? '').startsWith('/anmelden'));

/**
 * What a caller the guard turned away still tries: the guard answers before the body is read, so every
 * field broken in turn would only ask it the same question again (the callers it admits try all of them),
 * while broken addresses and bodies that are broken as a whole show that it still answers before reading.
 */
const triedWhenTurnedAway = (label: string) =>
  label.startsWith('param ') || ['json broken', 'json nested deep', 'form too large', 'multipart with a file', 'multipart cut off', 'multipart without boundary'].includes(label);

describe('hostile input on every route', () => {
  it('reaches the routes as every kind of caller', async () => {
    const seen = async (caller: Caller, url: string) => (await platform.app.inject({ method: 'GET', url, headers: await caller.headers(), remoteAddress: caller.remoteAddress() })).statusCode;
    expect(await seen(callers[2]!, '/verwaltung')).toBe(200);
    expect(await seen(callers[1]!, '/konto')).toBe(200);
    expect(await seen(callers[4]!, '/metrics')).toBe(200);
    const methods = new Set(platform.app.routeTable.map((route) => route.method));
    expect([...methods]).toEqual(expect.arrayContaining(['GET', 'HEAD', 'POST']));
    expect(platform.app.routeTable.filter((route) => route.schema?.body).length).toBeGreaterThan(10);
  });

  it('answers every hostile request with a fitting status and never a 500, and lets someone past the door of each route', async () => {
    const failures: string[] = [];
    const unreached: string[] = [];
    const seen = new Set<string>();
    let sent = 0;
    let turnedAwayCallers = 0;
    for (const route of platform.app.routeTable) {
      // CKAN's unversioned addresses run the same handlers as /api/3/action/, which are tried in full.
      if (route.url.startsWith('/api/action/')) continue;
      const key = `${route.method} ${route.url}`;
      if (seen.has(key)) continue;
      seen.add(key);
      let reached = false;
      // CKAN's read actions are the same for every caller (public reads; a session changes nothing), so a visitor
      // tries them: five callers would only ask the same questions five times over. Its write actions take a
      // client's token, so a visitor and the client try those.
      const ckanAction = route.url.startsWith('/api/3/action/') ? route.url.slice('/api/3/action/'.length) : undefined;
      const tried = ckanAction === undefined ? callers : ckanAction in writeActions ? [callers[0]!, callers[3]!] : callers.slice(0, 1);
      for (const caller of tried) {
        const headers = await caller.headers();
        const remoteAddress = caller.remoteAddress();
        let turnedAway: boolean | undefined;
        for (const attempt of attemptsFor(route.method, route.url, route.schema as Parameters<typeof attemptsFor>[2])) {
          if (turnedAway && !triedWhenTurnedAway(attempt.label)) continue;
          const response = await platform.app.inject({
            method: route.method as 'GET',
            url: attempt.url,
            remoteAddress,
            payload: attempt.payload,
            headers: { ...headers, ...(attempt.contentType ? { 'content-type': attempt.contentType } : {}) },
          });
          sent += 1;
          if (response.statusCode !== 401 && response.statusCode !== 403) reached = true;
          const wrong = judge(caller, route.method, attempt.url, response);
          if (wrong) failures.push(`${key} as ${caller.name}, ${attempt.label}: ${wrong}`);
          if (turnedAway === undefined && (attempt.label === 'form as meant' || !bodyMethods.has(route.method))) turnedAway = isTurnedAway(response);
        }
        if (turnedAway) turnedAwayCallers += 1;
      }
      if (!reached) unreached.push(key);
    }
    expect(seen.size).toBeGreaterThan(50);
    expect(sent).toBeGreaterThan(seen.size * callers.length * 5);
    // Visitors, citizens and machines at the back office's door, at least.
    expect(turnedAwayCallers).toBeGreaterThan(seen.size);
    expect(failures).toEqual([]);
    expect(unreached).toEqual([]);
  }, 900_000);
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

describe('input no database could store', () => {
  it('answers a NUL character and a number beyond a double with 400 and the reason, as a page and as JSON', async () => {
    const page = await new FormClient(platform.app).get('/leistungen?lebenslage=%00');
    expect(page.status).toBe(400);
    expect(page.body).toContain('Die Anfrage enthält ein Steuerzeichen (NUL), das nicht gespeichert werden kann.');
    const api = await platform.app.inject({ method: 'GET', url: '/api/v1/services?page=1e309' });
    expect(api.statusCode).toBe(400);
    expect(JSON.stringify(api.json())).toContain('Eine Zahl in der Anfrage ist zu groß');
    const english = await platform.app.inject({ method: 'GET', url: '/api/v1/services?office=%00&lang=en' });
    expect(english.statusCode).toBe(400);
    expect(JSON.stringify(english.json())).toContain('control character (NUL)');
  });

  it('tells an editor that an office which is no id of the catalogue is unknown, rather than failing', async () => {
    const editor = new FormClient(platform.app);
    await signInStaff(editor, await buildStaff(platform.ctx, [{ role: 'editor' }]));
    await editor.get('/verwaltung/katalog/leistungen/neu');
    const response = await editor.post('/verwaltung/katalog/leistungen/neu', { title: 'Hund anmelden', slug: 'hund-anmelden-probe', summary: 'Kurz.', officeId: 'Rathaus', lifeSituationIds: 'Umzug' });
    expect(response.status).toBe(422);
    expect(response.body).toContain('Diese Dienststelle gibt es nicht. Bitte wählen Sie eine aus der Liste.');
    expect(response.body).toContain('Eine der gewählten Lebenslagen gibt es nicht.');
  });
});

describe('requests refused before they are read', () => {
  it('12.10 answers a malformed address with the platform\'s own error page in German, with every security header', async () => {
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

  it('12.12 refuses a visitor\'s, a citizen\'s and an unauthorised colleague\'s 19 MiB upload before reading it', async () => {
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

  it('12.12 answers a truncated or boundary-less upload from an editor with 400, and keeps the catalogue as it was', async () => {
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
