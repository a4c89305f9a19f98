import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { catalogDb, linkChecks } from './repo.ts';
import { absolute, checkLinks, checkLinksJob } from './service.links.ts';
import { buildService } from './test/builders.ts';
import { staffClient } from './test/staff.ts';

/*
 * The link checker against real servers and no network: a local HTTP server stands in for the web (named in
 * OUTBOUND_ALLOW_HOSTS, since loopback is otherwise out of bounds), and the platform itself listens on the
 * port its PUBLIC_URL names, so internal links are requested from it.
 */

let platform: TestPlatform;
let web: http.Server;
let webUrl: string;
let closedPortUrl: string;
let closedPort: number;
let platformUrl: string;

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  web = http.createServer((request, response) => {
    if (request.url === '/ok') response.writeHead(200).end('fine');
    else if (request.url === '/only-get') response.writeHead(request.method === 'HEAD' ? 405 : 200).end();
    else if (request.url === '/moved') response.writeHead(301, { location: '/ok' }).end();
    else if (request.url === '/to-metrics') response.writeHead(302, { location: `${platformUrl}/metrics` }).end();
    else if (request.url === '/to-metadata') response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    else if (request.url === '/to-localhost') response.writeHead(307, { location: 'http://localhost/admin' }).end();
    else response.writeHead(404).end('gone');
  });
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  webUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
  closedPort = await freePort();
  closedPortUrl = `http://127.0.0.1:${closedPort}/nobody-listens`;
  const port = await freePort();
  platformUrl = `http://127.0.0.1:${port}`;
  const webPort = (web.address() as AddressInfo).port;
  platform = await createTestPlatform({ PUBLIC_URL: platformUrl, OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${webPort},127.0.0.1:${closedPort}` });
  await platform.app.listen({ host: '127.0.0.1', port });
});
afterAll(async () => {
  await platform.close();
  await new Promise<void>((resolve) => web.close(() => resolve()));
});

describe('link checker', () => {
  it('finds working, redirected, HEAD-refusing, missing and unreachable links, internal ones too', async () => {
    const target = await buildService(platform.ctx);
    const service = await buildService(platform.ctx, {
      channels: [
        { kind: 'online', target: `${webUrl}/ok`, instructions: '' },
        { kind: 'paper', target: `${webUrl}/formular.pdf`, instructions: '' },
        { kind: 'phone', target: '02431 85-0', instructions: '' },
      ],
      links: [
        { label: 'Umgezogen', url: `${webUrl}/moved` },
        { label: 'Nur GET', url: `${webUrl}/only-get` },
        { label: 'Niemand da', url: closedPortUrl },
        { label: 'Intern', url: `/leistungen/${target.slug}` },
        { label: 'Intern kaputt', url: '/leistungen/gibt-es-nicht' },
      ],
    });
    expect(await checkLinks(platform.ctx, service.id)).toEqual({ checked: 7, broken: 3 });
    const checks = await linkChecks(catalogDb(platform.ctx.db), [`${webUrl}/ok`, `${webUrl}/formular.pdf`, `${webUrl}/moved`, `${webUrl}/only-get`, closedPortUrl, `/leistungen/${target.slug}`, '/leistungen/gibt-es-nicht']);
    const summary = Object.fromEntries([...checks].map(([url, check]) => [url.replace(webUrl, 'web'), [check.ok, check.status, check.problem]]));
    expect(summary).toEqual({
      'web/ok': [true, 200, null],
      'web/formular.pdf': [false, 404, 'http-404'],
      'web/moved': [true, 200, null],
      'web/only-get': [true, 200, null],
      [closedPortUrl]: [false, null, 'unreachable'],
      [`/leistungen/${target.slug}`]: [true, 200, null],
      '/leistungen/gibt-es-nicht': [false, 404, 'http-404'],
    });
  });

  it('12.3 refuses links that redirect to the platform\'s own metrics, the cloud metadata service or loopback', async () => {
    const service = await buildService(platform.ctx, {
      links: [
        { label: 'Metriken', url: `${webUrl}/to-metrics` },
        { label: 'Metadaten', url: `${webUrl}/to-metadata` },
        { label: 'Localhost', url: `${webUrl}/to-localhost` },
        { label: 'Direkt', url: 'http://127.0.0.1/' },
      ],
    });
    expect(await checkLinks(platform.ctx, service.id)).toEqual({ checked: 4, broken: 4 });
    const urls = [`${webUrl}/to-metrics`, `${webUrl}/to-metadata`, `${webUrl}/to-localhost`, 'http://127.0.0.1/'];
    const checks = await linkChecks(catalogDb(platform.ctx.db), urls);
    expect(urls.map((url) => [checks.get(url)?.ok, checks.get(url)?.problem])).toEqual(urls.map(() => [false, 'blocked-address']));
    // The editor reads why, not a server that seems to be down.
    const editor = await staffClient(platform, 'editor');
    const page = await editor.client.get(`/verwaltung/katalog/leistungen/${service.id}`);
    expect(page.body).toContain('nicht erreichbar: Adresse im internen Netz, die die Plattform nicht aufruft');
  });

  it('runs as a job an editor queues, shows broken links and blocks publishing until they are fixed', async () => {
    const editor = await staffClient(platform, 'editor');
    const service = await buildService(platform.ctx, { links: [{ label: 'Formular', url: `${webUrl}/weg.pdf` }] }, { publish: false });
    await editor.client.get(`/verwaltung/katalog/leistungen/${service.id}`);
    const queued = await editor.client.post(`/verwaltung/katalog/leistungen/${service.id}/links-pruefen`, {});
    expect(queued.location).toBe(`/verwaltung/katalog/leistungen/${service.id}?notice=links-queued`);
    expect(await platform.ctx.jobs.drain(platform.ctx, [checkLinksJob.name])).toBe(1);
    const page = await editor.client.get(`/verwaltung/katalog/leistungen/${service.id}`);
    expect(page.body).toMatch(/nicht erreichbar: Antwort 404 \(geprüft /);
    const refused = await editor.client.post(`/verwaltung/katalog/leistungen/${service.id}/veroeffentlichen`, {});
    expect(refused.status).toBe(422);
    expect(refused.body).toContain(`Der Link ${webUrl}/weg.pdf war bei der letzten Prüfung nicht erreichbar (HTTP 404). Bitte korrigieren Sie ihn oder lassen Sie die Links erneut prüfen.`);
    expect((await new FormClient(platform.app).get(`/leistungen/${service.slug}`)).status).toBe(404);
    const audit = await platform.ctx.db.selectFrom('audit_log').select('actor_id').where('action', '=', 'catalog.link-check-requested').where('subject_id', '=', service.id).execute();
    expect(audit).toEqual([{ actor_id: editor.user.id }]);
  });

  it('checks every link of the catalogue every night', () => {
    expect(checkLinksJob.cron).toBe('40 3 * * *');
  });

  it('resolves internal paths against the public address', () => {
    expect(absolute('/leistungen/x', 'https://erkelenz.example')).toBe('https://erkelenz.example/leistungen/x');
    expect(absolute('https://a.example/b', 'https://erkelenz.example')).toBe('https://a.example/b');
  });
});
