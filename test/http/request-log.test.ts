import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '#kernel/config.ts';
import { defineModule } from '#kernel/module.ts';
import { createPlatform, type Platform } from '#kernel/platform.ts';
import { buildCitizen, buildStaff, signInStaff } from '#modules/accounts/test/builders.ts';
import { modules } from '#modules/index.ts';
import { FormClient } from '#test/http-client.ts';
import { freshDatabase } from '#test/platform.ts';
import { redactUrl } from '#kernel/http/request-log.ts';

/** A route that fails with the address it was called with in its message, as a careless error might. */
const probe = defineModule({
  id: 'probe',
  routes: async (app) => {
    app.get('/probe/boom', async (request) => {
      throw new Error(`could not handle ${request.url}`);
    });
  },
});

let platform: Platform;
let dataDir: string;
const lines: string[] = [];

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'erk-request-log-'));
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', DATA_DIR: dataDir, DEMO_DATA: 'false' });
  platform = await createPlatform({ config, modules: [...modules, probe], database: await freshDatabase(), skipMigrations: true, logger });
  await platform.app.ready();
});
afterAll(async () => {
  await platform.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('the request log', () => {
  it('12.4 keeps reset tokens and e-mail addresses of audit filters out of the log, and still names path and parameters', async () => {
    const admin = new FormClient(platform.app);
    await signInStaff(admin, await buildStaff(platform.ctx, [{ role: 'administrator' }]));
    const { user } = await buildCitizen(platform.ctx);
    const email = user.email!;
    lines.length = 0;
    expect((await new FormClient(platform.app).get('/passwort-neu?token=SECRET-RESET-TOKEN')).status).toBeLessThan(500);
    expect((await admin.get(`/verwaltung/protokoll?person=${encodeURIComponent(email)}&action=`)).status).toBe(200);
    expect((await new FormClient(platform.app).get('/leistungen/%E0%A4%A?token=SECRET-IN-BAD-URL')).status).toBe(400);
    expect((await new FormClient(platform.app).get('/probe/boom?token=SECRET-IN-ERROR')).status).toBe(500);
    const log = lines.join('\n');
    for (const secret of ['SECRET-RESET-TOKEN', email, encodeURIComponent(email), email.split('@')[0]!, 'SECRET-IN-BAD-URL', 'SECRET-IN-ERROR']) expect(log).not.toContain(secret);
    const urls = lines.map((line) => JSON.parse(line) as { req?: { url?: string } }).flatMap((entry) => (entry.req?.url ? [entry.req.url] : []));
    expect(urls).toEqual(
      expect.arrayContaining(['/passwort-neu?token=…', '/verwaltung/protokoll?person=…&action=…', '/leistungen/%E0%A4%A?token=…', '/probe/boom?token=…']),
    );
    expect(log).toContain('could not handle /probe/boom?token=…');
  });

  it('12.4 shows a parameter name only when it looks like one', () => {
    expect(redactUrl('/konto')).toBe('/konto');
    expect(redactUrl('/suche?q=Perso&seite=2')).toBe('/suche?q=…&seite=…');
    expect(redactUrl('/bestaetigen?abc123def456&x')).toBe('/bestaetigen?…&x=…');
  });
});
