import type { FastifyInstance, FastifyBaseLogger, RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Actor, Language } from './auth/actor.ts';
import type { PermissionMap } from './auth/permissions.ts';
import type { KernelContext } from './context.ts';
import type { Db } from './db/database.ts';
import type { Locales } from './i18n/i18n.ts';
import type { JobDefinition } from './jobs.ts';

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

export interface NavEntry {
  path: string;
  /** i18n key, `<namespace>:<key>`. */
  label: string;
  /** Position in the main navigation; lower comes first. */
  order: number;
}

export interface FooterLink {
  path: string;
  label: string;
  order: number;
}

/** How long a kind of personal data is kept, and the function that removes what is past its time. */
export interface RetentionRule {
  /** Stable id, `<module>.<what>`. */
  id: string;
  /** i18n key of a sentence for the privacy notice: what is kept, how long, why. */
  description: string;
  /** The table and columns the rule covers, so the privacy notice and its test know every personal field. */
  table: string;
  columns: readonly string[];
  /** Deletes or anonymises what has passed its time; returns how many rows it touched. */
  purge: (db: Db, now: Date) => Promise<number>;
}

/** Where a command writes: standard output and error in the CLI, arrays in tests. */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

/** A command of `npm run cli -- <name> …` that a module offers to operators. */
export interface CliCommand {
  name: string;
  /** One line for `cli help`. */
  summary: string;
  /** Argument synopsis, e.g. `--email <address> --role <role> [--office <id>]`. */
  usage: string;
  /** Runs with the platform's context (database migrated); returns the process exit code. */
  run: (ctx: KernelContext, args: string[], output: CliOutput) => Promise<number>;
}

/** One result a module contributes to the platform-wide search. */
export interface SearchHit {
  /** Kind of document, used for facets and ranking (`service` before `news`). */
  type: string;
  title: string;
  summary: string;
  url: string;
  score: number;
}

export interface SearchSource {
  /** i18n key naming the kind of document in facets. */
  label: string;
  search: (db: Db, query: string, language: Language, limit: number) => Promise<SearchHit[]>;
}

/**
 * Everything a module adds to the platform, in one typed object. `src/modules/index.ts` lists the
 * manifests; the kernel mounts routes, migrations, jobs, permissions, texts and seeds from there.
 */
export interface ModuleManifest {
  id: string;
  /** Absolute path of the module's migrations folder. */
  migrations?: string;
  routes?: (app: App, ctx: KernelContext) => Promise<void>;
  nav?: readonly NavEntry[];
  footer?: readonly FooterLink[];
  permissions?: PermissionMap;
  jobs?: readonly JobDefinition[];
  locales?: Locales;
  retention?: readonly RetentionRule[];
  search?: SearchSource;
  commands?: readonly CliCommand[];
  /** Inserts demo data on first start; must be idempotent and deterministic. */
  seed?: (ctx: KernelContext) => Promise<void>;
  /**
   * Turns a session's user id into an actor. Exactly one module (accounts) provides it; the kernel
   * knows sessions, not people.
   */
  resolveActor?: (db: Db, userId: string, sessionHash: string) => Promise<Actor | null>;
}

export function defineModule(manifest: ModuleManifest): ModuleManifest {
  return manifest;
}
