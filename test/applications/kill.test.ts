import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '#kernel/config.ts';
import { openDatabase, type DatabaseTarget } from '#kernel/db/database.ts';
import { createPlatform, type Platform } from '#kernel/platform.ts';
import { hashSecret } from '#modules/applications/access.ts';
import { deleteDraft, insertDraft } from '#modules/applications/repo.drafts.ts';
import { applicationsDb } from '#modules/applications/repo.forms.ts';
import { answerPages, publishShippedForm, startForm } from '#modules/applications/test/builders.ts';
import { modules } from '#modules/index.ts';
import { databaseForTwoProcesses } from '#test/events/shared-database.ts';
import { freePort } from '#test/free-port.ts';
import { FormClient } from '#test/http-client.ts';

/*
 * Nothing acknowledged is lost, nothing is made twice: 2,000 applications are sent by 50 clients at once to
 * the platform running as `npm start` runs it, in a process of its own, which is killed (SIGKILL, no chance
 * to tidy up) in the middle and started again. Every client retries what got no answer; a submission the
 * server had acknowledged must be a case, and each draft must have become exactly one case with the
 * reference its client was told.
 */

const submissions = 2000;
const clients = 50;
const secret = 'kill-test-secret-that-is-long-enough-for-signing';
const main = path.join(import.meta.dirname, '../../src/main.ts');

let shared: Awaited<ReturnType<typeof databaseForTwoProcesses>>;
let dataDir: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  shared = await databaseForTwoProcesses();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'erk-kill-apply-'));
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await shared?.drop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

const env = (port: number) => ({
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  DEMO_DATA: 'false',
  SESSION_SECRET: secret,
  PORT: String(port),
  HOST: '127.0.0.1',
  PUBLIC_URL: `http://127.0.0.1:${port}`,
  // The server finds a PGlite database in DATA_DIR/db, where the shared one lies.
  ...(shared.target.kind === 'postgres' ? { DATABASE_URL: shared.target.url, DATA_DIR: dataDir } : { DATA_DIR: path.dirname(shared.target.dataDir ?? '') }),
});

/** The platform in this process, on the shared database, for preparing and for counting afterwards. */
async function withPlatform<T>(target: DatabaseTarget, use: (platform: Platform) => Promise<T>): Promise<T> {
  const config = loadConfig({ ...env(0), PORT: '3000' }, modules);
  const platform = await createPlatform({ config, modules, database: await openDatabase(target), skipMigrations: true });
  await platform.app.ready();
  try {
    return await use(platform);
  } finally {
    await platform.close();
  }
}

/** One guest's draft of the contact form filled in through the pages, then copied: every copy has its own secret. */
async function prepareDrafts(platform: Platform): Promise<{ id: string; secret: string }[]> {
  const { versionId } = await publishShippedForm(platform.ctx, 'kontakt');
  const client = new FormClient(platform.app);
  const first = await startForm(client, 'kontakt');
  await answerPages(client, first, [{ topic: 'question' }, { message: 'Gilt der Abfallkalender auch für Venrath?' }, {}, { givenName: 'Erika', familyName: 'Muster' }, { answerBy: 'email' }, { email: 'erika@example.org' }]);
  const model = await applicationsDb(platform.ctx.db).selectFrom('application_drafts').select(['id', 'answers']).executeTakeFirstOrThrow();
  await deleteDraft(applicationsDb(platform.ctx.db), model.id);
  const drafts = [];
  for (let index = 0; index < submissions; index += 1) {
    const key = randomBytes(24).toString('base64url');
    const row = await insertDraft(applicationsDb(platform.ctx.db), { formVersionId: versionId, userId: null, secretHash: hashSecret(key), answers: { ...model.answers, email: `person${index}@example.org` }, channel: 'online', enteredBy: null });
    drafts.push({ id: row.id, secret: key });
  }
  return drafts;
}

function startServer(port: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', main], { env: { ...process.env, ...env(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  child.stdout.resume();
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { child, exited, errors: () => errors };
}

async function ready(base: string, server: ReturnType<typeof startServer>): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`The server stopped: ${server.errors()}`);
    const answer = await fetch(`${base}/readyz`).catch(() => null);
    if (answer?.ok) return;
    if (Date.now() > deadline) throw new Error(`The server did not start: ${server.errors()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A browser's CSRF cookie and token, from the form's start page. */
async function csrfOf(base: string): Promise<{ cookie: string; token: string }> {
  const page = await fetch(`${base}/antraege/kontakt`);
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  const cookie = page.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
  if (!token || !cookie) throw new Error(`No form token (${page.status})`);
  return { cookie, token };
}

describe('submitting while the server is killed', () => {
  it('loses no acknowledged application and makes none twice', { timeout: 900_000 }, async () => {
    const drafts = await withPlatform(shared.target, prepareDrafts);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let server = startServer(port);
    await ready(base, server);

    const acknowledged = new Map<string, string>();
    const queue = [...drafts];
    let restarted = false;
    let refusals = 0;
    const killAt = Math.floor(submissions / 3);

    const client = async () => {
      let csrf: { cookie: string; token: string } | null = null;
      for (let draft = queue.shift(); draft; ) {
        try {
          csrf ??= await csrfOf(base);
          const answer = await fetch(`${base}/antraege/entwurf/${draft.id}/absenden`, {
            method: 'POST',
            redirect: 'manual',
            headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `${csrf.cookie}; antrag-${draft.id}=${draft.secret}` },
            body: new URLSearchParams({ _csrf: csrf.token, declared: 'on' }).toString(),
          });
          const location = answer.headers.get('location') ?? '';
          const caseId = /\/antraege\/vorgang\/([0-9a-f-]{36})\/bestaetigung$/.exec(location)?.[1];
          if (answer.status === 303 && caseId) {
            acknowledged.set(draft.id, caseId);
            draft = queue.shift();
          } else if (answer.status >= 500) {
            // A server shutting down or starting answers 503; the client tries again as a browser's user would.
            await new Promise((resolve) => setTimeout(resolve, 200));
          } else {
            refusals += 1;
            throw new Error(`Draft ${draft.id} refused with ${answer.status}: ${(await answer.text()).slice(0, 300)}`);
          }
        } catch (error) {
          if (refusals > 0) throw error;
          // No answer at all: the server is gone. Try the same draft again once it is back.
          csrf = null;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    };

    const killer = (async () => {
      while (acknowledged.size < killAt) await new Promise((resolve) => setTimeout(resolve, 20));
      server.child.kill('SIGKILL');
      await server.exited;
      expect(server.child.signalCode).toBe('SIGKILL');
      server = startServer(port);
      await ready(base, server);
      restarted = true;
    })();

    await Promise.all([...Array.from({ length: clients }, client), killer]);
    expect(restarted).toBe(true);
    expect(acknowledged.size).toBe(submissions);
    server.child.kill('SIGTERM');
    await server.exited;

    await withPlatform(shared.target, async ({ ctx }) => {
      const cases = await applicationsDb(ctx.db).selectFrom('application_cases').select(['id', 'draft_id', 'reference']).execute();
      expect(cases).toHaveLength(submissions);
      const byDraft = new Map(cases.map((made) => [made.draft_id, made.id]));
      for (const [draftId, caseId] of acknowledged) expect(byDraft.get(draftId), draftId).toBe(caseId);
      expect(new Set(cases.map((made) => made.reference)).size).toBe(submissions);
      expect(await applicationsDb(ctx.db).selectFrom('application_drafts').select('id').execute()).toEqual([]);
    });
  });
});
