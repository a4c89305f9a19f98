import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './free-port.ts';

/*
 * The server exactly as `npm start` runs it (scripts/start.js: the esbuild bundle of src/main.ts on plain
 * Node), on the embedded default with a new data directory, as on a fresh clone.
 */

const root = path.resolve(import.meta.dirname, '..');

interface Started {
  child: ChildProcess;
  baseUrl: string;
  logs: Record<string, unknown>[];
  exited: Promise<number | null>;
}

async function start(dataDir: string): Promise<Started> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' };
  const child = spawn(process.execPath, ['scripts/start.js'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: Record<string, unknown>[] = [];
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      logs.push(entry);
      if (entry.msg === 'platform ready') resolve();
    });
    void exited.then((code) => reject(new Error(`npm start ended with ${code} before it was ready:\n${errors}`)));
  });
  // A start that hangs must not outlive the test: it is stopped and reported.
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  await ready.finally(() => clearTimeout(timer));
  return { child, baseUrl: `http://127.0.0.1:${port}`, logs, exited };
}

async function stop(started: Started): Promise<number | null> {
  started.child.kill('SIGTERM');
  return started.exited;
}

describe('npm start', () => {
  let scratch: string;
  let dataDir: string;
  let first: Started | undefined;

  beforeAll(async () => {
    scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'erk-start-'));
    dataDir = path.join(scratch, 'data');
    first = await start(dataDir);
  }, 90_000);
  afterAll(async () => {
    if (first && first.child.exitCode === null) await stop(first);
    await fs.rm(scratch, { recursive: true, force: true });
  });

  it('migrates and seeds a new data directory, then serves the home page in German and English', async () => {
    const messages = first!.logs.map((entry) => entry.msg);
    expect(messages).toEqual(expect.arrayContaining(['database migrated', 'demo data seeded', 'platform ready']));
    expect(await fs.readFile(path.join(dataDir, 'db', 'PG_VERSION'), 'utf8')).toMatch(/^\d+/);

    const german = await fetch(`${first!.baseUrl}/`);
    expect(german.status).toBe(200);
    const germanPage = await german.text();
    expect(germanPage).toContain('<html lang="de"');
    expect(germanPage).toContain('Umzug nach oder innerhalb von Erkelenz');

    const english = await fetch(`${first!.baseUrl}/?lang=en`);
    expect(english.status).toBe(200);
    expect(await english.text()).toContain('<html lang="en"');
  });

  it('12.25 logs the address mails link to, derived from PORT when PUBLIC_URL is not set', () => {
    const port = new URL(first!.baseUrl).port;
    const notice = first!.logs.find((entry) => String(entry.msg).startsWith('mails and letters link to'));
    expect(notice).toMatchObject({ msg: `mails and letters link to http://localhost:${port}`, publicUrl: `http://localhost:${port}`, from: 'HOST and PORT (PUBLIC_URL not set)' });
  });

  it('stops gracefully, and a restart on the same data neither migrates nor seeds again', async () => {
    expect(await stop(first!)).toBe(0);
    expect(first!.logs.map((entry) => entry.msg)).toContain('shutting down');

    const again = await start(dataDir);
    try {
      const messages = again.logs.map((entry) => entry.msg);
      expect(messages).not.toContain('database migrated');
      expect(messages).not.toContain('demo data seeded');
      const home = await fetch(`${again.baseUrl}/`);
      expect(await home.text()).toContain('Umzug nach oder innerhalb von Erkelenz');
    } finally {
      expect(await stop(again)).toBe(0);
    }
  }, 90_000);
});
