import net from 'node:net';
import path from 'node:path';
import { regionalHolidaysOf, stateCodes } from './holidays/rules.ts';
import type { ModuleManifest } from './module.ts';
import {
  assertDeclaredOnce,
  ConfigError,
  configurationProblems,
  defineSettings,
  integer,
  moduleSettingValues,
  oneOf,
  optional,
  readSettings,
  secret,
  settingsSource,
  text,
  url,
  type ModuleSettingsCarrier,
  type SettingValues,
} from './settings.ts';

/*
 * The kernel's settings, declared once; each module declares its own beside its code (`settings.ts`, listed
 * in its manifest). The README's configuration tables are checked against all of them by a test, so the
 * two cannot drift apart.
 */

const socketAddress = (raw: string): { kind: 'tcp'; host: string; port: number } | { kind: 'unix'; path: string } => {
  const unix = /^unix:(\/.+)$/.exec(raw);
  if (unix) return { kind: 'unix', path: unix[1]!.replace(/^\/+/, '/') };
  const tcp = /^tcp:\/\/(?:\[([0-9a-f:.]+)\]|([a-z0-9.-]+)):(\d{1,5})\/?$/i.exec(raw);
  const port = Number(tcp?.[3]);
  if (!tcp || port < 1 || port > 65535) throw new ConfigError('must be tcp://host:port or unix:/path/to/socket');
  return { kind: 'tcp', host: (tcp[1] ?? tcp[2])!, port };
};
const hostList = (raw: string) =>
  raw
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const match = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9.-]+))(?::(\d{1,5}))?$/.exec(entry);
      const host = match?.[1] ?? match?.[2];
      const port = match?.[3] === undefined ? null : Number(match[3]);
      if (!host || (match?.[1] && net.isIP(host) !== 6) || (port !== null && (port < 1 || port > 65535))) {
        throw new ConfigError(`must be a comma-separated list of host or host:port entries ("${entry}" is neither)`);
      }
      return { host, port };
    });

/** Without PUBLIC_URL, links in mails point where the server listens; an address that means "all" or the machine itself is spelt localhost. */
function publicUrlFrom(earlier: Record<string, unknown>): string {
  const host = typeof earlier.HOST === 'string' ? earlier.HOST : '127.0.0.1';
  const port = typeof earlier.PORT === 'number' ? earlier.PORT : 3000;
  const name = ['', '0.0.0.0', '::', '127.0.0.1', '::1'].includes(host) ? 'localhost' : net.isIP(host) === 6 ? `[${host}]` : host;
  return new URL(`http://${name}:${port}`).origin;
}

const variables = {
  CITY_NAME: { description: 'Name of the municipality shown in headers, letters and mails', default: 'Erkelenz', parse: text },
  PORT: { description: 'TCP port the web server listens on', default: '3000', parse: integer(0, 65535) },
  HOST: { description: 'Interface the web server binds to', default: '127.0.0.1', parse: text },
  PUBLIC_URL: {
    description:
      'Address citizens reach the platform at; used in e-mails, letters and OpenID Connect redirects. Cookies are marked Secure and HSTS is sent when it starts with https. When not set: http://HOST:PORT, with localhost for a HOST of 0.0.0.0, ::, 127.0.0.1 or ::1',
    default: { text: '`http://localhost:3000` (from HOST and PORT)', from: publicUrlFrom },
    parse: url('http:', 'https:'),
  },
  TRUST_PROXY: {
    description: 'Number of reverse proxies in front of the platform whose X-Forwarded-For is believed (0 = none); rate limits and logs use the client address this yields',
    default: '0',
    parse: integer(0, 10),
  },
  DATA_DIR: { description: 'Directory for the embedded database, files and the local mail outbox', default: './data', parse: (raw: string) => path.resolve(raw) },
  DATABASE_URL: {
    description: 'PostgreSQL 15+ server (postgres://user:pass@host:port/db); when empty the embedded PGlite database in DATA_DIR/db is used',
    default: '',
    parse: optional(url('postgres:', 'postgresql:')),
    secret: true,
  },
  SMTP_URL: {
    description: 'SMTP server for outgoing mail (smtp:// or smtps://user:pass@host:port); when empty mails are written to DATA_DIR/mail',
    default: '',
    parse: optional(url('smtp:', 'smtps:')),
    secret: true,
  },
  MAIL_FROM: { description: 'Sender address of outgoing mail', default: 'Stadt Erkelenz <noreply@erkelenz.example>', parse: text },
  SMTP_TIMEOUT_SECONDS: {
    description: 'Seconds the SMTP server may take to connect, greet or answer before the attempt is abandoned and retried later',
    default: '20',
    parse: integer(1, 300),
  },
  SESSION_SECRET: {
    description: 'Secret (32+ characters) that signs cookies; required when NODE_ENV=production, generated per start otherwise',
    default: '',
    parse: optional(secret(32)),
    secret: true,
  },
  AUDIT_RETENTION_DAYS: {
    description: 'Days audit records (who did what, whose data was read or changed) are kept before they are deleted',
    default: '730',
    parse: integer(90, 3650),
  },
  PAGE_CACHE: {
    description:
      'Keep rendered public pages (catalogue, home) in memory for visitors without a session, each until its content changes or the minute ends (on/off); off renders every page anew',
    default: 'on',
    parse: oneOf('on', 'off'),
  },
  PAGE_CACHE_MAX_MB: { description: 'Memory the page cache may use, in megabytes; the least recently read pages make room', default: '64', parse: integer(1, 4096) },
  METRICS_TOKEN: {
    description: 'Token (24+ characters) the Prometheus scraper sends as Authorization: Bearer for /metrics; when empty, /metrics answers only requests from the machine itself',
    default: '',
    parse: optional(secret(24)),
    secret: true,
  },
  OUTBOUND_ALLOW_HOSTS: {
    description:
      'Hosts (host or host:port, comma-separated) that requests to other servers (link checks, feed imports) may reach although they resolve to a loopback, private or otherwise internal address, or use a port other than 80 and 443; the platform itself (PUBLIC_URL) needs no entry',
    default: '',
    parse: hostList,
  },
  FILES_S3_URL: {
    description:
      'S3-compatible object storage for uploaded files, as endpoint with the bucket as path (https://s3.example.org/bucket, optionally /bucket/prefix); when empty files are kept in DATA_DIR/files',
    default: '',
    parse: optional(url('http:', 'https:')),
  },
  FILES_S3_REGION: { description: 'Region the object storage signs requests for', default: 'us-east-1', parse: text },
  FILES_S3_ACCESS_KEY_ID: { description: 'Access key of the object storage; required with FILES_S3_URL', default: '', parse: optional(text), secret: true },
  FILES_S3_SECRET_ACCESS_KEY: { description: 'Secret key of the object storage; required with FILES_S3_URL', default: '', parse: optional(text), secret: true },
  FILES_UNREFERENCED_HOURS: {
    description: 'Hours after which a file nothing refers to (an upload whose form was never sent) is deleted',
    default: '24',
    parse: integer(1, 24 * 30),
  },
  CLAMD_URL: {
    description:
      'ClamAV daemon that scans every uploaded file (tcp://host:3310 or unix:/run/clamav/clamd.ctl); a file stays in quarantine until scanned. When empty, files are not scanned and count as clean at once',
    default: '',
    parse: optional(socketAddress),
  },
  CLAMD_TIMEOUT_SECONDS: { description: 'Seconds the ClamAV daemon may take to scan one file before the scan is tried again later', default: '60', parse: integer(1, 3600) },
  SESSION_IDLE_MINUTES: { description: 'A session ends after this many minutes without a request', default: '30', parse: integer(1, 24 * 60) },
  SESSION_ABSOLUTE_HOURS: { description: 'A session ends this many hours after login, active or not', default: '12', parse: integer(1, 24 * 30) },
  HOLIDAY_STATE: {
    description: 'State whose public holidays offices close on (BW, BY, BE, BB, HB, HH, HE, MV, NI, NW, RP, SL, SN, ST, SH or TH)',
    default: 'NW',
    parse: oneOf(...stateCodes),
  },
  HOLIDAY_REGIONAL: {
    description:
      "Regional holidays that apply in the municipality although not in the whole state (comma-separated): mariae-himmelfahrt (BY, Catholic majority), augsburger-friedensfest (BY, Augsburg), fronleichnam (SN and TH, Catholic communities)",
    default: '',
    parse: (raw: string) => [...new Set(raw.split(',').map((entry) => entry.trim().toLowerCase()).filter((entry) => entry !== ''))],
  },
  DEMO_DATA: { description: 'Seed Erkelenz demo data on first start (true/false)', default: 'true', parse: oneOf('true', 'false') },
  LOG_LEVEL: { description: 'Log level: fatal, error, warn, info, debug, trace or silent', default: 'info', parse: oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent') },
  NODE_ENV: { description: 'production hardens defaults (secret required, no developer mail view)', default: 'development', parse: oneOf('development', 'production', 'test') },
};

/** Values that only make sense together; each problem names the variables involved. */
function kernelChecks(config: Partial<SettingValues<typeof variables>>): string[] {
  const problems: string[] = [];
  if (config.NODE_ENV === 'production' && !config.SESSION_SECRET) {
    problems.push('SESSION_SECRET must be set when NODE_ENV=production');
  }
  if (typeof config.FILES_S3_URL === 'string' && new URL(config.FILES_S3_URL).pathname.split('/').every((part) => part === '')) {
    problems.push('FILES_S3_URL must name the bucket as its path (https://host/bucket)');
  }
  if (config.FILES_S3_URL && !(config.FILES_S3_ACCESS_KEY_ID && config.FILES_S3_SECRET_ACCESS_KEY)) {
    problems.push('FILES_S3_ACCESS_KEY_ID and FILES_S3_SECRET_ACCESS_KEY must be set when FILES_S3_URL is set');
  }
  const regional = typeof config.HOLIDAY_STATE === 'string' ? regionalHolidaysOf(config.HOLIDAY_STATE).map((rule) => rule.id) : [];
  const notRegional = (config.HOLIDAY_REGIONAL ?? []).filter((id) => !regional.includes(id));
  if (typeof config.HOLIDAY_STATE === 'string' && notRegional.length > 0) {
    problems.push(`HOLIDAY_REGIONAL names ${notRegional.join(', ')}, not a regional holiday of ${config.HOLIDAY_STATE} (${config.HOLIDAY_STATE} has ${regional.join(', ') || 'none'})`);
  }
  return problems;
}

export const kernelSettings = defineSettings(variables, kernelChecks);
const kernelOwner = { id: 'kernel', settings: kernelSettings };

/** The kernel's settings, typed; a module reads its own with `settingsOf(ctx, itsSettings)`. */
export type Config = SettingValues<typeof variables> & ModuleSettingsCarrier;

type Owner = Pick<ModuleManifest, 'id' | 'settings'>;

/**
 * Reads and validates the configuration: the kernel's settings and those of the modules given. Every bad
 * value is reported at once, each with the reason, so an operator fixes them in one go instead of one
 * restart per mistake.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, modules: readonly Owner[] = []): Config {
  assertDeclaredOnce([kernelOwner, ...modules]);
  const problems: string[] = [];
  const kernel = readSettings([kernelOwner], env, {}, problems);
  const all = readSettings(modules, env, kernel, problems);
  if (problems.length > 0) throw configurationProblems(problems);
  return { ...(kernel as SettingValues<typeof variables>), [moduleSettingValues]: all, [settingsSource]: env };
}

/**
 * The configuration with the settings of modules it was loaded without (a test that loads it before it
 * knows its modules), read from the same environment and validated the same way.
 */
export function withModuleSettings(config: Config, modules: readonly Owner[]): Config {
  assertDeclaredOnce([kernelOwner, ...modules]);
  const loaded = config[moduleSettingValues];
  const missing = modules.filter((module) => Object.keys(module.settings?.variables ?? {}).some((name) => !(name in loaded)));
  if (missing.length === 0) return config;
  const problems: string[] = [];
  const all = readSettings(missing, config[settingsSource], loaded, problems);
  if (problems.length > 0) throw configurationProblems(problems);
  return { ...config, [moduleSettingValues]: all };
}
