import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '#kernel/config.ts';
import { openDatabase } from '#kernel/db/database.ts';
import { createContext } from '#kernel/platform.ts';
import { modules } from '#modules/index.ts';
import { withDatabase } from './database.ts';

export const templateName = 'erk_test_template';

/** Builds the migrated starting point every test database is copied from (schema plus pg-boss). */
export async function prepareTemplate(dir: string, postgresUrl: string | undefined) {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dir, DEMO_DATA: 'false' });
  if (postgresUrl) {
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${templateName}'`);
    await admin.query(`drop database if exists ${templateName}`);
    await admin.query(`create database ${templateName}`);
    await admin.end();
    const url = withDatabase(postgresUrl, templateName);
    const ctx = await createContext({ config, modules, database: await openDatabase({ kind: 'postgres', url }) });
    await ctx.jobs.stop();
    await ctx.database.close();
    return { kind: 'postgres' as const, url: postgresUrl, template: templateName };
  }
  const ctx = await createContext({ config, modules, database: await openDatabase({ kind: 'pglite' }) });
  await ctx.jobs.stop();
  const file = path.join(dir, 'template.tar.gz');
  await fs.writeFile(file, Buffer.from(await (await ctx.database.dump!()).arrayBuffer()));
  await ctx.database.close();
  return { kind: 'pglite' as const, file };
}

