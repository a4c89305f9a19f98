import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Type from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '#kernel/config.ts';
import { defineModule } from '#kernel/module.ts';
import { createPlatform, type Platform } from '#kernel/platform.ts';
import { buildCitizen, buildStaff, signInStaff } from '#modules/accounts/test/builders.ts';
import { modules } from '#modules/index.ts';
import { FormClient } from '#test/http-client.ts';
import { freshDatabase } from '#test/platform.ts';
import { signedInOnly, staffOnly } from '#kernel/http/guard.ts';

/*
 * The kernel guard on routes of its own: a page and a form for signed-in people, a page, a form and an API
 * for staff holding the catalogue's edit permission. Each handler counts the bodies it was handed, so the
 * tests see that a refused request never got as far as being parsed.
 */
const parsed: string[] = [];
const probe = defineModule({
  id: 'probe',
  routes: async (app, ctx) => {
    await app.register(async (scope) => {
      scope.addHook('onRequest', signedInOnly);
      scope.addHook('preValidation', async (request) => void parsed.push(`signed-in ${request.method}`));
      scope.get('/probe/konto', async () => 'own page');
      scope.post('/probe/konto', { schema: { body: Type.Object({ text: Type.String() }) } }, async () => 'own form');
    });
    await app.register(async (scope) => {
      scope.addHook('onRequest', staffOnly(ctx, 'catalog.edit'));
      scope.addHook('preValidation', async (request) => void parsed.push(`staff ${request.method} ${request.url}`));
      scope.get('/probe/verwaltung', async () => 'staff page');
      scope.post('/probe/verwaltung', async () => 'staff form');
      scope.get('/api/v1/probe', { config: { csrf: false } }, async () => ({ ok: true }));
    });
  },
});

let platform: Platform;
let dataDir: string;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'erk-guard-'));
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, DEMO_DATA: 'false' });
  platform = await createPlatform({ config, modules: [...modules, probe], database: await freshDatabase(), skipMigrations: true });
  await platform.app.ready();
});
afterAll(async () => {
  await platform.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

async function signedIn(kind: 'citizen' | 'editor' | 'colleague'): Promise<FormClient> {
  const client = new FormClient(platform.app);
  if (kind === 'citizen') {
    const { user, password } = await buildCitizen(platform.ctx);
    await client.get('/anmelden');
    await client.post('/anmelden', { email: user.email!, password });
  } else {
    // A colleague is staff whose roles give nothing here.
    await signInStaff(client, await buildStaff(platform.ctx, kind === 'colleague' ? [] : [{ role: kind }]));
  }
  await client.get('/barrierefreiheit');
  return client;
}

describe('the kernel guard', () => {
  it('12.12 sends a visitor asking for a page to the sign-in, and answers a visitor\'s form post or API call with 401 without reading it', async () => {
    parsed.length = 0;
    const visitor = new FormClient(platform.app);
    for (const url of ['/probe/konto', '/probe/verwaltung']) {
      const page = await visitor.get(`${url}?tab=2`);
      expect(page.status).toBe(303);
      expect(page.location).toBe(`/anmelden?notice=session-ended&next=${encodeURIComponent(url)}`);
    }
    await visitor.get('/barrierefreiheit');
    expect((await visitor.post('/probe/konto', { text: 'x' })).status).toBe(401);
    expect((await visitor.post('/probe/verwaltung', { text: 'x' })).status).toBe(401);
    const api = await platform.app.inject({ method: 'GET', url: '/api/v1/probe' });
    expect(api.statusCode).toBe(401);
    expect(api.headers['www-authenticate']).toBe('Bearer');
    expect(parsed).toEqual([]);
  });

  it('12.12 lets a citizen into their own pages but answers 403 in the back office, as for staff without the permission', async () => {
    parsed.length = 0;
    const citizen = await signedIn('citizen');
    expect((await citizen.get('/probe/konto')).body).toBe('own page');
    expect((await citizen.post('/probe/konto', { text: 'x' })).body).toBe('own form');
    expect((await citizen.get('/probe/verwaltung')).status).toBe(403);
    expect((await citizen.post('/probe/verwaltung', { text: 'x' })).status).toBe(403);
    const colleague = await signedIn('colleague');
    expect((await colleague.get('/probe/verwaltung')).status).toBe(403);
    const forbidden = await colleague.post('/probe/verwaltung', { text: 'x' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toContain('Für diese Seite fehlt Ihnen die Berechtigung.');
    expect(parsed).toEqual(['signed-in GET', 'signed-in POST']);
  });

  it('12.12 lets staff holding the permission in, with a second factor passed', async () => {
    parsed.length = 0;
    const editor = await signedIn('editor');
    expect((await editor.get('/probe/verwaltung')).body).toBe('staff page');
    expect((await editor.post('/probe/verwaltung', { text: 'x' })).body).toBe('staff form');
    expect(parsed).toEqual(['staff GET /probe/verwaltung', 'staff POST /probe/verwaltung']);
    // Password accepted, second factor not yet given: the session belongs to no one yet.
    const halfway = new FormClient(platform.app);
    const staff = await buildStaff(platform.ctx, [{ role: 'editor' }]);
    await halfway.get('/anmelden');
    expect((await halfway.post('/anmelden', { email: staff.user.email!, password: staff.password })).location).toBe('/anmelden/zweiter-faktor');
    expect((await halfway.get('/probe/verwaltung')).status).toBe(303);
  });

  it('12.12 refuses to guard with a permission nobody declared', () => {
    expect(() => staffOnly(platform.ctx, 'catalog.edti')).toThrow('Unknown permission catalog.edti');
  });
});
