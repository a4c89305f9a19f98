import crypto from 'node:crypto';
import { sql } from 'kysely';
import { Counter, Histogram, collectDefaultMetrics, type Registry } from 'prom-client';
import type { App } from '../module.ts';
import type { KernelContext } from '../context.ts';

/** Liveness, readiness and Prometheus metrics, for the operators' probes and scrapers. */
export async function registerOperations(app: App, ctx: KernelContext, registry: Registry): Promise<void> {
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Duration of HTTP requests by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const failures = new Counter({
    name: 'http_server_errors_total',
    help: 'Responses with status 500 or above',
    registers: [registry],
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    duration.observe({ method: request.method, route, status: reply.statusCode }, reply.elapsedTime / 1000);
    if (reply.statusCode >= 500) failures.inc();
  });

  const plain = { response: { 200: { type: 'string' }, 503: { type: 'string' } } } as const;
  app.get('/healthz', { schema: plain, logLevel: 'warn' }, async (_request, reply) => reply.type('text/plain').send('ok'));
  app.get('/readyz', { schema: plain, logLevel: 'warn' }, async (request, reply) => {
    try {
      await sql`select 1`.execute(ctx.db);
      return reply.type('text/plain').send('ready');
    } catch (error) {
      request.log.warn({ err: error }, 'database not reachable');
      return reply.status(503).type('text/plain').send('database unreachable');
    }
  });
  // Metrics tell an attacker which routes exist and how busy the server is: only the scraper may read them.
  app.get('/metrics', { logLevel: 'warn' }, async (request, reply) => {
    const refusal = metricsRefusal(ctx.config.METRICS_TOKEN, request.headers.authorization, request.ip);
    if (refusal === 'token-required') {
      return reply.status(401).header('www-authenticate', 'Bearer realm="metrics"').type('text/plain').send('A valid bearer token is required.');
    }
    if (refusal === 'not-local') {
      return reply.status(403).type('text/plain').send('Metrics are served to this machine only; set METRICS_TOKEN to scrape from elsewhere.');
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}

/** With a token configured, the token decides; without one, only a client on this machine may read. */
function metricsRefusal(token: string | undefined, authorization: string | undefined, clientIp: string): 'token-required' | 'not-local' | null {
  if (token) {
    const given = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '';
    const expected = crypto.createHash('sha256').update(token).digest();
    // Compared as hashes so the comparison takes the same time whatever the length of the guess.
    return crypto.timingSafeEqual(crypto.createHash('sha256').update(given).digest(), expected) ? null : 'token-required';
  }
  return isLoopback(clientIp) ? null : 'not-local';
}

function isLoopback(ip: string): boolean {
  return ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');
}
