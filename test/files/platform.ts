import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '#kernel/config.ts';
import { fileMailer } from '#kernel/mail.ts';
import type { ModuleManifest } from '#kernel/module.ts';
import { createPlatform, type Platform } from '#kernel/platform.ts';
import { modules } from '#modules/index.ts';
import { freshDatabase } from '#test/platform.ts';

/**
 * The platform as `npm start` builds it, plus modules of the test's own (routes that use the file store
 * the way a module would). Mail goes to files; these tests send none.
 */
export async function platformWith(extra: readonly ModuleManifest[], env: Record<string, string> = {}): Promise<Platform & { runJobs(): Promise<number> }> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'erk-files-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    DEMO_DATA: 'false',
    SESSION_SECRET: 'test-secret-that-is-long-enough-for-signing',
    ...env,
  });
  const platform = await createPlatform({
    config,
    modules: [...modules, ...extra],
    database: await freshDatabase(),
    mailer: fileMailer(path.join(dataDir, 'mail'), config.MAIL_FROM),
    skipMigrations: true,
  });
  await platform.app.ready();
  return {
    ...platform,
    runJobs: () => platform.ctx.jobs.drain(platform.ctx),
    async close() {
      await platform.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
