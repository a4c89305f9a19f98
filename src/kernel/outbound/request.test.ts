import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '#kernel/config.ts';
import { freePort } from '#test/free-port.ts';
import { isBlockedAddress } from './addresses.ts';
import { requestOutbound } from './request.ts';

/*
 * Outbound requests against real HTTP servers on loopback. Loopback is exactly what the rules refuse, so the
 * tests name their peers in OUTBOUND_ALLOW_HOSTS, as an operator would name an intranet server, and show
 * that everything else on the machine stays out of reach.
 */

interface Peer {
  url: string;
  port: number;
  hits: string[];
  close(): Promise<void>;
}

async function startPeer(handler: (request: http.IncomingMessage, response: http.ServerResponse, peer: Peer) => void): Promise<Peer> {
  const server = http.createServer((request, response) => {
    peer.hits.push(`${request.method} ${request.url}`);
    handler(request, response, peer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const peer: Peer = {
    url: `http://127.0.0.1:${port}`,
    port,
    hits: [],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return peer;
}

let web: Peer;
let internal: Peer;
let platformItself: Peer;
let config: ReturnType<typeof loadConfig>;

beforeAll(async () => {
  internal = await startPeer((_request, response) => response.writeHead(200).end('internal secret'));
  platformItself = await startPeer((request, response) => {
    if (request.url === '/alt') response.writeHead(301, { location: '/neu' }).end();
    else response.writeHead(200).end('platform page');
  });
  web = await startPeer((request, response, self) => {
    const url = new URL(request.url ?? '/', 'http://peer');
    if (url.pathname === '/ok') response.writeHead(200, { 'content-type': 'text/plain', 'x-extra': 'yes' }).end('fine');
    else if (url.pathname === '/moved') response.writeHead(302, { location: '/ok' }).end();
    else if (url.pathname === '/to') response.writeHead(307, { location: url.searchParams.get('target') ?? '/' }).end();
    else if (url.pathname === '/loop') response.writeHead(302, { location: `/loop?n=${self.hits.length}` }).end();
    else if (url.pathname === '/big') response.writeHead(200, { 'content-length': '4096' }).end('x'.repeat(4096));
    else if (url.pathname === '/big-chunked') {
      response.writeHead(200);
      for (let i = 0; i < 8; i += 1) response.write('y'.repeat(512));
      response.end();
    } else if (url.pathname === '/silent') {
      // Answers nothing at all, as a hung server does.
    } else response.writeHead(404).end('gone');
  });
  config = loadConfig({ OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${web.port}`, PUBLIC_URL: platformItself.url });
});
afterAll(async () => {
  await Promise.all([web.close(), internal.close(), platformItself.close()]);
});
beforeEach(() => {
  for (const peer of [web, internal, platformItself]) peer.hits.length = 0;
});

describe('outbound requests', () => {
  it('12.3 classifies loopback, private, link-local, unique-local, CGNAT, multicast, broadcast, documentation and mapped addresses as blocked', () => {
    const blocked = ['127.0.0.1', '10.1.2.3', '172.16.5.4', '192.168.178.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', '192.0.2.7', '198.51.100.7', '203.0.113.7'];
    const blocked6 = ['::1', '::', 'fe80::1', 'fd12:3456::1', 'ff02::1', '2001:db8::1', '::ffff:127.0.0.1', '::ffff:a9fe:a9fe', '64:ff9b::a00:1'];
    const open = ['93.184.216.34', '8.8.8.8', '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8', '64:ff9b::808:808'];
    expect([...blocked, ...blocked6].filter((address) => !isBlockedAddress(address))).toEqual([]);
    expect(open.filter((address) => isBlockedAddress(address))).toEqual([]);
  });

  it('12.3 refuses loopback, metadata and private targets without connecting, however the address is written', async () => {
    const targets = [
      `http://127.0.0.1:${internal.port}/`,
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://2130706433/',
      'http://0x7f.1/',
      'http://10.0.0.1/',
      'http://[fd00::1]/',
      'http://0.0.0.0/',
      'http://localhost/',
    ];
    const reasons = await Promise.all(targets.map(async (url) => [url, await requestOutbound(config, url)] as const));
    expect(reasons.map(([url, result]) => [url, result.ok ? 'reached' : result.reason])).toEqual(targets.map((url) => [url, 'blocked-address']));
    expect(internal.hits).toEqual([]);
  });

  it('12.3 checks every redirect again and refuses one that leads to loopback, metadata or the platform itself', async () => {
    const redirected = (target: string) => requestOutbound(config, `${web.url}/to?target=${encodeURIComponent(target)}`);
    expect(await redirected(`http://127.0.0.1:${internal.port}/metrics`)).toMatchObject({ ok: false, reason: 'blocked-address' });
    expect(await redirected('http://169.254.169.254/latest/meta-data/')).toMatchObject({ ok: false, reason: 'blocked-address', url: 'http://169.254.169.254/latest/meta-data/' });
    expect(await redirected('http://localhost/')).toMatchObject({ ok: false, reason: 'blocked-address' });
    expect(await redirected(`${platformItself.url}/metrics`)).toMatchObject({ ok: false, reason: 'blocked-address' });
    expect(await redirected('file:///etc/passwd')).toMatchObject({ ok: false, reason: 'blocked-scheme' });
    expect(internal.hits).toEqual([]);
    expect(platformItself.hits).toEqual([]);
  });

  it('12.3 allows only http and https, on the default ports unless the operator names another', async () => {
    for (const url of ['ftp://ftp.example.org/file', 'file:///etc/passwd', 'gopher://example.org/', 'data:text/plain,hello']) {
      expect(await requestOutbound(config, url)).toMatchObject({ ok: false, reason: 'blocked-scheme' });
    }
    expect(await requestOutbound(config, 'http://mail.example.org:25/')).toMatchObject({ ok: false, reason: 'blocked-port' });
    expect(await requestOutbound(config, 'https://db.example.org:5432/')).toMatchObject({ ok: false, reason: 'blocked-port' });
    expect(await requestOutbound(config, 'kein link')).toMatchObject({ ok: false, reason: 'invalid-url' });
  });

  it('12.3 returns status, headers and body, following redirects by hand', async () => {
    const result = await requestOutbound(config, `${web.url}/moved`);
    expect(result).toMatchObject({ ok: true, status: 200, url: `${web.url}/ok` });
    if (!result.ok) throw new Error('not reached');
    expect(result.headers['x-extra']).toBe('yes');
    expect(result.body.toString()).toBe('fine');
    expect(web.hits).toEqual(['GET /moved', 'GET /ok']);
    const head = await requestOutbound(config, `${web.url}/missing`, { method: 'HEAD' });
    expect(head).toMatchObject({ ok: true, status: 404 });
  });

  it('12.3 stops at the size limit, announced or not', async () => {
    expect(await requestOutbound(config, `${web.url}/big`, { maxBytes: 1024 })).toMatchObject({ ok: false, reason: 'too-large' });
    expect(await requestOutbound(config, `${web.url}/big-chunked`, { maxBytes: 1024 })).toMatchObject({ ok: false, reason: 'too-large' });
    const within = await requestOutbound(config, `${web.url}/big-chunked`, { maxBytes: 8192 });
    expect(within.ok && within.body.length).toBe(4096);
    expect(await requestOutbound(config, `${web.url}/big`, { maxBytes: 1024, discardBody: true })).toMatchObject({ ok: true, status: 200 });
  });

  it('12.3 gives up after five redirects, on a server that does not answer, and on a closed port', async () => {
    expect(await requestOutbound(config, `${web.url}/loop`)).toMatchObject({ ok: false, reason: 'too-many-redirects' });
    expect(web.hits).toHaveLength(6);
    const started = Date.now();
    expect(await requestOutbound(config, `${web.url}/silent`, { timeoutMs: 300 })).toMatchObject({ ok: false, reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
    const closed = await freePort();
    const unreachable = loadConfig({ OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${closed}` });
    expect(await requestOutbound(unreachable, `http://127.0.0.1:${closed}/`)).toMatchObject({ ok: false, reason: 'unreachable' });
    expect(await requestOutbound(config, 'http://host.invalid/')).toMatchObject({ ok: false, reason: 'unreachable' });
  });

  it('12.3 reaches the platform itself (PUBLIC_URL) for a request that starts and stays there', async () => {
    const result = await requestOutbound(config, `${platformItself.url}/alt`);
    expect(result).toMatchObject({ ok: true, status: 200, url: `${platformItself.url}/neu` });
    expect(platformItself.hits).toEqual(['GET /alt', 'GET /neu']);
  });
});
