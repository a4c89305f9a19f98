import type { FastifyBaseLogger } from 'fastify';
import type { i18n } from 'i18next';
import type { Permissions } from './auth/permissions.ts';
import type { Config } from './config.ts';
import type { Database, Db } from './db/database.ts';
import type { Events } from './events/events.ts';
import type { FileStore } from './files/store.ts';
import type { Jobs } from './jobs.ts';
import type { Mailer } from './mail.ts';
import type { Sessions } from './http/sessions.ts';
import type { SmsSender } from './sms.ts';
import type { ModuleManifest } from './module.ts';
import type { ContentVersions } from './page-cache/versions.ts';

/** The kernel services every module receives. Modules get nothing else injected. */
export interface KernelContext {
  config: Config;
  database: Database;
  db: Db;
  /** How often each scope of published content changed: what cached pages and data are checked against. */
  content: ContentVersions;
  jobs: Jobs;
  /** Uploaded and generated files: put, reference, scan, send as download (`files/README.md`). */
  files: FileStore;
  /** Publishing events to other modules' subscribers (`ctx.events.publish(trx, event, payload)`). */
  events: Events;
  mailer: Mailer;
  /** Short messages to a phone, e.g. a code that confirms a number (`sms.ts`). */
  sms: SmsSender;
  permissions: Permissions;
  sessions: Sessions;
  i18n: i18n;
  log: FastifyBaseLogger;
  modules: readonly ModuleManifest[];
}
