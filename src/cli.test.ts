import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '#kernel/audit.ts';
import { systemActor } from '#kernel/auth/actor.ts';
import { loadConfig } from '#kernel/config.ts';
import type { Database } from '#kernel/db/database.ts';
import { listStoredMails, sendMailJob } from '#kernel/mail.ts';
import { defineModule, type CliOutput } from '#kernel/module.ts';
import { createContext } from '#kernel/platform.ts';
import { modules } from '#modules/index.ts';
import { emptyDatabase } from '#test/empty-database.ts';
import { freshDatabase } from '#test/platform.ts';
import { runCli } from './cli.ts';

/** A module with a command and demo data of its own, as a feature module would declare them. */
const probe = defineModule({
  id: 'probe',
  commands: [
    {
      name: 'probe-note',
      summary: 'Writes a note into the audit log',
      usage: '--text <text>',
      async run(ctx, args, output) {
        const { values } = parseArgs({ args, options: { text: { type: 'string' } } });
        if (values.text === 'explode') throw new Error('the probe exploded');
        await recordAudit(ctx.db, { actor: systemActor('cli') }, { action: 'probe.noted', subjectType: 'note', reason: values.text ?? null });
        output.out(`Noted: ${values.text}`);
        return 0;
      },
    },
  ],
  seed: async (ctx) => {
    await recordAudit(ctx.db, { actor: systemActor('seed') }, { action: 'probe.seeded', subjectType: 'note' });
  },
});
const withProbe = [...modules, probe];

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const output: CliOutput = { out: (line) => out.push(line), err: (line) => err.push(line) };
  return { out, err, output };
}

let dataDir: string;
let env: Record<string, string>;
let database: Database;
beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'erk-cli-'));
  env = { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, DEMO_DATA: 'false' };
  database = await freshDatabase();
});
afterAll(async () => {
  await database.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('cli help and usage errors', () => {
  it('lists every command, built-in and from modules, with its arguments', async () => {
    const { out, err, output } = capture();
    expect(await runCli(['help'], {}, output, { modules: withProbe })).toBe(0);
    expect(err).toEqual([]);
    const text = out.join('\n');
    expect(text).toContain('Usage: npm run cli -- <command> [arguments]');
    for (const name of ['help', 'migrate', 'seed', 'run-jobs [--only <job name> …]', 'probe-note --text <text>']) expect(text).toContain(`\n  ${name}\n`);
    for (const command of modules.flatMap((module) => module.commands ?? [])) {
      expect(text).toContain(`  ${[command.name, command.usage].filter(Boolean).join(' ')}\n      ${command.summary}\n`);
    }
  });

  it('answers no command and an unknown one with the list of commands and exit code 64', async () => {
    const none = capture();
    expect(await runCli([], {}, none.output)).toBe(64);
    expect(none.err.join('\n')).toContain('Commands:');
    const unknown = capture();
    expect(await runCli(['frobnicate', '--now'], {}, unknown.output)).toBe(64);
    expect(unknown.out).toEqual([]);
    expect(unknown.err[0]).toBe('Unknown command "frobnicate".');
    expect(unknown.err.join('\n')).toContain('  run-jobs');
  });

  it('refuses an unknown option before touching the database', async () => {
    const { err, output } = capture();
    expect(await runCli(['migrate', '--force'], { ...env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }, output)).toBe(64);
    expect(err).toEqual([expect.stringContaining("Unknown option '--force'"), 'Usage: npm run cli -- migrate']);
  });

  it('reports every configuration problem and exits with 2', async () => {
    const { err, output } = capture();
    expect(await runCli(['migrate'], { PORT: 'eighty', LOG_LEVEL: 'loud' }, output)).toBe(2);
    expect(err.join('\n')).toMatch(/PORT must be a whole number[\s\S]*LOG_LEVEL must be one of/);
  });

  it('says so when the database cannot be reached, and exits with 1', async () => {
    const { err, output } = capture();
    expect(await runCli(['migrate'], { ...env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }, output)).toBe(1);
    expect(err.join('\n')).toMatch(/^Failed: .*ECONNREFUSED/);
  });
});

describe('cli migrate', () => {
  it('applies every migration on an empty database, lists them, and applies nothing the second time', async () => {
    const empty = await emptyDatabase();
    try {
      const first = capture();
      expect(await runCli(['migrate'], env, first.output, { database: empty })).toBe(0);
      expect(first.out[0]).toMatch(/^Applied \d+ migration\(s\):$/);
      expect(first.out).toContain('  202611260100_sessions_and_audit');
      expect(first.out.length).toBeGreaterThan(2);
      const second = capture();
      expect(await runCli(['migrate'], env, second.output, { database: empty })).toBe(0);
      expect(second.out).toEqual(['The database is up to date; no migration to apply.']);
    } finally {
      await empty.close();
    }
    // Every migration on a new PGlite database: seconds alone, much longer beside other test files.
  }, 120_000);
});

describe('cli seed and module commands', () => {
  it('seeds each module’s demo data once', async () => {
    const first = capture();
    expect(await runCli(['seed'], env, first.output, { database, modules: withProbe })).toBe(0);
    expect(first.out[0]).toMatch(/^Seeded demo data of: .*\bprobe\b/);
    const second = capture();
    expect(await runCli(['seed'], env, second.output, { database, modules: withProbe })).toBe(0);
    expect(second.out).toEqual(['Every module’s demo data is seeded already.']);
    const rows = await database.db.selectFrom('audit_log').select('action').where('action', '=', 'probe.seeded').execute();
    expect(rows).toHaveLength(1);
  });

  it('runs a module’s command with its arguments and output', async () => {
    const { out, output } = capture();
    expect(await runCli(['probe-note', '--text', 'Schlüssel übergeben'], env, output, { database, modules: withProbe })).toBe(0);
    expect(out).toEqual(['Noted: Schlüssel übergeben']);
    const row = await database.db.selectFrom('audit_log').select(['actor_label', 'reason']).where('action', '=', 'probe.noted').executeTakeFirst();
    expect(row).toEqual({ actor_label: 'system:cli', reason: 'Schlüssel übergeben' });
  });

  it('answers a module command’s bad arguments with its usage, and its failure with exit code 1', async () => {
    const usage = capture();
    expect(await runCli(['probe-note', '--txt', 'x'], env, usage.output, { database, modules: withProbe })).toBe(64);
    expect(usage.err).toEqual([expect.stringContaining("Unknown option '--txt'"), 'Usage: npm run cli -- probe-note --text <text>']);
    const failure = capture();
    expect(await runCli(['probe-note', '--text', 'explode'], env, failure.output, { database, modules: withProbe })).toBe(1);
    expect(failure.err).toEqual(['Failed: the probe exploded']);
  });

  it('refuses two commands of the same name', async () => {
    const clash = defineModule({ id: 'clash', commands: [{ name: 'migrate', summary: 'again', usage: '', run: async () => 0 }] });
    await expect(runCli(['help'], {}, capture().output, { modules: [...modules, clash] })).rejects.toThrow('Command migrate is declared twice');
  });
});

describe('cli run-jobs', () => {
  it('runs the jobs that are due, says how many, and finds none the second time', async () => {
    const ctx = await createContext({ config: loadConfig(env), modules, database, skipMigrations: true });
    await ctx.db.transaction().execute(async (trx) => {
      await ctx.jobs.enqueue(trx, sendMailJob, { to: 'ada@example.org', subject: 'Aus der Warteschlange', text: 'Hallo.' });
    });
    await ctx.jobs.stop();
    ctx.mailer.close();

    const first = capture();
    expect(await runCli(['run-jobs'], env, first.output, { database })).toBe(0);
    expect(first.out).toEqual(['1 job(s) ran.']);
    const mails = await listStoredMails(path.join(dataDir, 'mail'));
    expect(mails.map((mail) => mail.raw).join('\n')).toContain('Subject: Aus der Warteschlange');
    const second = capture();
    expect(await runCli(['run-jobs', '--only', sendMailJob.name], env, second.output, { database })).toBe(0);
    expect(second.out).toEqual(['0 job(s) ran.']);
  });

  it('refuses a job name no module registers', async () => {
    const { err, output } = capture();
    expect(await runCli(['run-jobs', '--only', 'kernel.send-mial'], env, output, { database })).toBe(64);
    expect(err[0]).toMatch(/^Unknown job: kernel\.send-mial\. Known jobs: .*kernel\.send-mail/);
  });
});
