import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '#kernel/config.ts';
import { defineModule } from '#kernel/module.ts';
import { createPlatform, type Platform } from '#kernel/platform.ts';
import { modules } from '#modules/index.ts';
import { createTestPlatform, freshDatabase } from '#test/platform.ts';

/** Routes only these tests need: one that fails unexpectedly, one that holds its request until released. */
function probeModule() {
  let release!: () => void;
  let entered!: () => void;
  const slow = {
    released: new Promise<void>((resolve) => (release = resolve)),
    entered: new Promise<void>((resolve) => (entered = resolve)),
    release: () => release(),
  };
  const module = defineModule({
    id: 'probe',
    routes: async (app) => {
      app.get('/probe/boom', async () => {
        throw new Error('unexpected failure in a handler');
      });
      app.get('/probe/slow', async (_request, reply) => {
        entered();
        await slow.released;
        return reply.type('text/plain').send('finished');
      });
    },
  });
  return { module, slow };
}

interface LoggedPlatform extends Platform {
  logs: Record<string, unknown>[];
  slow: ReturnType<typeof probeModule>['slow'];
  dispose(): Promise<void>;
}

/** The platform as main.ts builds it, with its log lines collected for the tests to read. */
async function platformWithLogs(): Promise<LoggedPlatform> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'erk-operations-'));
  const logs: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', DATA_DIR: dataDir, DEMO_DATA: 'false' });
  const probe = probeModule();
  const platform = await createPlatform({ config, modules: [...modules, probe.module], database: await freshDatabase(), skipMigrations: true, logger });
  await platform.app.ready();
  return {
    ...platform,
    logs,
    slow: probe.slow,
    async dispose() {
      await platform.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits for something the server does on its own time, without guessing a delay. */
async function until(condition: () => boolean, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

let platform: LoggedPlatform;
beforeAll(async () => {
  platform = await platformWithLogs();
});
afterAll(async () => {
  await platform.dispose();
});

describe('operations endpoints', () => {
  it('answers the liveness probe', async () => {
    const response = await platform.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('ok');
  });

  it('answers the readiness probe when the database answers', async () => {
    const response = await platform.app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('ready');
  });

  it('exposes request durations per route and status to Prometheus', async () => {
    await platform.app.inject({ method: 'GET', url: '/' });
    await platform.app.inject({ method: 'GET', url: '/gibt-es-nicht' });
    const response = await platform.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toContain('# TYPE http_request_duration_seconds histogram');
    expect(response.body).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/",status="200"\} [1-9]/);
    expect(response.body).toMatch(/http_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\} [1-9]/);
    expect(response.body).toContain('process_cpu_seconds_total');
  });

  it('serves metrics without a token only to clients on this machine', async () => {
    const remote = await platform.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9' });
    expect(remote.statusCode).toBe(403);
    expect(remote.body).toContain('METRICS_TOKEN');
    const local = await platform.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '::1' });
    expect(local.statusCode).toBe(200);
  });

  it('serves metrics with METRICS_TOKEN set only to a scraper that sends the token, from anywhere', async () => {
    const token = 'scrape-me-if-you-can-4711-erkelenz';
    const scraped = await createTestPlatform({ METRICS_TOKEN: token });
    try {
      const asked = (authorization?: string) =>
        scraped.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9', headers: authorization ? { authorization } : {} });
      const missing = await asked();
      expect(missing.statusCode).toBe(401);
      expect(missing.headers['www-authenticate']).toBe('Bearer realm="metrics"');
      expect((await asked(`Bearer ${token}x`)).statusCode).toBe(401);
      expect((await asked(`Basic ${token}`)).statusCode).toBe(401);
      // Being local is no way around the token.
      expect((await scraped.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
      const allowed = await asked(`Bearer ${token}`);
      expect(allowed.statusCode).toBe(200);
      expect(allowed.body).toContain('process_cpu_seconds_total');
    } finally {
      await scraped.close();
    }
  });

  it('counts server errors and shows the request id as the reference on the error page', async () => {
    const response = await platform.app.inject({ method: 'GET', url: '/probe/boom', headers: { 'x-request-id': 'lb-7f3a9c-0001' } });
    expect(response.statusCode).toBe(500);
    expect(response.body).toContain('Vorgangsnummer für Rückfragen: lb-7f3a9c-0001');
    expect(response.body).not.toContain('unexpected failure in a handler');
    const metrics = await platform.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/^http_server_errors_total [1-9]/m);
  });
});

describe('request ids', () => {
  it('carries an upstream x-request-id into every log line of the request', async () => {
    await platform.app.inject({ method: 'GET', url: '/probe/boom', headers: { 'x-request-id': 'proxy-req-4711-abcd' } });
    const lines = platform.logs.filter((line) => line.reqId === 'proxy-req-4711-abcd');
    expect(lines.map((line) => line.msg)).toEqual(expect.arrayContaining(['incoming request', 'unexpected error', 'request completed']));
    const failure = lines.find((line) => line.msg === 'unexpected error') as { err?: { message?: string } } | undefined;
    expect(failure?.err?.message).toBe('unexpected failure in a handler');
  });

  it('makes up its own id when the upstream one is missing or malformed', async () => {
    for (const given of [undefined, 'short', 'has spaces in it', `x${'y'.repeat(64)}`, 'semi;colon-1234']) {
      const headers: Record<string, string> = given === undefined ? {} : { 'x-request-id': given };
      const response = await platform.app.inject({ method: 'GET', url: '/probe/boom', headers });
      const reference = /Vorgangsnummer für Rückfragen: ([^<\s]+)/.exec(response.body)?.[1];
      expect(reference).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });
});

describe('shutting down', () => {
  it('reports not ready once the database is gone', async () => {
    const doomed = await platformWithLogs();
    try {
      expect((await doomed.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
      await doomed.ctx.jobs.stop();
      await doomed.ctx.database.close();
      const response = await doomed.app.inject({ method: 'GET', url: '/readyz' });
      expect(response.statusCode).toBe(503);
      expect(response.body).toBe('database unreachable');
      expect((await doomed.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await doomed.dispose();
    }
  });

  it('finishes a request in flight and answers 503 to one arriving while it closes', async () => {
    const closing = await platformWithLogs();
    try {
      await closing.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = closing.app.server.address() as net.AddressInfo;
      const socket = net.connect(port, '127.0.0.1');
      const received: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => received.push(chunk));
      const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
      socket.write('GET /probe/slow HTTP/1.1\r\nHost: localhost\r\n\r\n');
      await closing.slow.entered;

      const closed = closing.app.close();
      await until(() => !closing.app.server.listening);
      // A second request on the same keep-alive connection, arriving after the close began. Node reads it
      // once the first response is out; by then the server is closing and must refuse it.
      socket.write('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n');
      closing.slow.release();
      await closed;
      await ended;

      const answers = Buffer.concat(received).toString('latin1');
      const statuses = [...answers.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((match) => match[1]);
      expect(statuses).toEqual(['200', '503']);
      expect(answers).toContain('\r\n\r\nfinished');
      expect(closing.logs.map((line) => line.msg)).toContain('request aborted - refusing to accept new requests as server is closing');
    } finally {
      closing.slow.release();
      await closing.dispose();
    }
  });
});
