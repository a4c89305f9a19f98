import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '#kernel/auth/actor.ts';
import { filesDb } from '#kernel/files/repo.ts';
import { freePort } from '#test/free-port.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { downloadPath, datasetPath, resourcePath } from '../addresses.ts';
import { opendataDb } from '../repo.ts';
import { createDataset } from '../service.datasets.ts';
import { checkUrl, checkUrls } from './links.ts';

/*
 * Link checks against a real local server (named in OUTBOUND_ALLOW_HOSTS, since loopback is otherwise out of
 * bounds) and, for the portal's own addresses, against the catalogue and the file store of a test platform.
 */

const publicUrl = 'https://daten.example.org';
let platform: TestPlatform;
let web: http.Server;
let webUrl: string;
let closedUrl: string;
let resourceId: string;
let missingFileResourceId: string;
const methods: string[] = [];

beforeAll(async () => {
  web = http.createServer((request, response) => {
    methods.push(`${request.method} ${request.url}`);
    if (request.url === '/ok') response.writeHead(200).end('fine');
    else if (request.url === '/only-get') response.writeHead(request.method === 'HEAD' ? 405 : 200).end();
    else response.writeHead(404).end('gone');
  });
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  const webPort = (web.address() as AddressInfo).port;
  webUrl = `http://127.0.0.1:${webPort}`;
  const closed = await freePort();
  closedUrl = `http://127.0.0.1:${closed}/niemand`;
  platform = await createTestPlatform({ PUBLIC_URL: publicUrl, OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${webPort},127.0.0.1:${closed}` });

  const db = opendataDb(platform.ctx.db);
  await db.insertInto('opendata_organizations').values({ name: 'vermessung', title: 'Amt für Vermessung' }).execute();
  const created = await createDataset(
    platform.ctx,
    systemActor('test'),
    { name: 'ladestationen', organization: 'vermessung', title: 'Ladestationen', description: 'Ladepunkte', keywords: [], themes: ['TRAN'], licence: 'cc-by/4.0', contactEmail: 'a@b.example', spatial: [], frequency: 'MONTHLY' },
    { state: 'active' },
  );
  if (!created.ok) throw new Error(created.reason);
  const stored = await platform.ctx.files.put(Buffer.from('name;leistung\nMarkt;22\n'), { accept: ['text/csv'], maxBytes: 1024 });
  if (!stored.ok) throw new Error(stored.reason);
  const addResource = async (fileId: string) => {
    const resource = await db.insertInto('opendata_resources').values({ dataset_id: created.id, title: 'CSV', format: 'CSV', media_type: 'text/csv', external_url: null, table_schema: null }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('opendata_resource_versions').values({ resource_id: resource.id, version: 1, file_id: fileId, filename: 'a.csv', byte_size: 24, media_type: 'text/csv', status: 'loaded', note: null, created_by: null, finished_at: null, row_count: 1 }).execute();
    return resource.id;
  };
  resourceId = await addResource(stored.file.id);
  // A version whose file the store will not hand out any more: found infected by a later scan.
  const infected = await platform.ctx.files.put(Buffer.from('name;leistung\nBahnhof;50\n'), { accept: ['text/csv'], maxBytes: 1024 });
  if (!infected.ok) throw new Error(infected.reason);
  await filesDb(platform.ctx.db).updateTable('files').set({ status: 'infected' }).where('id', '=', infected.file.id).execute();
  missingFileResourceId = await addResource(infected.file.id);
});
afterAll(async () => {
  await platform?.close();
  await new Promise<void>((resolve) => web.close(() => resolve()));
});

describe('link checks', () => {
  it('asks other servers with HEAD and falls back to GET only where HEAD is refused', async () => {
    methods.length = 0;
    expect(await checkUrl(platform.ctx, `${webUrl}/ok`)).toBe(true);
    expect(await checkUrl(platform.ctx, `${webUrl}/only-get`)).toBe(true);
    expect(await checkUrl(platform.ctx, `${webUrl}/weg`)).toBe(false);
    expect(methods).toEqual(['HEAD /ok', 'HEAD /only-get', 'GET /only-get', 'HEAD /weg']);
    expect(await checkUrl(platform.ctx, closedUrl)).toBe(false);
    expect(await checkUrl(platform.ctx, 'kein link')).toBe(false);
    expect(await checkUrl(platform.ctx, 'http://169.254.169.254/latest/meta-data/')).toBe(false);
  });

  it('answers the portal’s own addresses from the catalogue and the file store, without a request', async () => {
    methods.length = 0;
    const own = (path: string) => checkUrl(platform.ctx, `${publicUrl}${path}`);
    expect(await own(datasetPath('ladestationen'))).toBe(true);
    expect(await own(datasetPath('gibt-es-nicht'))).toBe(false);
    expect(await own(resourcePath('ladestationen', resourceId))).toBe(true);
    expect(await own(downloadPath('ladestationen', resourceId))).toBe(true);
    expect(await own(downloadPath('ladestationen', missingFileResourceId))).toBe(false);
    expect(await own(downloadPath('anderer-datensatz', resourceId))).toBe(false);
    expect(await own(resourcePath('ladestationen', '6a1f3c1e-0000-4000-8000-00000000dead'))).toBe(false);
    expect(await own('/impressum')).toBeUndefined();
    expect(methods).toEqual([]);
  });

  it('checks a list once per address and answers as the score asks', async () => {
    const alive = await checkUrls(platform.ctx, [`${webUrl}/ok`, `${webUrl}/weg`, `${webUrl}/ok`, `${publicUrl}${downloadPath('ladestationen', resourceId)}`]);
    expect(alive(`${webUrl}/ok`)).toBe(true);
    expect(alive(`${webUrl}/weg`)).toBe(false);
    expect(alive(`${publicUrl}${downloadPath('ladestationen', resourceId)}`)).toBe(true);
    expect(alive(`${webUrl}/nie-gefragt`)).toBeUndefined();
  });
});
