import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '#kernel/auth/actor.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { search } from './datastore/index.ts';
import { opendataDb } from './repo.ts';
import { datasetByName } from './service.catalog.ts';
import { declarations, declaredName, isDue, publishDeclaration, temporalCoverage } from './service.declared.ts';
import { datasetQuality, portalQuality } from './service.quality.ts';
import { claimLoad, releaseLoad } from './repo.loads.ts';
import { addResource, processVersion, receiveVersion } from './service.resources.ts';
import { createDataset, type DatasetInput } from './service.datasets.ts';
import { seedOpendata } from './seed/index.ts';

let platform: TestPlatform;

/** A seeded dataset's metadata as input, to make another like it. */
async function inputOf(name: string): Promise<DatasetInput> {
  const dataset = (await datasetByName(platform.ctx, name))!;
  return {
    name: dataset.name,
    organization: dataset.organization.name,
    title: dataset.title,
    description: dataset.description,
    keywords: dataset.keywords,
    themes: dataset.themes,
    licence: dataset.licence,
    contactEmail: dataset.contact.email,
    temporalStart: dataset.temporal?.start,
    temporalEnd: dataset.temporal?.end,
    spatial: dataset.spatial,
    frequency: dataset.frequency,
  };
}
const actor = systemActor('test');

beforeAll(async () => {
  platform = await createTestPlatform();
  await seedOpendata(platform.ctx);
  await platform.runJobs();
}, 120_000);
afterAll(async () => {
  await platform.close();
});

describe('the demo datasets', () => {
  it('load every seeded file, messy German CSV and GeoJSON included, into typed DataStore tables', async () => {
    const expected = { 'einwohner-stadtbezirke': 9, ladesaeulen: 8, 'oeffentliche-einrichtungen': 7 };
    for (const [name, rows] of Object.entries(expected)) {
      const dataset = await datasetByName(platform.ctx, name);
      const resource = dataset!.resources[0]!;
      expect(resource.current).toMatchObject({ version: 1, status: 'loaded', rowCount: rows });
      expect(resource.datastoreActive).toBe(true);
    }
    const stations = (await datasetByName(platform.ctx, 'ladesaeulen'))!.resources[0]!;
    const types = Object.fromEntries(stations.tableSchema!.fields.map((field) => [field.name, field.type]));
    expect(types).toMatchObject({ breitengrad: 'number', inbetriebnahmedatum: 'date', anzahl_ladepunkte: 'integer', strasse: 'string' });
    const found = await search(platform.ctx, stations.id, { filters: { ladeeinrichtungs_id: '900003' } });
    expect(found.records[0]).toMatchObject({ breitengrad: 51.0951, inbetriebnahmedatum: '2019-11-20', ort: 'Erkelenz-Gerderath' });
  });

  it('marks the made-up ones as demo data and keeps the official figures unmarked', async () => {
    expect((await datasetByName(platform.ctx, 'ladesaeulen'))!.demo).toBe(true);
    expect((await datasetByName(platform.ctx, 'einwohner-stadtbezirke'))!.demo).toBe(false);
  });
});

describe('quality', () => {
  it('rates every seeded dataset, the declared ones included, excellent (at least 351 of 405 points)', async () => {
    const { portal, datasets } = await portalQuality(platform.ctx);
    expect(datasets.length).toBeGreaterThanOrEqual(8);
    for (const { dataset, quality } of datasets) expect(quality.score.points, `${dataset.name}: ${JSON.stringify(quality.score.indicators.filter((one) => one.points < one.max))}`).toBeGreaterThanOrEqual(351);
    expect(portal.rating).toBe('excellent');
  });

  it('shows the rating and points on the dataset page', async () => {
    const page = await platform.app.inject({ method: 'GET', url: '/daten/einwohner-stadtbezirke' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ausgezeichnet');
    expect(page.body).toMatch(/\d+ von 405 Punkten/);
  });

  it('reads what the nightly link check found for an address on another server: a dead one costs the access points', async () => {
    const created = await createDataset(platform.ctx, actor, { ...(await inputOf('einwohner-stadtbezirke')), name: 'extern-api' }, { state: 'active' });
    if (!created.ok) throw new Error(created.reason);
    const url = 'https://daten.example.org/api/einwohner';
    expect(await addResource(platform.ctx, actor, created.id, { title: 'Schnittstelle', format: 'JSON', externalUrl: url })).toMatchObject({ ok: true });
    const checks = opendataDb(platform.ctx.db).insertInto('opendata_link_checks');
    await checks.values({ url, alive: true }).execute();
    const alive = await datasetQuality(platform.ctx, (await datasetByName(platform.ctx, 'extern-api'))!);
    await opendataDb(platform.ctx.db).updateTable('opendata_link_checks').set({ alive: false }).where('url', '=', url).execute();
    const dead = await datasetQuality(platform.ctx, (await datasetByName(platform.ctx, 'extern-api'))!);
    expect(alive.score.points - dead.score.points).toBe(50);
    expect(dead.score.indicators.find((one) => one.points < one.max)?.improve).toMatch(/^opendata:quality\./);
  });
});

describe('versions', () => {
  it('keeps the newest good version current when a new file does not pass its checks, with the report on the bad one', async () => {
    const districts = (await datasetByName(platform.ctx, 'einwohner-stadtbezirke'))!.resources[0]!;
    const bad = await platform.ctx.files.put(Buffer.from('Stadtbezirk-Nr,Stadtbezirk,Stadtbezirk\n01,Erkelenz\n'), { accept: ['text/csv'], maxBytes: 10_000 });
    if (!bad.ok) throw new Error('put failed');
    const received = await receiveVersion(platform.ctx, actor, districts.id, { fileId: bad.file.id, filename: 'kaputt.csv' });
    expect(received).toMatchObject({ ok: true, version: 2 });
    await platform.runJobs();
    const version = await opendataDb(platform.ctx.db).selectFrom('opendata_resource_versions').selectAll().where('resource_id', '=', districts.id).where('version', '=', 2).executeTakeFirstOrThrow();
    expect(version.status).toBe('invalid');
    expect(JSON.stringify(version.report)).toContain('duplicate-header');
    const after = (await datasetByName(platform.ctx, 'einwohner-stadtbezirke'))!.resources[0]!;
    expect(after.current).toMatchObject({ version: 1, rowCount: 9 });
    expect((await search(platform.ctx, districts.id, {})).total).toBe(9);
  });
});

describe('loads of one resource', () => {
  it('run one at a time: a second version waits while a load is claimed, takes over a claim its worker left an hour ago, and is not overwritten by the older one', async () => {
    const districts = (await datasetByName(platform.ctx, 'einwohner-stadtbezirke'))!.resources[0]!;
    const older = await platform.ctx.files.put(Buffer.from('nr;name\n1;Erkelenz\n2;Lövenich\n'), { accept: ['text/csv'], maxBytes: 10_000 });
    const newer = await platform.ctx.files.put(Buffer.from('nr;name\n1;Erkelenz\n2;Lövenich\n3;Keyenberg\n'), { accept: ['text/csv'], maxBytes: 10_000 });
    if (!older.ok || !newer.ok) throw new Error('put failed');
    const first = await receiveVersion(platform.ctx, actor, districts.id, { fileId: older.file.id, filename: 'a.csv' });
    const second = await receiveVersion(platform.ctx, actor, districts.id, { fileId: newer.file.id, filename: 'b.csv' });
    if (!first.ok || !second.ok) throw new Error('versions refused');
    const { db } = platform.ctx;
    expect(await claimLoad(db, districts.id, first.versionId)).toBe(true);
    await expect(processVersion(platform.ctx, second.versionId)).rejects.toThrow(/is loading/);
    // The first version's own retry may go on with its claim.
    expect(await claimLoad(db, districts.id, first.versionId)).toBe(true);
    await opendataDb(db).updateTable('opendata_resource_loads').set({ started_at: new Date(Date.now() - 61 * 60_000) }).where('resource_id', '=', districts.id).execute();
    await processVersion(platform.ctx, second.versionId);
    const versions = await opendataDb(db).selectFrom('opendata_resource_versions').select(['id', 'status']).where('id', '=', second.versionId).executeTakeFirstOrThrow();
    expect(versions.status).toBe('loaded');
    expect(await opendataDb(db).selectFrom('opendata_resource_loads').selectAll().where('resource_id', '=', districts.id).execute()).toEqual([]);
    await releaseLoad(db, districts.id, first.versionId);
    // The first version's job comes after the second loaded: it is superseded, and the newer rows stay.
    await platform.runJobs();
    expect((await opendataDb(db).selectFrom('opendata_resource_versions').select('status').where('id', '=', first.versionId).executeTakeFirstOrThrow()).status).toBe('superseded');
    expect((await search(platform.ctx, districts.id, {})).total).toBe(3);
    expect((await datasetByName(platform.ctx, 'einwohner-stadtbezirke'))!.resources[0]!.current).toMatchObject({ version: second.version });
  });
});

describe('the datasets other modules declare', () => {
  it('are published under the city, each with a CSV checked against its declared schema', async () => {
    const all = declarations(platform.ctx);
    expect(all.length).toBeGreaterThanOrEqual(4);
    for (const declaration of all) {
      const dataset = await datasetByName(platform.ctx, declaredName(declaration.id));
      expect(dataset, declaration.id).not.toBeNull();
      expect(dataset!.organization.name).toBe('stadt-erkelenz');
      expect(dataset!.declarationId).toBe(declaration.id);
      expect(dataset!.resources[0]!.current?.status, declaration.id).toBe('loaded');
      expect(dataset!.resources[0]!.tableSchema!.fields.map((field) => field.name)).toEqual(declaration.schema.fields.map((field) => field.name));
    }
  });

  it('state the period their rows speak of, from their date columns, and none for a directory of how things stand', async () => {
    const periods = new Map<string, unknown>();
    for (const declaration of declarations(platform.ctx)) {
      // Published again now: the seed of a module may have come after the first publication.
      await publishDeclaration(platform.ctx, declaration);
      const period = temporalCoverage(declaration, await declaration.rows(platform.ctx.db, platform.ctx.config));
      periods.set(declaration.id, (await datasetByName(platform.ctx, declaredName(declaration.id)))!.temporal);
      expect(periods.get(declaration.id), declaration.id).toEqual(period ? { start: period.temporalStart, end: period.temporalEnd } : null);
    }
    // The catalogue of services speaks of how things stand; a table of days of the days it holds.
    expect(periods.get('catalog.services')).toBeNull();
    const column = (name: string, type: 'date' | 'yearmonth' | 'year') => ({ name, type, title: 'opendata:declared.keyword', description: 'opendata:declared.keyword' });
    const declaration = {
      ...declarations(platform.ctx).find((one) => one.id === 'catalog.services')!,
      id: 'test.days',
      schema: { fields: [column('day', 'date'), column('month', 'yearmonth'), column('year', 'year')] },
      rows: async () => [{ day: '2026-11-30', month: null, year: null }, { day: '2026-01-05', month: null, year: null }],
    };
    await publishDeclaration(platform.ctx, declaration);
    expect((await datasetByName(platform.ctx, declaredName('test.days')))!.temporal).toEqual({ start: '2026-01-05', end: '2026-11-30' });
    expect(temporalCoverage(declaration, [{ day: '2026-03-05', month: '2024-02', year: null }, { day: null, month: null, year: 2027 }])).toEqual({ temporalStart: '2024-02-01', temporalEnd: '2027-12-31' });
    expect(temporalCoverage(declaration, [{ month: '2024-02' }])).toEqual({ temporalStart: '2024-02-01', temporalEnd: '2024-02-29' });
    expect(temporalCoverage(declaration, [{ day: 'gestern' }])).toBeUndefined();
  });

  it('take a new version only when the rows changed', async () => {
    const declaration = declarations(platform.ctx).find((one) => one.id === 'catalog.services')!;
    expect(await publishDeclaration(platform.ctx, declaration)).toBe('unchanged');
    const dataset = await datasetByName(platform.ctx, declaredName(declaration.id));
    const versions = await opendataDb(platform.ctx.db).selectFrom('opendata_resource_versions').select('version').where('resource_id', '=', dataset!.resources[0]!.id).execute();
    expect(versions).toHaveLength(1);
  });

  it('are due when their schedule fired since their last refresh', () => {
    const now = new Date('2027-03-10T05:00:00Z');
    // 04:15 in Berlin is 03:15 UTC in winter.
    expect(isDue('15 4 * * *', new Date('2027-03-10T03:00:00Z'), now)).toBe(true);
    expect(isDue('15 4 * * *', new Date('2027-03-10T03:20:00Z'), now)).toBe(false);
    expect(isDue('15 4 * * *', null, now)).toBe(true);
  });
});
