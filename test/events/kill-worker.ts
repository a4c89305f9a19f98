/*
 * A job worker in a process of its own, for the kill test (kill.test.ts); test code only. Started as
 * `node --import tsx kill-worker.ts <mode> <database target as JSON>`:
 *
 * - `die-before-complete` runs the platform's workers; when pg-boss is about to mark a job completed (the
 *   subscriber's transaction has committed by then), it says so on stdout and waits for the SIGKILL the test
 *   sends, so the process dies exactly between commit and completion.
 * - `recover` is the worker after the restart: it runs the delivery queue until the job is completed and
 *   prints how many runs that took.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '#kernel/config.ts';
import { openDatabase, type DatabaseTarget, type SqlExecutor } from '#kernel/db/database.ts';
import { createContext } from '#kernel/platform.ts';
import { killTestModules, killTestSubscriber } from './kill-modules.ts';

const [mode, targetJson] = process.argv.slice(2);
if ((mode !== 'die-before-complete' && mode !== 'recover') || !targetJson) {
  process.stderr.write('usage: kill-worker.ts die-before-complete|recover <target json>\n');
  process.exit(2);
}

/** pg-boss's statement that marks jobs completed (plans.js completeJobs). */
const completing = /SET completed_on = now\(\),\s+state = 'completed'/;

const database = await openDatabase(JSON.parse(targetJson) as DatabaseTarget);
const jobsExecutor: SqlExecutor = {
  executeSql(text, values) {
    if (mode === 'die-before-complete' && completing.test(text)) {
      process.stdout.write(`completing ${JSON.stringify(values?.[1] ?? null)}\n`);
      return new Promise<never>(() => {});
    }
    return database.jobsExecutor.executeSql(text, values);
  },
};

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'erk-kill-worker-'));
const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, DEMO_DATA: 'false' });
const ctx = await createContext({ config, modules: killTestModules, database: { ...database, jobsExecutor }, skipMigrations: true });

if (mode === 'die-before-complete') {
  await ctx.jobs.work(ctx);
  process.stdout.write('working\n');
} else {
  let runs = 0;
  const deadline = Date.now() + 30_000;
  // The job stays active, as the killed worker left it, until its expiry has passed; drain releases it then.
  while (!(await completed()) && Date.now() < deadline) {
    runs += await ctx.jobs.drain(ctx, [killTestSubscriber]);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await ctx.jobs.stop();
  await ctx.database.close();
  await fs.rm(dataDir, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify({ runs })}\n`);
}

async function completed(): Promise<boolean> {
  const { rows } = await database.jobsExecutor.executeSql(`select 1 from pgboss.job where name = $1 and state = 'completed'`, [killTestSubscriber]);
  return rows.length > 0;
}
