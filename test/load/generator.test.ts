import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runLoad } from '#bench/load/generator.ts';

/** A real server on loopback that answers /ok, fails /broken with 500 and drops /drop without an answer. */
async function startServer() {
  const hits = new Map<string, number>();
  const firstPathOfSocket = new Map<object, string>();
  const languages = new Set<string>();
  const server = http.createServer((request, response) => {
    const path = request.url ?? '';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (!firstPathOfSocket.has(request.socket)) firstPathOfSocket.set(request.socket, path);
    if (request.headers['accept-language']) languages.add(request.headers['accept-language']);
    if (path === '/drop') return void request.socket.destroy();
    response.writeHead(path === '/broken' ? 500 : 200, { 'content-type': 'text/plain' });
    response.end(path === '/broken' ? 'kaputt' : 'in Ordnung');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, hits, firstPathOfSocket, languages, server };
}

let running: http.Server | undefined;
afterEach(async () => {
  running?.closeAllConnections();
  await new Promise((resolve) => running?.close(resolve) ?? resolve(undefined));
  running = undefined;
});

describe('load generator', () => {
  it('asks for every path equally often from a process of its own and counts answers that are not 2xx', async () => {
    const target = await startServer();
    running = target.server;
    const report = await runLoad({
      baseUrl: target.baseUrl,
      requests: [{ path: '/ok', label: 'fine', headers: { 'accept-language': 'en' } }, { path: '/broken' }],
      connections: 4,
      amount: 200,
    });

    expect(report.requests).toBe(200);
    expect(target.hits.get('/ok')).toBe(100);
    expect(target.hits.get('/broken')).toBe(100);
    expect(report.non2xx).toBe(100);
    expect(report.errors).toBe(0);
    expect(report.statusCodes).toEqual({ 200: 100, 500: 100 });
    expect(report.byLabel.fine).toMatchObject({ requests: 100, non2xx: 0 });
    expect(report.byLabel['/broken']).toMatchObject({ requests: 100, non2xx: 100 });
    expect(report.bytes).toBeGreaterThan(200 * 'kaputt'.length);
    expect(report.perSecond).toBeCloseTo(report.requests / report.seconds, 6);
    const { p50, p95, p99, max } = report.latencyMs;
    expect(0 < p50 && p50 <= p95 && p95 <= p99 && p99 <= max).toBe(true);
    // Headers of a request go with it; the connections do not all start on the same path.
    expect([...target.languages]).toEqual(['en']);
    expect(new Set(target.firstPathOfSocket.values())).toEqual(new Set(['/ok', '/broken']));
  });

  it('counts requests that got no answer as errors of their path, without hiding them', async () => {
    const target = await startServer();
    running = target.server;
    const report = await runLoad({ baseUrl: target.baseUrl, requests: [{ path: '/ok' }, { path: '/drop' }], connections: 2, durationSeconds: 1 });

    expect(report.byLabel['/ok']!.requests).toBeGreaterThan(0);
    expect(report.byLabel['/drop']!.requests).toBe(0);
    expect(report.byLabel['/drop']!.errors).toBeGreaterThan(0);
    expect(report.errors).toBe(report.byLabel['/drop']!.errors);
    // Every dropped request the server saw was counted, except at most one still waiting per connection at the end.
    expect(report.errors).toBeGreaterThanOrEqual(target.hits.get('/drop')! - 2);
  });
});
