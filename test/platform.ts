import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig } from '#kernel/config.ts';
import { openDatabase, type Database } from '#kernel/db/database.ts';
import type { ModuleManifest } from '#kernel/module.ts';
import { createPlatform, type Platform } from '#kernel/platform.ts';
import { modules } from '#modules/index.ts';
import { startSmtpPeer, type SmtpPeer } from './smtp-peer.ts';
import { withDatabase } from './template.ts';

export interface TestPlatform extends Platform {
  smtp: SmtpPeer;
  /** Runs every queued job now (mail included) and returns how many ran. */
  runJobs(): Promise<number>;
}

/** A fresh copy of the migrated test database: PGlite by default, PostgreSQL when TEST_DATABASE_URL is set. */
export async function freshDatabase(): Promise<Database> {
  const template = inject('databaseTemplate');
  if (template.kind === 'pglite') {
    const data = await fs.readFile(template.file);
    return openDatabase({ kind: 'pglite', loadDataDir: new Blob([data]) });
  }
  const name = `erk_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: template.url });
  await admin.connect();
  await admin.query(`create database ${name} template ${template.template}`);
  await admin.end();
  const database = await openDatabase({ kind: 'postgres', url: withDatabase(template.url, name) });
  return {
    ...database,
    async close() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: template.url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/**
 * The whole platform as `npm start` builds it, on a fresh database, sending mail to a real SMTP peer.
 * Environment overrides go through the same validation as in production; `extraModules` join the
 * platform's own (a test's publisher or subscriber of events, say).
 */
export async function createTestPlatform(env: Record<string, string> = {}, extraModules: readonly ModuleManifest[] = []): Promise<TestPlatform> {
  const smtp = await startSmtpPeer();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'erk-platform-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    DEMO_DATA: 'false',
    SMTP_URL: smtp.url,
    SESSION_SECRET: 'test-secret-that-is-long-enough-for-signing',
    ...env,
  });
  const platform = await createPlatform({ config, modules: [...modules, ...extraModules], database: await freshDatabase(), skipMigrations: true });
  await platform.app.ready();
  return {
    ...platform,
    smtp,
    runJobs: () => platform.ctx.jobs.drain(platform.ctx),
    async close() {
      await platform.close();
      await smtp.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
