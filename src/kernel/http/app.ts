import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyReply } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { anonymous } from '../auth/actor.ts';
import type { KernelContext } from '../context.ts';
import { registerIslands } from '../html/islands.tsx';
import { renderPage } from '../html/layout.tsx';
import { parseLanguage } from '../i18n/i18n.ts';
import type { App } from '../module.ts';
import { registerErrorHandlers } from './errors.tsx';
import { registerOpenApi } from './openapi.ts';
import { registerOperations } from './operations.ts';
import { HttpProblem } from './problem.ts';
import { databaseRateLimitStore } from './rate-limit-store.ts';
import './request-context.ts';

const kernelDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const kernRoot = path.resolve(kernelDir, '../../node_modules/@kern-ux/native/dist');

export interface AppOptions {
  /** Signs the CSRF cookie. Random per start when not configured, which logs everyone out on restart. */
  cookieSecret: string;
  logger?: boolean;
}

export async function buildApp(ctx: KernelContext, options: AppOptions): Promise<App> {
  const app: App = Fastify({
    loggerInstance: ctx.log,
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
  }).withTypeProvider<TypeBoxTypeProvider>();

  await registerSecurity(app, ctx, options);
  await app.register(fastifyStatic, { root: kernRoot, prefix: '/assets/kern/', immutable: true, maxAge: '30d', decorateReply: false });
  await app.register(fastifyStatic, { root: path.join(kernelDir, 'html/assets'), prefix: '/assets/', maxAge: '1h', decorateReply: false });

  decorateRequests(app, ctx);
  registerErrorHandlers(app, ctx);
  await registerOperations(app, ctx);
  await registerOpenApi(app, ctx);
  await registerIslands(app, ctx.log);

  // Kept for tests that must reach every route (hostile input) and for anything that lists pages later.
  const routeTable: { method: string; url: string }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeTable.push({ method, url: route.url });
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
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // KERN's icons are CSS masks with data: SVGs.
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    referrerPolicy: { policy: 'same-origin' },
  });
  await app.register(fastifyCookie, { secret: options.cookieSecret });
  await app.register(fastifyFormbody, { bodyLimit: 256 * 1024 });
  await app.register(fastifyRateLimit, {
    global: false,
    store: databaseRateLimitStore(ctx.db),
    errorResponseBuilder: (_request, context) =>
      new HttpProblem(429, 'kernel:errors.tooManyRequests', { seconds: Math.ceil(context.ttl / 1000) }),
  });
  await app.register(fastifyCsrf, {
    cookieKey: 'csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', signed: true },
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

function decorateRequests(app: App, ctx: KernelContext) {
  const resolveActor = ctx.modules.find((module) => module.resolveActor)?.resolveActor;
  const resolveClient = ctx.modules.find((module) => module.resolveClient)?.resolveClient;
  const nav = ctx.modules.flatMap((module) => module.nav ?? []).sort((a, b) => a.order - b.order);
  const footer = ctx.modules.flatMap((module) => module.footer ?? []).sort((a, b) => a.order - b.order);

  app.decorateRequest('actor', null as never);
  app.decorateRequest('lang', 'de');
  app.decorateRequest('sessionHash', null);
  app.decorateRequest('sessionData', null as never);
  app.decorateRequest('t', null as never);
  app.decorateRequest('page', null as never);
  app.decorateReply('html', function (this: FastifyReply, options, body) {
    return this.type('text/html; charset=utf-8').send(renderPage(this.request.page, options, body));
  });

  app.addHook('onRequest', async (request, reply) => {
    request.actor = anonymous;
    request.sessionData = {};
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
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
    const query = request.query as Record<string, unknown> | undefined;
    const chosen = parseLanguage(query?.lang);
    if (chosen) reply.setCookie('lang', chosen, { path: '/', maxAge: 31_536_000, sameSite: 'lax', httpOnly: true });
    const personal = request.actor.kind === 'citizen' || request.actor.kind === 'staff' ? request.actor.language : undefined;
    request.lang = chosen ?? parseLanguage(request.cookies.lang) ?? personal ?? 'de';
    request.t = ctx.i18n.getFixedT(request.lang);
    let csrfToken: string | undefined;
    const [pathOnly = '/', queryString = ''] = request.url.split('?');
    request.page = {
      t: request.t,
      lang: request.lang,
      actor: request.actor,
      path: pathOnly,
      query: queryString,
      csrfToken: () => (csrfToken ??= reply.generateCsrf()),
      nav,
      footer,
      cityName: ctx.config.CITY_NAME,
    };
  });
}
