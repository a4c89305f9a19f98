import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyReply, type FastifyRequest, type FastifySchema } from 'fastify';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Registry } from 'prom-client';
import { anonymous } from '../auth/actor.ts';
import type { KernelContext } from '../context.ts';
import { registerIslands } from '../html/islands.tsx';
import { renderPage } from '../html/layout.tsx';
import { parseLanguage, translator } from '../i18n/i18n.ts';
import type { App } from '../module.ts';
import { registerPageCache, timed } from '../page-cache/http.ts';
import { cookieName, cookieOptions, languageFromCookie, setLanguageCookie } from './cookies.ts';
import { ErrorFormats } from './error-formats.ts';
import { frameworkErrorHandler, registerErrorHandlers } from './errors.tsx';
import { registerOpenApi } from './openapi.ts';
import { registerOperations } from './operations.ts';
import { refuseUnstorableInput } from './input-guard.ts';
import { HttpProblem } from './problem.ts';
import { problemJson } from './problem-json.ts';
import { databaseRateLimitStore } from './rate-limit-store.ts';
import './request-context.ts';
import { requestLogSerializers } from './request-log.ts';
import { securityHeaders } from './security-headers.ts';

const kernelDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const kernRoot = path.resolve(kernelDir, '../../node_modules/@kern-ux/native/dist');

export interface AppOptions {
  /** Signs the CSRF cookie. Random per start when not configured, which logs everyone out on restart. */
  cookieSecret: string;
  logger?: boolean;
}

export async function buildApp(ctx: KernelContext, options: AppOptions): Promise<App> {
  const secure = securityHeaders(ctx.config, [...new Set(ctx.modules.flatMap((module) => module.imageSources?.(ctx) ?? []))]);
  const prepare = requestPreparer(ctx);
  // The platform's APIs refuse with problem details; modules add formats for their prefixes (registerErrorFormat).
  const errorFormats = new ErrorFormats();
  errorFormats.register('/api/', problemJson(ctx.config.PUBLIC_URL, { bearer: true }));
  const asJson = problemJson(ctx.config.PUBLIC_URL, { bearer: false });
  const app: App = Fastify({
    loggerInstance: ctx.log.child({}, { serializers: requestLogSerializers }),
    // Honour an upstream request id so one id follows a request through proxy and platform logs.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : crypto.randomUUID();
    },
    bodyLimit: 1024 * 1024,
    // Believing X-Forwarded-For from anyone would let a client pick its own address and dodge rate limits.
    trustProxy: (_address: string, hop: number) => hop < ctx.config.TRUST_PROXY,
    ajv: { customOptions: { allErrors: true, verbose: true, removeAdditional: true, coerceTypes: 'array' } },
    return503OnClosing: true,
    // A malformed address never reaches a route or its hooks; it still gets the platform's own error page.
    frameworkErrors: frameworkErrorHandler(ctx, errorFormats, asJson, (request, reply) => {
      secure(request.raw, reply.raw);
      request.cookies = app.parseCookie(request.headers.cookie ?? '');
      prepare.bare(request);
    }),
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onRequest', (request, reply, done) => {
    secure(request.raw, reply.raw);
    done();
  });
  await registerSecurity(app, ctx, options);
  // Responses that are not cached pages are compressed as they go out; cached pages were compressed once.
  await app.register(fastifyCompress, { global: true, encodings: ['br', 'gzip'], threshold: 1024 });
  await app.register(fastifyStatic, { root: kernRoot, prefix: '/assets/kern/', immutable: true, maxAge: '30d', decorateReply: false });
  await app.register(fastifyStatic, { root: path.join(kernelDir, 'html/assets'), prefix: '/assets/', maxAge: '1h', decorateReply: false });

  decorateRequests(app);
  app.addHook('onRequest', prepare.full);
  // One registry per app, not prom-client's global one: tests build many apps in one process.
  const metrics = new Registry();
  registerPageCache(app, ctx, metrics);
  refuseUnstorableInput(app);
  keepPersonalPagesOutOfCaches(app);
  app.decorate('errorFormats', errorFormats);
  registerErrorHandlers(app, ctx, errorFormats, asJson);
  await registerOperations(app, ctx, metrics);
  await registerOpenApi(app, ctx);
  await registerIslands(app, ctx.log);

  // Kept for tests that must reach every route (hostile input) and for anything that lists pages later.
  const routeTable: { method: string; url: string; schema?: FastifySchema }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeTable.push({ method, url: route.url, schema: route.schema });
  });
  app.decorate('routeTable', routeTable);

  for (const module of ctx.modules) {
    if (module.routes) {
      const register = module.routes;
      await app.register(async (scope) => register(scope, ctx));
    }
  }
  return app;
}

async function registerSecurity(app: App, ctx: KernelContext, options: AppOptions) {
  await app.register(fastifyCookie, { secret: options.cookieSecret });
  await app.register(fastifyFormbody, { bodyLimit: 256 * 1024 });
  await app.register(fastifyRateLimit, {
    global: false,
    store: databaseRateLimitStore(ctx.db),
    errorResponseBuilder: (_request, context) =>
      new HttpProblem(429, 'kernel:errors.tooManyRequests', { seconds: Math.ceil(context.ttl / 1000) }),
  });
  await app.register(fastifyCsrf, {
    cookieKey: cookieName(ctx.config, 'csrf'),
    cookieOpts: { ...cookieOptions(ctx.config), signed: true },
    getToken: (request) => {
      const body = request.body as Record<string, unknown> | undefined;
      const fromBody = body && typeof body === 'object' ? body._csrf : undefined;
      return typeof fromBody === 'string' ? fromBody : (request.headers['x-csrf-token'] as string | undefined);
    },
  });
  app.addHook('preHandler', (request, reply, done) => {
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(request.method);
    if (!unsafe || request.routeOptions.config.csrf === false) return done();
    app.csrfProtection(request, reply, done);
  });
}

function decorateRequests(app: App) {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('lang', 'de');
  app.decorateRequest('sessionHash', null);
  app.decorateRequest('sessionData', null as never);
  app.decorateRequest('t', null as never);
  app.decorateRequest('page', null as never);
  app.decorateReply('html', function (this: FastifyReply, options, body) {
    const html = timed(this.request, () => renderPage(this.request.page, options, body));
    return this.type('text/html; charset=utf-8').send(html);
  });
}

/**
 * Pages for a signed-in person carry their data (and so does any response that sets a cookie): no cache,
 * shared or private, may keep them. A response that declared itself public (static files, the same for
 * everyone) keeps its caching.
 */
function keepPersonalPagesOutOfCaches(app: App) {
  app.addHook('onSend', async (request, reply, payload) => {
    const personal = request.sessionHash !== null || reply.hasHeader('set-cookie');
    const shared = /\bpublic\b/.test(String(reply.getHeader('cache-control') ?? ''));
    if (personal && !shared) reply.header('cache-control', 'no-store');
    return payload;
  });
}

/**
 * The token of an `Authorization` header: `Bearer <token>`, or a bare single word, which is how CKAN's
 * clients (ckanapi) send their API token. Other schemes (`Basic …`) carry no token of ours.
 */
export function tokenOf(header: string | undefined): string | undefined {
  const value = header?.trim() ?? '';
  return /^Bearer\s+(\S+)$/i.exec(value)?.[1] ?? (/^\S+$/.test(value) ? value : undefined);
}

/** Who is asking, in which language, and what every page needs to render: run first for every request. */
function requestPreparer(ctx: KernelContext) {
  const resolveActor = ctx.modules.find((module) => module.resolveActor)?.resolveActor;
  const resolveClient = ctx.modules.find((module) => module.resolveClient)?.resolveClient;
  const nav = ctx.modules.flatMap((module) => module.nav ?? []).sort((a, b) => a.order - b.order);
  const footer = ctx.modules.flatMap((module) => module.footer ?? []).sort((a, b) => a.order - b.order);

  const identify = async (request: FastifyRequest) => {
    request.actor = anonymous;
    request.sessionData = {};
    const bearer = tokenOf(request.headers.authorization);
    // A machine presents its token and nothing else: a bearer request never borrows a cookie session, and
    // an unknown token leaves it anonymous, which the route then refuses with 401.
    if (bearer && resolveClient) request.actor = (await resolveClient(ctx.db, bearer)) ?? anonymous;
    // A route without the CSRF check (machine APIs) must not act on a cookie either: a browser would send
    // that cookie along with a forged cross-site request.
    const cookiesTrusted = request.routeOptions.config.csrf !== false;
    const token = bearer || !cookiesTrusted ? undefined : request.cookies[ctx.sessions.cookieName];
    const session = token ? await ctx.sessions.store.load(token) : null;
    if (session) {
      request.sessionHash = session.hash;
      request.sessionData = session.data;
      if (session.userId && resolveActor) {
        request.actor = (await resolveActor(ctx.db, session.userId, session.hash)) ?? anonymous;
      }
    }
  };

  /** Language and page context; `reply` is null where the reply's plugins did not run, so nothing is set on it. */
  const localise = (request: FastifyRequest, reply: FastifyReply | null) => {
    const [pathOnly = '/', queryString = ''] = request.url.split('?');
    // Read from the address itself: a request the router refused has no parsed query.
    const chosen = parseLanguage(new URLSearchParams(queryString).get('lang'));
    if (chosen && reply) setLanguageCookie(reply, ctx.config, chosen);
    const personal = request.actor.kind === 'citizen' || request.actor.kind === 'staff' ? request.actor.language : undefined;
    request.lang = chosen ?? languageFromCookie(request, ctx.config) ?? personal ?? 'de';
    request.t = translator(ctx.i18n, request.lang);
    let csrfToken: string | undefined;
    request.page = {
      t: request.t,
      lang: request.lang,
      actor: request.actor,
      path: pathOnly,
      query: queryString,
      csrfToken: () => {
        if (!reply) throw new Error('A page without its reply plugins cannot carry a form');
        request.carriesFormToken = true;
        return (csrfToken ??= reply.generateCsrf());
      },
      nav,
      footer,
      cityName: ctx.config.CITY_NAME,
    };
  };

  return {
    full: async (request: FastifyRequest, reply: FastifyReply) => {
      await identify(request);
      localise(request, reply);
    },
    /**
     * For a request the router refused before any hook ran: shown as to a visitor, because the person's
     * header (with its sign-out form) needs the reply's plugins, which such a request does not get.
     */
    bare: (request: FastifyRequest) => {
      request.actor = anonymous;
      request.sessionData = {};
      localise(request, null);
    },
  };
}
