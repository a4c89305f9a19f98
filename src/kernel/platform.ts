import crypto from 'node:crypto';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import { Permissions } from './auth/permissions.ts';
import { SessionStore } from './auth/sessions.ts';
import { withModuleSettings, type Config } from './config.ts';
import type { KernelContext } from './context.ts';
import { openDatabase, type Database, type DatabaseTarget } from './db/database.ts';
import { migrateToLatest, type Migrations } from './db/migrate.ts';
import { openFileStore } from './files/store.ts';
import { Events } from './events/events.ts';
import { EventRegistry } from './events/registry.ts';
import { prepareIslands } from './html/islands.tsx';
import { buildApp } from './http/app.ts';
import { Sessions } from './http/sessions.ts';
import { createI18n } from './i18n/i18n.ts';
import { Jobs } from './jobs.ts';
import { fileMailer, smtpMailer, type Mailer } from './mail.ts';
import { fileSms, smsDirectory, type SmsSender } from './sms.ts';
import { kernelManifest } from './manifest.ts';
import { ContentVersions } from './page-cache/versions.ts';
import { rebuildStaleSearchSources } from './search/rebuild.ts';
import type { App, ModuleManifest } from './module.ts';

export interface Platform {
  ctx: KernelContext;
  app: App;
  /** Stops workers, closes the HTTP server, the mailer and the database, in that order. */
  close(): Promise<void>;
}

export interface PlatformOptions {
  config: Config;
  modules: readonly ModuleManifest[];
  /** Overrides where the database lives (tests hand in a prepared copy). */
  database?: DatabaseTarget | Database;
  mailer?: Mailer;
  sms?: SmsSender;
  logger?: Logger;
  /** Skips running migrations when the database is known to be current (test templates). */
  skipMigrations?: boolean;
}

export function databaseTargetFrom(config: Config): DatabaseTarget {
  return config.DATABASE_URL
    ? { kind: 'postgres', url: config.DATABASE_URL }
    : { kind: 'pglite', dataDir: path.join(config.DATA_DIR, 'db') };
}

export function migrationSets(modules: readonly ModuleManifest[]): Migrations[] {
  return [kernelManifest, ...modules].flatMap((module) => (module.migrations ? [module.migrations] : []));
}

/** Opens the database, migrates it, and assembles the kernel services every module receives. */
export async function createContext(options: PlatformOptions): Promise<KernelContext> {
  const all = [kernelManifest, ...options.modules];
  // Checked before the database opens: a bad module setting, a role nobody declares or a subscriber on the
  // wrong version must stop the start, not half of it.
  const config = withModuleSettings(options.config, all);
  const permissions = new Permissions(all);
  const registry = new EventRegistry(all);
  const log = options.logger ?? pino({ level: config.LOG_LEVEL, redact: ['req.headers.cookie', 'req.headers.authorization'] });
  const given = options.database;
  const database = given && 'db' in given ? given : await openDatabase(given ?? databaseTargetFrom(config));
  if (!options.skipMigrations) {
    const applied = await migrateToLatest(database.db, migrationSets(options.modules));
    if (applied.length > 0) log.info({ applied }, 'database migrated');
  }
  const locales = Object.fromEntries(all.flatMap((module) => (module.locales ? [[module.id, module.locales]] : [])));
  const mailer =
    options.mailer ??
    (config.SMTP_URL ? smtpMailer(config.SMTP_URL, config.MAIL_FROM, config.SMTP_TIMEOUT_SECONDS) : fileMailer(path.join(config.DATA_DIR, 'mail'), config.MAIL_FROM));
  const jobs = new Jobs(database.jobsExecutor, [...all.flatMap((module) => module.jobs ?? []), ...registry.deliveryJobs]);
  const store = new SessionStore(database.db, { idleMinutes: config.SESSION_IDLE_MINUTES, absoluteHours: config.SESSION_ABSOLUTE_HOURS });
  const ctx: KernelContext = {
    config,
    database,
    db: database.db,
    content: new ContentVersions(database.changes),
    jobs,
    events: new Events(registry, jobs),
    mailer,
    sms: options.sms ?? fileSms(smsDirectory(config.DATA_DIR)),
    files: openFileStore(config, database.db, log, () => ctx.jobs),
    permissions,
    sessions: new Sessions(store, config),
    i18n: await createI18n(locales),
    log,
    modules: all,
  };
  // Before anything is served: a module whose search documents changed shape (or that kept them in a table
  // of its own before) gets them rebuilt, so the search never answers from documents of the wrong shape.
  const rebuilt = await rebuildStaleSearchSources(ctx.db, all);
  if (rebuilt.length > 0) log.info({ rebuilt }, 'search documents rebuilt');
  await ctx.jobs.prepare(ctx);
  return ctx;
}

/** Runs each module's demo seed once; a module seeded before is skipped. */
export async function seedDemoData(ctx: KernelContext): Promise<string[]> {
  const seeded: string[] = [];
  for (const module of ctx.modules) {
    if (!module.seed) continue;
    const done = await ctx.db.selectFrom('seed_runs').select('module_id').where('module_id', '=', module.id).executeTakeFirst();
    if (done) continue;
    await module.seed(ctx);
    await ctx.db.insertInto('seed_runs').values({ module_id: module.id }).execute();
    seeded.push(module.id);
  }
  return seeded;
}

export async function createPlatform(options: PlatformOptions): Promise<Platform> {
  prepareIslands();
  const ctx = await createContext(options);
  if (options.config.DEMO_DATA === 'true') {
    const seeded = await seedDemoData(ctx);
    if (seeded.length > 0) ctx.log.info({ seeded }, 'demo data seeded');
  }
  const cookieSecret = options.config.SESSION_SECRET ?? crypto.randomBytes(32).toString('base64url');
  const app = await buildApp(ctx, { cookieSecret });
  return {
    ctx,
    app,
    async close() {
      await ctx.jobs.stop();
      await app.close();
      ctx.mailer.close();
      await ctx.files.close();
      await ctx.database.close();
    },
  };
}
