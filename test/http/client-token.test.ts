import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorLabel } from '#kernel/auth/actor.ts';
import { loadConfig } from '#kernel/config.ts';
import { tokenOf } from '#kernel/http/app.ts';
import { defineModule } from '#kernel/module.ts';
import { createPlatform, type Platform } from '#kernel/platform.ts';
import { buildApiClient, buildCitizen } from '#modules/accounts/test/builders.ts';
import { modules } from '#modules/index.ts';
import { FormClient } from '#test/http-client.ts';
import { freshDatabase } from '#test/platform.ts';

/*
 * How the kernel tells who a request comes from by its `Authorization` header: `Bearer <token>` or, as
 * CKAN's clients send it, the bare token. Either way a token request never borrows a cookie session.
 */
const probe = defineModule({
  id: 'probe',
  routes: async (app) => {
    app.get('/api/v1/probe-actor', { config: { csrf: false } }, async (request) => ({ actor: actorLabel(request.actor) }));
    app.get('/probe-actor', async (request) => ({ actor: actorLabel(request.actor) }));
  },
});

let platform: Platform;
let dataDir: string;
let token: string;
let clientId: string;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'erk-token-'));
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, DEMO_DATA: 'false' });
  platform = await createPlatform({ config, modules: [...modules, probe], database: await freshDatabase(), skipMigrations: true });
  await platform.app.ready();
  ({ token, clientId } = await buildApiClient(platform.ctx, ['notify.send']));
});
afterAll(async () => {
  await platform.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

async function actorFor(url: string, authorization?: string): Promise<string> {
  const response = await platform.app.inject({ method: 'GET', url, headers: authorization === undefined ? {} : { authorization } });
  return response.json<{ actor: string }>().actor;
}

describe('tokens in the Authorization header', () => {
  it('reads a bearer token and a bare one, and nothing from other schemes', () => {
    expect(tokenOf('Bearer erk_abc')).toBe('erk_abc');
    expect(tokenOf('bearer   erk_abc')).toBe('erk_abc');
    expect(tokenOf('erk_abc')).toBe('erk_abc');
    expect(tokenOf(' erk_abc ')).toBe('erk_abc');
    expect(tokenOf('Basic dXNlcjpwdw==')).toBeUndefined();
    expect(tokenOf('erk_abc erk_def')).toBeUndefined();
    expect(tokenOf('')).toBeUndefined();
    expect(tokenOf(undefined)).toBeUndefined();
  });

  it('makes a live token sent bare or as Bearer the client actor, and an unknown one nobody', async () => {
    expect(await actorFor('/api/v1/probe-actor', `Bearer ${token}`)).toBe(`client:${clientId}`);
    expect(await actorFor('/api/v1/probe-actor', token)).toBe(`client:${clientId}`);
    expect(await actorFor('/api/v1/probe-actor', 'erk_not-a-real-token')).toBe('anonymous');
    expect(await actorFor('/api/v1/probe-actor', 'Basic dXNlcjpwdw==')).toBe('anonymous');
  });

  it('never borrows the cookie session of a request that carries a token, bare or not', async () => {
    const citizen = new FormClient(platform.app);
    const { user, password } = await buildCitizen(platform.ctx);
    await citizen.get('/anmelden');
    await citizen.post('/anmelden', { email: user.email!, password });
    const own = async (headers: Record<string, string>) => (JSON.parse((await citizen.get('/probe-actor', headers)).body) as { actor: string }).actor;
    expect(await own({})).toBe(`citizen:${user.id}`);
    expect(await own({ authorization: 'erk_not-a-real-token' })).toBe('anonymous');
    expect(await own({ authorization: 'Bearer erk_not-a-real-token' })).toBe('anonymous');
    expect(await own({ authorization: token })).toBe(`client:${clientId}`);
  });
});
