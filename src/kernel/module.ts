import type { FastifyInstance, FastifyBaseLogger, RawServerDefault } from 'fastify';
import type { TFunction } from 'i18next';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Actor, Language } from './auth/actor.ts';
import type { PermissionMap } from './auth/permissions.ts';
import type { RoleDefinition, ScopeKind } from './auth/roles.ts';
import type { Config } from './config.ts';
import type { KernelContext } from './context.ts';
import type { Db, Executor } from './db/database.ts';
import type { Migrations } from './db/migrate.ts';
import type { Locales } from './i18n/i18n.ts';
import type { EventDefinition, Subscription } from './events/define.ts';
import type { DatasetDeclaration } from './declarations/datasets.ts';
import type { FigureDeclaration } from './declarations/figures.ts';
import type { JobDefinition } from './jobs.ts';
import type { SettingsDeclaration } from './settings.ts';

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

export interface NavEntry {
  path: string;
  /** i18n key, `<namespace>:<key>`. */
  label: string;
  /** Position in the main navigation; lower comes first. */
  order: number;
}

/** An entry on the back office's start page, shown to staff who hold its permission. */
export interface StaffLink {
  path: string;
  label: string;
  /** Who sees the link; without one, every member of staff (a page about their own things, such as their trainings). */
  permission?: string;
  order: number;
}

/** A link on the "Mein Konto" page to a module's pages for the signed-in person (messages, applications …). */
export interface AccountLink {
  path: string;
  label: string;
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
  /** Values the sentence interpolates, such as a configured number of days, so the notice states what applies. */
  descriptionValues?: (config: Config) => Record<string, string | number>;
  /** The table and columns the rule covers, so the privacy notice and its test know every personal field. */
  table: string;
  columns: readonly string[];
  /**
   * Deletes or anonymises what has passed its time; returns how many rows it touched. The nightly job passes
   * the platform's context too, for a rule whose records hold files (`ctx.files.removeRefs`).
   */
  purge: (db: Db, now: Date, config: Config, ctx?: KernelContext) => Promise<number>;
}

/**
 * What a module holds about one person with an account. The data download in "Mein Konto" includes every
 * module's export (GDPR Art. 15 and 20); deleting the account runs every module's erase inside the
 * deletion's transaction (Art. 17), before the account row goes. What the city must keep (a case file, the
 * proof that it informed someone) is anonymised rather than deleted, and the erase says so in its module.
 */
export interface PersonalDataSource {
  /**
   * Plain JSON, with field names a person can read; binary content (an attachment) is embedded as base64
   * beside its name, media type and size, so the download is complete in one file; `ctx.files` reads it.
   */
  export(db: Db, userId: string, ctx: KernelContext): Promise<Record<string, unknown>>;
  /** Runs in the deletion's transaction `db`; `ctx` lets it queue follow-up work in that transaction. */
  erase(db: Executor, userId: string, ctx: KernelContext): Promise<void>;
}

/**
 * How the audit log names what a module's records are about (their `subjectType` and `subjectId`): each
 * type in words, and where the module can, the subject itself ("Personalausweis beantragen" rather than
 * an id). The module's actions in words stay under `audit` in its texts, its name for them as `auditGroup`.
 */
export interface AuditSubjects {
  /** Subject type as recorded → i18n key of the type in words ("Leistung", "Nachricht"). */
  types: Readonly<Record<string, string>>;
  /**
   * Words for the given subjects of one of the types, by id; an id it leaves out shows as its type. Ids are
   * as recorded, so not necessarily of the form the module's keys have.
   */
  describe?: (db: Db, t: TFunction, type: string, ids: readonly string[]) => Promise<ReadonlyMap<string, string>>;
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

/** A piece of text, marked where it matched the query; rendered as text and `<mark>`, never as HTML. */
export interface Highlighted {
  text: string;
  match: boolean;
}

export interface SearchFacetValue {
  /** Stable value as it appears in the address (`?lebenslage=umzug`); no colon. */
  value: string;
  /** What the person reads, in the document's language. */
  label: string;
  /** The label in other languages, where the module has it; the search shows the reader's. */
  translations?: Partial<Record<Language, string>>;
}

/** One result of the platform-wide search. */
export interface SearchHit {
  /** The module whose document it is. */
  source: string;
  /** Kind of document, one of the source's `types`; used for the type facet and for ranking. */
  type: string;
  /** Stable within its source. */
  id: string;
  title: string;
  /** Plain-text summary shown when there is no snippet. */
  summary: string;
  url: string;
  /** Relevance: about 0 to 1 from the text, times the type's weight. */
  score: number;
  /** Language of title and summary when it can differ from the page's (catalogue texts are German). */
  lang?: string;
  /** Passage with the query's words marked, for the hits on the page shown when snippets were asked for. */
  snippet?: readonly Highlighted[];
}

/**
 * One document a module hands the kernel's search (`kernel/search/README.md`): public text only, never
 * personal data.
 */
export interface SearchDocument {
  /** One of the source's `types`. */
  type: string;
  /** Stable and unique within the module (a module with several types makes them unique across its types). */
  id: string;
  /** Language of title, summary and body. */
  language: Language;
  url: string;
  title: string;
  summary: string;
  /** Text the snippets are cut from, weighted below title and summary. */
  body: string;
  /** Words that mean the document without appearing in it ("Perso"): weighted like the title. */
  synonyms?: readonly string[];
  /** Words weighted like the summary. */
  keywords?: readonly string[];
  /** Facet values by facet name (`lebenslage`, `dienststelle`, …), each a facet the source declares. */
  facets?: Readonly<Record<string, readonly SearchFacetValue[]>>;
  updatedAt?: Date;
}

/** A thesaurus entry: what people type, and the documents' words for it. */
export interface ThesaurusEntry {
  /** Lower-case phrases as people type them; filler words may be left out. */
  say: readonly string[];
  /** The documents' words for it: alternatives, each a phrase whose words must all occur (whole, stemmed). */
  means: readonly string[];
}

/**
 * A module's contribution to the platform-wide search (`/suche`), read by the kernel's search
 * (`kernel/search/README.md`): the kernel keeps every module's documents in one table, which the module
 * keeps current with `putSearchDocuments` and `removeSearchDocuments` in the transaction of each change.
 */
export interface SearchSource {
  /**
   * Version of the documents' shape. When it differs from the one stored, the kernel rebuilds the module's
   * documents from `documents` at start; raise it whenever what a document holds or a type's weight changes.
   */
  version: number;
  /** The kinds of document this source has: i18n key of the facet label and ranking weight (1 = neutral). */
  types: readonly { type: string; label: string; weight: number }[];
  /** Facets besides the type that this source tags its documents with: address name and i18n key of the label. */
  facets?: readonly { name: string; label: string }[];
  /** What people type and the documents' words for it; the query is read through every module's thesaurus. */
  thesaurus?: { entries: readonly ThesaurusEntry[]; fillerWords?: Iterable<string> };
  /** Every document the module has now, for a rebuild. */
  documents: (db: Db) => Promise<readonly SearchDocument[]>;
}

/** A link on the home page, contributed by a module (a life situation, a dataset, a course). */
export interface HomeLink {
  href: string;
  label: string;
  description?: string;
}

/**
 * A section a module adds to the home page. `load` runs again only after a change announced by a
 * `kernel_content_changed` trigger (page-cache/README.md), so it may read only tables that announce theirs.
 */
/** A way to do a catalogue service that a module runs itself: an online form, its paper twin, a booking. */
export interface ServiceRoute {
  kind: 'online' | 'paper' | 'appointment';
  href: string;
  /** A line the service page shows under the route's link ("Nächster freier Termin: Donnerstag, 3. Dezember"). */
  note?: ServiceRouteNote;
}

/** A line of text in the page's language: an i18n key and its values. */
export interface ServiceRouteNote {
  key: string;
  values?: Readonly<Record<string, string | number>>;
  /** Calendar days (`YYYY-MM-DD`) the text names, written out in the page's language before they are interpolated. */
  days?: Readonly<Record<string, string>>;
}

/**
 * The routes a module offers for catalogue services, by service slug. The catalogue shows them in place of
 * a typed-in address, so the service page and the module never disagree about where the form is.
 */
export interface ServiceRoutes {
  /** Content scopes the routes are made from: cached service pages are made again when one changes. */
  scopes: readonly string[];
  load: (ctx: KernelContext) => Promise<ReadonlyMap<string, readonly ServiceRoute[]>>;
}

export interface HomeContribution {
  /** Position on the home page; lower comes first. */
  order: number;
  load: (db: Db, language: Language) => Promise<HomeSection | null>;
}

export interface HomeSection {
  /** i18n key of the section's heading. */
  heading: string;
  /** i18n key of a sentence under the heading. */
  intro?: string;
  links: readonly HomeLink[];
  /** Language of the links' labels when it can differ from the page's. */
  lang?: string;
  /** A link to everything, its label an i18n key. */
  more?: { href: string; label: string };
}

/**
 * What a module offers visitors, in one sentence each, as i18n keys. The home page and the Leichte Sprache
 * page list these, so they describe exactly the modules that are installed and promise nothing else.
 */
export interface ModuleAbout {
  /** Short name of the offer ("Leistungen"). */
  heading: string;
  /** One sentence on what a visitor can do there. */
  text: string;
  /** The same in Leichte Sprache (German only, as the page is). */
  easyText: string;
  href: string;
  /** Position in both lists; lower comes first. */
  order: number;
}

/**
 * Everything a module adds to the platform, in one typed object. `src/modules/index.ts` lists the
 * manifests; the kernel mounts routes, migrations, jobs, permissions, texts and seeds from there.
 */
export interface ModuleManifest {
  id: string;
  /** The module's migrations by name, from its `migrations/index.ts`. */
  migrations?: Migrations;
  routes?: (app: App, ctx: KernelContext) => Promise<void>;
  nav?: readonly NavEntry[];
  footer?: readonly FooterLink[];
  staffLinks?: readonly StaffLink[];
  accountLinks?: readonly AccountLink[];
  /** Which roles hold each of the module's permissions; roles of any installed module, the kernel's included. */
  permissions?: PermissionMap;
  /** The staff roles the module brings, granted on the staff pages (`accounts`). */
  roles?: readonly RoleDefinition[];
  /** The kinds of thing the module keeps that roles can be bound to (catalog: offices). */
  scopes?: readonly ScopeKind[];
  /** Permissions of other modules its own roles hold too, where those modules are installed (`Permissions`). */
  alsoGrants?: PermissionMap;
  /**
   * The environment variables the module reads (`defineSettings`), validated with the kernel's at start and
   * listed in the README; the module reads them with `settingsOf(ctx, itsSettings)`.
   */
  settings?: SettingsDeclaration;
  jobs?: readonly JobDefinition[];
  /** The events this module publishes (`defineEvent`); publishing one not listed here is refused. */
  events?: readonly EventDefinition[];
  /** The module's subscriptions to other modules' events (`subscribe(event, '<module>.<name>', handler)`). */
  on?: readonly Subscription[];
  locales?: Locales;
  retention?: readonly RetentionRule[];
  personalData?: PersonalDataSource;
  auditSubjects?: AuditSubjects;
  search?: SearchSource;
  /** Datasets the module publishes as open data; the open-data module reads them (`declarations/README.md`). */
  openData?: readonly DatasetDeclaration[];
  /** Figures the module computes for statistics and the strategy cockpit (`declarations/README.md`). */
  stats?: readonly FigureDeclaration[];
  /** A section on the home page (entry points such as life situations). */
  home?: HomeContribution;
  /** Ways to do catalogue services the module runs itself (applications: the online form and its paper twin). */
  serviceRoutes?: ServiceRoutes;
  /** What the module offers visitors, for the home page and the Leichte Sprache page. */
  about?: ModuleAbout;
  commands?: readonly CliCommand[];
  /**
   * Origins the module's pages load images from besides the platform itself (a map's tile server named in its
   * settings), added to the Content-Security-Policy's `img-src`; read once at start.
   */
  imageSources?: (ctx: Pick<KernelContext, 'config'>) => readonly string[];
  /** Inserts demo data on first start; must be idempotent and deterministic. */
  seed?: (ctx: KernelContext) => Promise<void>;
  /**
   * Turns a session's user id into an actor. Exactly one module (accounts) provides it; the kernel
   * knows sessions, not people.
   */
  resolveActor?: (db: Db, userId: string, sessionHash: string) => Promise<Actor | null>;
  /**
   * Turns the token of an `Authorization: Bearer …` header into a machine client actor, or null for an
   * unknown or revoked token. Exactly one module (accounts) provides it.
   */
  resolveClient?: (db: Db, token: string) => Promise<Actor | null>;
}

export function defineModule(manifest: ModuleManifest): ModuleManifest {
  return manifest;
}
