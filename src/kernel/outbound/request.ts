import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net, { type LookupFunction } from 'node:net';
import type { Config } from '../config.ts';
import { isBlockedAddress } from './addresses.ts';

/*
 * The one way the platform requests anything from another server (link checks, open-data URL checks, feed
 * imports). A URL typed by staff or handed over by a redirect must not turn the platform into a door to the
 * machine itself or the network behind it, so every hop is checked before it is made: scheme, port, and
 * the address the host resolves to. The platform resolves the name itself and connects to exactly the
 * address it checked, so a name that answers differently the second time (DNS rebinding) gains nothing.
 */

export type OutboundFailure =
  | 'invalid-url'
  | 'blocked-scheme'
  | 'blocked-port'
  | 'blocked-address'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'unreachable';

export type OutboundResult =
  | { ok: true; status: number; headers: Readonly<Record<string, string>>; body: Buffer; url: string }
  | { ok: false; reason: OutboundFailure; url: string };

export interface OutboundOptions {
  method?: 'GET' | 'HEAD';
  headers?: Readonly<Record<string, string>>;
  /** Status and headers only: the body is not read (a link check needs no 50 MB PDF). */
  discardBody?: boolean;
  /** The longest body read; a longer one ends the request with 'too-large'. */
  maxBytes?: number;
  /** Time for resolving the name and opening the connection, per hop. */
  connectTimeoutMs?: number;
  /** Time for the whole request, redirects included. */
  timeoutMs?: number;
  maxRedirects?: number;
}

export type OutboundConfig = Pick<Config, 'PUBLIC_URL' | 'OUTBOUND_ALLOW_HOSTS'>;

const defaultPorts = new Set([80, 443]);
const redirects = new Set([301, 302, 303, 307, 308]);

class OutboundError extends Error {
  constructor(readonly reason: OutboundFailure) {
    super(reason);
  }
}

function portOf(target: URL): number {
  return Number(target.port || (target.protocol === 'https:' ? 443 : 80));
}

function bareHost(target: URL): string {
  return target.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** Operators (and tests, for their local peers) name hosts the checks let through: `host` or `host:port`. */
function allowListed(config: OutboundConfig, target: URL): boolean {
  const host = bareHost(target);
  const port = portOf(target);
  return config.OUTBOUND_ALLOW_HOSTS.some((entry) => entry.host === host && (entry.port === null || entry.port === port));
}

/** Refuses a hop before any connection is made; the address of a host name is checked when it is resolved. */
function refusalOf(target: URL, trusted: boolean): OutboundFailure | null {
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return 'blocked-scheme';
  if (trusted) return null;
  const host = bareHost(target);
  if (net.isIP(host) !== 0 && isBlockedAddress(host)) return 'blocked-address';
  // Other ports lead to mail, database and cache servers, which do not expect to be spoken to by a web client.
  if (!defaultPorts.has(portOf(target))) return 'blocked-port';
  return null;
}

/** Resolves the name and hands the connection only addresses that passed the check. */
function checkedLookup(trusted: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { all: true, verbatim: true, family: options.family }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      // Every address must pass: which one the connection would use is not ours to predict.
      if (!trusted && addresses.some((entry) => isBlockedAddress(entry.address))) return callback(new OutboundError('blocked-address'), '', 0);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error('no address'), { code: 'ENOTFOUND' }), '', 0);
      if (options.all) return (callback as unknown as (error: null, all: dns.LookupAddress[]) => void)(null, addresses);
      return callback(null, first.address, first.family);
    });
  };
}

type Hop = { kind: 'response'; status: number; headers: Record<string, string>; body: Buffer } | { kind: 'failure'; reason: OutboundFailure };

function headersOf(message: http.IncomingMessage): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) result[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return result;
}

function reasonOf(error: unknown): OutboundFailure {
  if (error instanceof OutboundError) return error.reason;
  const code = (error as { code?: unknown }).code;
  return code === 'ETIMEDOUT' ? 'timeout' : 'unreachable';
}

/** One request, no redirects followed: the response as it came, or why there is none. */
function requestOnce(target: URL, method: string, trusted: boolean, options: Required<Omit<OutboundOptions, 'method'>>, deadline: number): Promise<Hop> {
  return new Promise((resolve) => {
    const transport = target.protocol === 'https:' ? https : http;
    const request = transport.request({
      method,
      hostname: bareHost(target),
      port: portOf(target),
      path: `${target.pathname}${target.search}`,
      headers: { 'accept-encoding': 'identity', ...options.headers },
      lookup: checkedLookup(trusted),
      // A fresh connection per hop: a pooled one may lead to an address checked for another host.
      agent: false,
    });
    let settled = false;
    const finish = (hop: Hop) => {
      if (settled) return;
      settled = true;
      clearTimeout(total);
      clearTimeout(connecting);
      resolve(hop);
    };
    const fail = (reason: OutboundFailure) => {
      finish({ kind: 'failure', reason });
      request.destroy();
    };
    const total = setTimeout(() => fail('timeout'), Math.max(0, deadline - Date.now()));
    const connecting = setTimeout(() => fail('timeout'), options.connectTimeoutMs);
    request.once('socket', (socket) => socket.once('connect', () => clearTimeout(connecting)));
    request.on('error', (error) => fail(reasonOf(error)));
    request.once('response', (response) => {
      const headers = headersOf(response);
      const status = response.statusCode ?? 0;
      const wanted = method !== 'HEAD' && !options.discardBody && !redirects.has(status);
      if (!wanted) {
        response.destroy();
        return finish({ kind: 'response', status, headers, body: Buffer.alloc(0) });
      }
      if (Number(headers['content-length'] ?? 0) > options.maxBytes) return fail('too-large');
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) return fail('too-large');
        chunks.push(chunk);
      });
      response.once('end', () => finish({ kind: 'response', status, headers, body: Buffer.concat(chunks) }));
      response.on('error', (error) => fail(reasonOf(error)));
    });
    request.end();
  });
}

/**
 * Requests a URL from another server under the rules above, following redirects by hand (each target is
 * checked like the first). Never throws for anything the other side or the URL can cause.
 *
 * The platform's own address (PUBLIC_URL) is let through while a request starts there and stays there: it
 * is how internal links ("/leistungen/…") are checked, and PUBLIC_URL names a loopback or private address
 * on a developer's machine or in an intranet installation. A chain that starts elsewhere never gets this
 * trust, so an outside server cannot redirect the platform to itself (its loopback-only /metrics, say).
 */
export async function requestOutbound(config: OutboundConfig, url: string, options: OutboundOptions = {}): Promise<OutboundResult> {
  const settings = {
    headers: options.headers ?? {},
    discardBody: options.discardBody ?? false,
    maxBytes: options.maxBytes ?? 5 * 1024 * 1024,
    connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
    timeoutMs: options.timeoutMs ?? 10_000,
    maxRedirects: options.maxRedirects ?? 5,
  };
  const deadline = Date.now() + settings.timeoutMs;
  const ownOrigin = new URL(config.PUBLIC_URL).origin;
  const method = options.method ?? 'GET';
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { ok: false, reason: 'invalid-url', url };
  }
  let ownChain = target.origin === ownOrigin;
  for (let hop = 0; ; hop += 1) {
    ownChain = ownChain && target.origin === ownOrigin;
    const trusted = ownChain || allowListed(config, target);
    const refusal = refusalOf(target, trusted);
    if (refusal) return { ok: false, reason: refusal, url: target.href };
    const result = await requestOnce(target, method, trusted, settings, deadline);
    if (result.kind === 'failure') return { ok: false, reason: result.reason, url: target.href };
    const location = result.headers.location;
    if (!redirects.has(result.status) || !location) {
      return { ok: true, status: result.status, headers: result.headers, body: result.body, url: target.href };
    }
    if (hop >= settings.maxRedirects) return { ok: false, reason: 'too-many-redirects', url: target.href };
    try {
      target = new URL(location, target);
    } catch {
      return { ok: false, reason: 'invalid-url', url: location };
    }
  }
}
