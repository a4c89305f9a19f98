import Type from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerErrorFormat, type ErrorFormat } from '#kernel/http/error-formats.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import { problemResponses } from '#kernel/http/problem-json.ts';
import { defineModule } from '#kernel/module.ts';
import { buildApiClient } from '#modules/accounts/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';

/*
 * One error contract: the same refusals — schema, missing and insufficient token, unknown thing, a reason the
 * route translated, a rate limit — answered as problem details under /api/, in a foreign format under the
 * prefix a module registered it for, and as the site's page elsewhere.
 */

const ItemParams = Type.Object({ id: Type.String({ pattern: '^[a-z]+$' }) });
const ItemQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })) });
const Item = Type.Object({ id: Type.String() });
const ItemBody = Type.Object({ date: Type.String({ maxLength: 10 }) });

/** A foreign envelope in the way CKAN's Action API answers: `{ success: false, error: { __type, message } }`. */
const envelope: ErrorFormat = {
  name: 'test-envelope',
  render: (refusal) => ({
    contentType: 'application/json',
    body: { success: false, error: { __type: refusal.status === 404 ? 'Not Found Error' : refusal.status === 403 || refusal.status === 401 ? 'Authorization Error' : 'Validation Error', message: refusal.detail, ...refusal.fields } },
  }),
};

/** The same things in three places: the platform's API, a foreign API with its own format, and a page. */
const probeModule = defineModule({
  id: 'errprobe',
  permissions: { 'errprobe.read': [] },
  routes: async (app, ctx) => {
    registerErrorFormat(app, '/api/fremd/', envelope);
    const handler = async (request: { actor: Parameters<typeof ctx.permissions.require>[0]; params: { id: string } }) => {
      ctx.permissions.require(request.actor, 'errprobe.read');
      if (request.params.id === 'fehlt') throw new HttpProblem(404, 'kernel:errors.notFound.body');
      if (request.params.id === 'ungueltig') throw new HttpProblem(422, null, {}, { type: 'errprobe/bad-date', fields: { 'values.date': 'Das Datum liegt in der Vergangenheit.' } });
      return { id: request.params.id };
    };
    const schema = { params: ItemParams, querystring: ItemQuery, response: { 200: Item, ...problemResponses(400, 401, 403, 404, 422, 429) } };
    const config = { csrf: false };
    app.get('/api/v1/probe/items/:id', { schema, config }, handler);
    app.get('/api/v1/probe/limited/:id', { schema, config: { ...config, rateLimit: { max: 3, timeWindow: '1 minute' } } }, handler);
    app.post('/api/v1/probe/items/:id', { schema: { ...schema, body: ItemBody }, config }, handler);
    app.get('/api/fremd/items/:id', { schema: { params: ItemParams, querystring: ItemQuery }, config }, handler);
    app.get('/probe/seite/:id', { schema: { params: ItemParams } }, async (request) => {
      throw new HttpProblem(404, 'kernel:errors.notFound.body', {}, { type: `errprobe/${request.params.id}` });
    });
  },
});

let platform: TestPlatform;
let token: string;
let unscoped: string;

beforeAll(async () => {
  platform = await createTestPlatform({}, [probeModule]);
  token = (await buildApiClient(platform.ctx, ['errprobe.read'])).token;
  unscoped = (await buildApiClient(platform.ctx, ['notify.send'])).token;
});
afterAll(async () => {
  await platform.close();
});

const call = async (url: string, options: { bearer?: string; method?: 'GET' | 'POST'; payload?: string; accept?: string; remoteAddress?: string } = {}) => {
  const response = await platform.app.inject({
    method: options.method ?? 'GET',
    url,
    payload: options.payload,
    remoteAddress: options.remoteAddress,
    headers: { ...(options.bearer ? { authorization: `Bearer ${options.bearer}` } : {}), ...(options.payload ? { 'content-type': 'application/json' } : {}), ...(options.accept ? { accept: options.accept } : {}) },
  });
  return { status: response.statusCode, type: response.headers['content-type'], headers: response.headers, body: response.body, json: () => response.json<Record<string, unknown>>() };
};

const problemType = 'application/problem+json; charset=utf-8';

describe('problem details for the platform\'s APIs', () => {
  it('answers 400 for a request that does not fit the schema, naming each parameter and field', async () => {
    const query = await call('/api/v1/probe/items/abc?limit=99', { bearer: token });
    expect([query.status, query.type]).toEqual([400, problemType]);
    expect(query.json()).toEqual({
      type: 'http://localhost:3000/api/problems/validation',
      title: 'Die Anfrage konnte nicht verarbeitet werden',
      status: 400,
      detail: '„limit“ darf höchstens 10 sein.',
      instance: '/api/v1/probe/items/abc',
      errors: [{ detail: '„limit“ darf höchstens 10 sein.', parameter: 'limit' }],
    });
    const body = await call('/api/v1/probe/items/abc', { bearer: token, method: 'POST', payload: JSON.stringify({ date: '2026-12-01T00:00' }) });
    expect(body.json()).toMatchObject({ status: 400, errors: [{ pointer: '#/date', detail: expect.stringContaining('höchstens 10') }] });
    const broken = await call('/api/v1/probe/items/abc', { bearer: token, method: 'POST', payload: '{"date":' });
    expect([broken.status, broken.type]).toEqual([400, problemType]);
    expect(broken.json()).toMatchObject({ type: 'http://localhost:3000/api/problems/invalid-json', detail: 'Die gesendeten Daten sind kein gültiges JSON.' });
    expect(broken.json()).not.toHaveProperty('errors');
  });

  it('answers 401 without a valid token and 403 for a client without the permission', async () => {
    const none = await call('/api/v1/probe/items/abc');
    expect([none.status, none.type, none.headers['www-authenticate']]).toEqual([401, problemType, 'Bearer']);
    expect(none.json()).toEqual({ type: 'about:blank', title: 'Bitte melden Sie sich an', status: 401, detail: 'Diese Seite ist nur nach der Anmeldung erreichbar.', instance: '/api/v1/probe/items/abc' });
    const forbidden = await call('/api/v1/probe/items/abc', { bearer: unscoped });
    expect([forbidden.status, forbidden.type]).toEqual([403, problemType]);
    expect(forbidden.json()).toMatchObject({ type: 'about:blank', title: 'Kein Zugriff', status: 403, detail: 'Für diese Seite fehlt Ihnen die Berechtigung.' });
  });

  it('answers 404 for an unknown thing and an unknown address, and 422 with the fields a route names', async () => {
    const missing = await call('/api/v1/probe/items/fehlt', { bearer: token });
    expect([missing.status, missing.type]).toEqual([404, problemType]);
    expect(missing.json()).toMatchObject({ type: 'about:blank', title: 'Seite nicht gefunden', status: 404, instance: '/api/v1/probe/items/fehlt' });
    const nowhere = await call('/api/v1/gibt-es-nicht?x=1');
    expect([nowhere.status, nowhere.type]).toEqual([404, problemType]);
    expect(nowhere.json()).toMatchObject({ status: 404, instance: '/api/v1/gibt-es-nicht' });
    const invalid = await call('/api/v1/probe/items/ungueltig', { bearer: token });
    expect([invalid.status, invalid.type]).toEqual([422, problemType]);
    expect(invalid.json()).toEqual({
      type: 'http://localhost:3000/api/problems/errprobe/bad-date',
      title: 'Die Anfrage konnte nicht verarbeitet werden',
      status: 422,
      detail: 'Das Datum liegt in der Vergangenheit.',
      instance: '/api/v1/probe/items/ungueltig',
      errors: [{ detail: 'Das Datum liegt in der Vergangenheit.', pointer: '#/values/date' }],
    });
  });

  it('answers 429 once the rate limit is spent, in the caller\'s language', async () => {
    const from = { bearer: token, remoteAddress: '192.0.2.41' };
    for (let attempt = 0; attempt < 3; attempt += 1) expect((await call('/api/v1/probe/limited/abc', from)).status).toBe(200);
    const limited = await call('/api/v1/probe/limited/abc?lang=en', from);
    expect([limited.status, limited.type]).toEqual([429, problemType]);
    expect(limited.json()).toMatchObject({ type: 'about:blank', title: 'Too many attempts', status: 429, detail: expect.stringMatching(/^Too many attempts in a short time\. Please wait \d+ seconds/) });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('a foreign format for its prefix', () => {
  it('answers every refusal under the prefix in the module\'s envelope', async () => {
    const unauthorised = await call('/api/fremd/items/abc');
    expect([unauthorised.status, unauthorised.type]).toEqual([401, 'application/json; charset=utf-8']);
    expect(unauthorised.json()).toEqual({ success: false, error: { __type: 'Authorization Error', message: 'Diese Seite ist nur nach der Anmeldung erreichbar.' } });
    const invalid = await call('/api/fremd/items/ABC', { bearer: token });
    expect(invalid.status).toBe(400);
    expect(invalid.json()).toMatchObject({ success: false, error: { __type: 'Validation Error', id: expect.any(String) } });
    expect((await call('/api/fremd/items/ungueltig', { bearer: token })).json()).toEqual({
      success: false,
      error: { __type: 'Validation Error', message: 'Das Datum liegt in der Vergangenheit.', 'values.date': 'Das Datum liegt in der Vergangenheit.' },
    });
    // Even an address no route knows, and the rest of /api/ keeps problem details.
    const nowhere = await call('/api/fremd/action/gibt_es_nicht');
    expect([nowhere.status, nowhere.json()]).toEqual([404, { success: false, error: { __type: 'Not Found Error', message: expect.stringContaining('Adresse') } }]);
    expect((await call('/api/fremdwort')).type).toBe(problemType);
  });

  it('takes one format per prefix', () => {
    expect(() => platform.app.errorFormats.register('/api/fremd/', envelope)).toThrow('Errors under /api/fremd/ are answered as test-envelope already');
    expect(() => platform.app.errorFormats.register('/api/ohne-schraegstrich', envelope)).toThrow('starts and ends with a slash');
  });
});

describe('pages', () => {
  it('answer people with the site\'s page, and a page\'s script that asks for JSON with problem details', async () => {
    const page = await new FormClient(platform.app).get('/probe/seite/weg');
    expect(page.status).toBe(404);
    expect(page.body).toContain('<html lang="de"');
    expect(page.body).toContain('Seite nicht gefunden');
    expect(page.body).toContain('class="site-footer"');
    const script = await call('/probe/seite/weg', { accept: 'application/json' });
    expect([script.status, script.type]).toEqual([404, problemType]);
    expect(script.json()).toMatchObject({ type: 'http://localhost:3000/api/problems/errprobe/weg', status: 404 });
    // Outside the APIs no bearer scheme is offered.
    const visitor = await call('/konto/nachrichten', { accept: 'application/json' });
    expect([visitor.status, visitor.headers['www-authenticate']]).toEqual([401, undefined]);
  });
});

describe('the OpenAPI description', () => {
  it('shows problem details as the error response of every route of the platform\'s APIs', async () => {
    const document = (await call('/api/openapi.json')).json() as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: { title?: string; required?: string[] } }> }> }>> };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })));
    expect(operations.map((operation) => operation.path)).toContain('/api/v1/probe/items/{id}');
    // A foreign API (CKAN's under /api/3/action/, the probe's under /api/fremd/) answers in its own envelope.
    const ownFormat = (path: string) => platform.app.errorFormats.for(path)?.name === 'problem+json';
    expect(ownFormat('/api/3/action/package_show')).toBe(false);
    for (const { path, method, operation } of operations.filter((operation) => ownFormat(operation.path))) {
      const errors = Object.entries(operation.responses).filter(([status]) => /^[45]/.test(status));
      expect(errors.length, `${method} ${path} documents its refusals`).toBeGreaterThan(0);
      for (const [status, response] of errors) {
        const schema = response.content?.['application/problem+json']?.schema;
        expect(Object.keys(response.content ?? {}), `${method} ${path} ${status}`).toEqual(['application/problem+json']);
        expect(schema?.title, `${method} ${path} ${status}`).toBe('Problem');
        expect(schema?.required).toEqual(['type', 'title', 'status', 'detail', 'instance']);
      }
    }
  });
});
