import { performance } from 'node:perf_hooks';
import { negotiate } from '@fastify/accept-negotiator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { KernelContext } from '../context.ts';
import type { App } from '../module.ts';
import { currentMinute, encodedBody, newPage, PageStore, secondsLeftInMinute, type CachedPage, type Encoding } from './store.ts';

/** A route's promise that its page is the same for every visitor without a session. */
export interface PublicPageOptions {
  /** Scopes of content the page is made from (`catalog`, or `everything`); [] for a page of fixed texts. */
  dependsOn: readonly string[];
}

interface CacheState {
  key: string;
  stamp: string;
  minute: number;
  /** The answer came from the cache; nothing to store. */
  served: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Marks a page every visitor without a session gets alike: cached, compressed once, answered with 304. */
    publicPage?: PublicPageOptions;
  }
  interface FastifyRequest {
    /** Set when the request may be answered from or stored in the page cache. */
    pageCache: CacheState | null;
    /** Milliseconds the page template took, when the route rendered one. */
    renderMs: number | null;
    /** The page carries this visitor's form token, so it is theirs alone and never cached. */
    carriesFormToken: boolean;
  }
}

const encodings: Encoding[] = ['br', 'gzip'];

function sameTag(given: string, etag: string): boolean {
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return given.trim() === '*' || given.split(',').some((tag) => bare(tag) === bare(etag));
}

/** RFC 9110: If-None-Match decides when present; If-Modified-Since only without it. */
function notModified(request: FastifyRequest, page: CachedPage): boolean {
  const noneMatch = request.headers['if-none-match'];
  if (noneMatch !== undefined) return sameTag(noneMatch, page.etag);
  const since = Date.parse(request.headers['if-modified-since'] ?? '');
  return !Number.isNaN(since) && Date.parse(page.lastModified) <= since;
}

function serverTiming(reply: FastifyReply, cache: 'hit' | 'miss' | null, renderMs: number | null): string {
  const parts = [cache ? `cache;desc="${cache}"` : null, renderMs !== null ? `render;dur=${renderMs.toFixed(2)}` : null, `app;dur=${reply.elapsedTime.toFixed(2)}`];
  return parts.filter(Boolean).join(', ');
}

/** Headers and body of a cached page for this request: 304 when the client has it, else in its encoding. */
async function deliver(request: FastifyRequest, reply: FastifyReply, page: CachedPage, cache: 'hit' | 'miss'): Promise<Buffer | string> {
  reply
    .type(page.contentType)
    .header('etag', page.etag)
    .header('last-modified', page.lastModified)
    .header('cache-control', `public, max-age=0, s-maxage=${secondsLeftInMinute()}`)
    // The language comes from a cookie, and a session cookie means another page altogether.
    .header('vary', 'Accept-Encoding, Cookie')
    .header('server-timing', serverTiming(reply, cache, cache === 'hit' ? null : page.renderMs));
  if (notModified(request, page)) {
    reply.code(304);
    return '';
  }
  const accepted = request.headers['accept-encoding'];
  const encoding = accepted ? negotiate<Encoding>(accepted, encodings) : null;
  if (!encoding) return page.body;
  reply.header('content-encoding', encoding);
  return encodedBody(page, encoding);
}

/**
 * Public pages rendered once and served from memory to every visitor without a session, until the content
 * they depend on changes (the database announces it at commit, `versions.ts`) or their minute ends.
 * Registered before any module's routes and before response compression, which leaves these alone.
 */
export function registerPageCache(app: App, ctx: KernelContext, registry: Registry): void {
  const enabled = ctx.config.PAGE_CACHE === 'on';
  const store = new PageStore(ctx.config.PAGE_CACHE_MAX_MB * 1024 * 1024);
  const lookups = new Counter({
    name: 'page_cache_lookups_total',
    help: 'Requests for cacheable public pages: hit (served from memory), miss (rendered), bypass (a signed-in person, never cached)',
    labelNames: ['result'],
    registers: [registry],
  });
  const renderSeconds = new Histogram({
    name: 'page_render_seconds',
    help: 'Time the page template took to render, by route',
    labelNames: ['route'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1],
    registers: [registry],
  });
  new Gauge({ name: 'page_cache_entries', help: 'Pages held in the page cache', registers: [registry], collect() { this.set(store.size); } });
  new Gauge({ name: 'page_cache_bytes', help: 'Memory the page cache counts for its pages', registers: [registry], collect() { this.set(store.bytes); } });

  app.decorateRequest('pageCache', null);
  app.decorateRequest('renderMs', null);
  app.decorateRequest('carriesFormToken', false);

  app.addHook('onRequest', async (request, reply) => {
    const options = request.routeOptions.config.publicPage;
    if (!options || (request.method !== 'GET' && request.method !== 'HEAD')) return;
    if (request.cookies[ctx.sessions.cookieName] !== undefined) {
      lookups.inc({ result: 'bypass' });
      return;
    }
    if (!enabled) return;
    const state: CacheState = { key: `${request.lang}\u0000${request.url}`, stamp: ctx.content.stamp(options.dependsOn), minute: currentMinute(), served: false };
    request.pageCache = state;
    const page = store.get(state.key, state.stamp, state.minute);
    if (!page) return;
    lookups.inc({ result: 'hit' });
    state.served = true;
    const body = await deliver(request, reply, page, 'hit');
    return reply.send(body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (request.renderMs !== null) renderSeconds.observe({ route: request.routeOptions.url ?? 'unmatched' }, request.renderMs / 1000);
    const state = request.pageCache;
    if (state?.served) return payload;
    const storable = state !== null && reply.statusCode === 200 && typeof payload === 'string' && !reply.hasHeader('set-cookie') && !request.carriesFormToken;
    if (state) lookups.inc({ result: 'miss' });
    if (!storable) {
      if (request.renderMs !== null) reply.header('server-timing', serverTiming(reply, state ? 'miss' : null, request.renderMs));
      return payload;
    }
    const page = newPage({ stamp: state.stamp, minute: state.minute, body: payload, contentType: String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8'), renderMs: request.renderMs ?? 0 });
    store.put(state.key, page);
    return deliver(request, reply, page, 'miss');
  });
}

/** For timing a page template: the kernel's `reply.html` calls it. */
export function timed<T>(request: FastifyRequest, render: () => T): T {
  const started = performance.now();
  try {
    return render();
  } finally {
    request.renderMs = performance.now() - started;
  }
}
