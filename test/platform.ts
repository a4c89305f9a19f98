import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '#kernel/config.ts';
import type { ModuleManifest } from '#kernel/module.ts';
import type { Logger } from 'pino';
import { createPlatform, type Platform } from '#kernel/platform.ts';
import { modules } from '#modules/index.ts';
import { freshDatabase } from './database.ts';
import { startSmtpPeer, type SmtpPeer } from './smtp-peer.ts';

export { freshDatabase };

export interface TestPlatform extends Platform {
  smtp: SmtpPeer;
  /** Runs every queued job now (mail included) and returns how many ran. */
  runJobs(): Promise<number>;
}

/**
 * The whole platform as `npm start` builds it, on a fresh database, sending mail to a real SMTP peer.
 * Environment overrides go through the same validation as in production; `extraModules` join the
 * platform's own (a test's publisher or subscriber of events, say). A `logger` replaces the silent one,
 * for a test that reads what the platform logs.
 */
export async function createTestPlatform(env: Record<string, string> = {}, extraModules: readonly ModuleManifest[] = [], logger?: Logger): Promise<TestPlatform> {
  const smtp = await startSmtpPeer();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'erk-platform-'));
  const all = [...modules, ...extraModules];
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      DEMO_DATA: 'false',
      SMTP_URL: smtp.url,
      SESSION_SECRET: 'test-secret-that-is-long-enough-for-signing',
      ...env,
    },
    all,
  );
  const platform = await createPlatform({ config, modules: all, database: await freshDatabase(), skipMigrations: true, ...(logger ? { logger } : {}) });
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
