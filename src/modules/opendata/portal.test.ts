import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '#kernel/auth/actor.ts';
import { htmlProblems } from '#test/html-validity.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { opendataDb } from './repo.ts';
import { createDataset, setDatasetState, type DatasetInput } from './service.datasets.ts';
import type { PublishedTableSchema, VersionStatus } from './tables.ts';

let platform: TestPlatform;
let client: FormClient;
let resourceId: string;
let draftResourceId: string;
let datasetId: string;
const system = systemActor('portal-test');

const schema: PublishedTableSchema = {
  fields: [
    { name: 'standort', type: 'string', title: 'Standort', description: 'Straße und Hausnummer der Ladesäule' },
    { name: 'leistung', type: 'number', title: 'Ladeleistung', description: 'Höchste Ladeleistung eines Ladepunkts', unit: 'kW' },
  ],
};

function input(name: string, overrides: Partial<DatasetInput> = {}): DatasetInput {
  return {
    name,
    organization: 'stadtwerke',
    title: 'Ladestationen für Elektrofahrzeuge',
    description: 'Öffentlich zugängliche Ladesäulen im Stadtgebiet mit Standort und Ladeleistung.\n\nDie Liste wird monatlich aktualisiert.',
    keywords: ['Elektromobilität', 'Ladesäule'],
    themes: ['TRAN', 'ENER'],
    licence: 'dl-by-de/2.0',
    attribution: 'Stadt Erkelenz, Stadtwerke',
    contactEmail: 'daten@erkelenz.example',
    spatial: ['05370016'],
    frequency: 'MONTHLY',
    temporalStart: '2024-01-01',
    demo: true,
    ...overrides,
  };
}

async function created(result: Awaited<ReturnType<typeof createDataset>>): Promise<string> {
  if (!result.ok) throw new Error(`dataset not created: ${JSON.stringify(result)}`);
  return result.id;
}

async function addCsvResource(datasetRowId: string, versions: { csv: string; status: VersionStatus }[]): Promise<string> {
  const db = opendataDb(platform.ctx.db);
  const resource = await db
    .insertInto('opendata_resources')
    .values({ dataset_id: datasetRowId, title: 'Standorte der Ladesäulen', format: 'CSV', media_type: 'text/csv', table_schema: JSON.stringify(schema), external_url: null, title_en: null, description_en: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [index, version] of versions.entries()) {
    const put = await platform.ctx.files.put(Buffer.from(version.csv), { accept: ['text/csv'], maxBytes: 100_000 });
    if (!put.ok) throw new Error(put.reason);
    await db
      .insertInto('opendata_resource_versions')
      .values({ resource_id: resource.id, version: index + 1, file_id: put.file.id, filename: 'ladesaeulen.csv', byte_size: version.csv.length, media_type: 'text/csv', status: version.status, row_count: 2 })
      .execute();
  }
  return resource.id;
}

beforeAll(async () => {
  platform = await createTestPlatform();
  client = new FormClient(platform.app);
  const ctx = platform.ctx;
  await opendataDb(ctx.db)
    .insertInto('opendata_organizations')
    .values({ name: 'stadtwerke', title: 'Stadtwerke Erkelenz', title_en: 'Erkelenz public utilities', description_en: null, email: 'daten@erkelenz.example', url: null })
    .execute();
  datasetId = await created(await createDataset(ctx, system, input('ladestationen'), { state: 'active' }));
  await created(await createDataset(ctx, system, input('einwohner-stadtteile', { title: 'Einwohner nach Stadtteilen', description: 'Einwohnerzahlen je Stadtteil.', themes: ['SOCI'], keywords: ['Bevölkerung'], licence: 'cc-by/4.0', demo: false }), { state: 'active' }));
  const draftId = await created(await createDataset(ctx, system, input('geheimer-entwurf', { title: 'Unveröffentlichter Entwurf' })));
  resourceId = await addCsvResource(datasetId, [
    { csv: 'standort,leistung\nMarkt 1,22\n', status: 'valid' },
    { csv: 'standort,leistung\nkaputt\n', status: 'invalid' },
    { csv: 'standort,leistung\nMarkt 1,22\nBahnhof 3,50\n', status: 'loaded' },
  ]);
  draftResourceId = await addCsvResource(draftId, [{ csv: 'standort,leistung\nGeheim 1,11\n', status: 'valid' }]);
});
afterAll(async () => {
  await platform.close();
});

describe('the portal search', () => {
  it('lists published datasets with their facets, never a draft, as valid HTML', async () => {
    const page = await client.get('/daten');
    expect(page.status).toBe(200);
    expect(await htmlProblems('/daten', page.body)).toEqual([]);
    expect(page.body).toContain('2 Datensätze');
    expect(page.body).toContain('Ladestationen für Elektrofahrzeuge');
    expect(page.body).toContain('Einwohner nach Stadtteilen');
    expect(page.body).not.toContain('Unveröffentlichter Entwurf');
    // Facets name themes and licences in words, each a link that adds the filter.
    expect(page.body).toContain('href="/daten?kategorie=SOCI"');
    expect(page.body).toContain('Bevölkerung und Gesellschaft (1)');
    expect(page.body).toContain('Datenlizenz Deutschland – Namensnennung – Version 2.0 (1)');
    expect(page.body).toContain('Stadtwerke Erkelenz (2)');
    expect(page.body).toContain('Beispieldaten');
  });

  it('narrows by a facet and by words, and says when nothing matches', async () => {
    const byTheme = await client.get('/daten?kategorie=SOCI');
    expect(byTheme.body).toContain('1 Datensatz');
    expect(byTheme.body).toContain('Einwohner nach Stadtteilen');
    expect(byTheme.body).not.toContain('Ladestationen für Elektrofahrzeuge');
    expect(byTheme.body).toContain('aria-current="true"');
    const byWords = await client.get('/daten?q=Lades%C3%A4ule');
    expect(byWords.body).toContain('1 Datensatz');
    expect(byWords.body).toContain('Ladestationen für Elektrofahrzeuge');
    const none = await client.get('/daten?q=Zeppelinlandeplatz');
    expect(none.body).toContain('Keine Datensätze gefunden.');
  });

  it('refuses an unknown order and a page past the end', async () => {
    expect((await client.get('/daten?sortierung=zufall')).status).toBe(400);
    expect((await client.get('/daten?seite=5')).status).toBe(404);
  });
});

describe('the dataset page', () => {
  it('shows the key facts, the files with every version that passed, the API calls and the citation', async () => {
    const page = await client.get('/daten/ladestationen');
    expect(page.status).toBe(200);
    expect(await htmlProblems('/daten/ladestationen', page.body)).toEqual([]);
    expect(page.body).toContain('Dies sind Beispieldaten, keine amtlichen Daten der Stadt.');
    expect(page.body).toContain('href="https://www.govdata.de/dl-de/by-2-0"');
    expect(page.body).toContain('Bitte nennen Sie beim Weiterverwenden: Stadt Erkelenz, Stadtwerke');
    expect(page.body).toContain('Verkehr, Energie');
    expect(page.body).toContain('monatlich');
    expect(page.body).toContain('ab 1. Januar 2024');
    expect(page.body).toContain('href="mailto:daten@erkelenz.example"');
    expect(page.body).toContain(`href="/daten/ladestationen/ressourcen/${resourceId}/download"`);
    expect(page.body).toContain(`href="/daten/ladestationen/ressourcen/${resourceId}/versionen/3/download"`);
    expect(page.body).toContain(`href="/daten/ladestationen/ressourcen/${resourceId}/versionen/1/download"`);
    expect(page.body).not.toContain(`/versionen/2/download`);
    const publicUrl = platform.ctx.config.PUBLIC_URL.replace(/\/$/, '');
    expect(page.body).toContain(`GET ${publicUrl}/api/3/action/package_show?id=ladestationen`);
    expect(page.body).toContain(`curl '${publicUrl}/api/3/action/package_show?id=ladestationen'`);
    expect(page.body).toMatch(new RegExp(`Stadtwerke Erkelenz \\(\\d{4}\\): Ladestationen für Elektrofahrzeuge\\. Erkelenz\\. ${publicUrl.replace(/[.]/g, '\\.')}/daten/ladestationen \\(abgerufen am \\d{1,2}\\. \\p{L}+ \\d{4}\\)`, 'u'));
    expect(page.body).toContain('href="/daten/ladestationen/dcat.ttl"');
  });

  it('names the area covered by its place, with the municipality key as secondary text', async () => {
    const page = await client.get('/daten/ladestationen');
    expect(page.body).toMatch(/<li>Heinsberg<br\/><span class="[^"]*">Gemeindeschlüssel 05370016<\/span><\/li>/);
    expect(page.body).not.toMatch(/<dd[^>]*>05370016/);
  });

  it('is in English where asked, with the labels translated', async () => {
    const page = await new FormClient(platform.app).get('/daten/ladestationen?lang=en');
    expect(page.body).toContain('Transport, Energy');
    expect(page.body).toContain('This is sample data, not official data of the city.');
    expect(page.body).toContain('Erkelenz public utilities');
  });

  it('answers 404 for an unknown name and for a draft, and leads from the id to the name', async () => {
    const unknown = await client.get('/daten/gibt-es-nicht');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain('Diesen Datensatz gibt es nicht oder er ist nicht veröffentlicht.');
    expect((await client.get('/daten/geheimer-entwurf')).status).toBe(404);
    const byId = await client.get(`/daten/${datasetId}`);
    expect(byId.status).toBe(301);
    expect(byId.location).toBe('/daten/ladestationen');
  });
});

describe('the resource page and downloads', () => {
  it('describes each column with its type and unit', async () => {
    const path = `/daten/ladestationen/ressourcen/${resourceId}`;
    const page = await client.get(path);
    expect(page.status).toBe(200);
    expect(await htmlProblems(path, page.body)).toEqual([]);
    expect(page.body).toContain('Höchste Ladeleistung eines Ladepunkts');
    expect(page.body).toMatch(/<td class="kern-table__cell">Zahl<\/td><td class="kern-table__cell">Höchste Ladeleistung eines Ladepunkts<\/td><td class="kern-table__cell">kW<\/td>/);
  });

  it('gives the newest version that passed at the stable address and each version at its own, with a telling name', async () => {
    const newest = await client.get(`/daten/ladestationen/ressourcen/${resourceId}/download`);
    expect(newest.status).toBe(200);
    expect(newest.body).toContain('Bahnhof 3,50');
    expect(String(newest.headers['content-disposition'])).toContain('ladestationen-standorte-der-ladesaeulen-v3.csv');
    const first = await client.get(`/daten/ladestationen/ressourcen/${resourceId}/versionen/1/download`);
    expect(first.status).toBe(200);
    expect(first.body).not.toContain('Bahnhof');
    expect(String(first.headers['content-disposition'])).toContain('-v1.csv');
    expect((await client.get(`/daten/ladestationen/ressourcen/${resourceId}/versionen/2/download`)).status).toBe(404);
    expect((await client.get(`/daten/ladestationen/ressourcen/${resourceId}/versionen/9/download`)).status).toBe(404);
  });

  it('hides the files of a draft and a resource asked for under another dataset', async () => {
    expect((await client.get(`/daten/geheimer-entwurf/ressourcen/${draftResourceId}`)).status).toBe(404);
    expect((await client.get(`/daten/geheimer-entwurf/ressourcen/${draftResourceId}/download`)).status).toBe(404);
    expect((await client.get(`/daten/einwohner-stadtteile/ressourcen/${resourceId}/download`)).status).toBe(404);
    expect((await client.get(`/daten/ladestationen/ressourcen/keine-uuid`)).status).toBe(400);
  });
});

describe('organisations', () => {
  it('lists an organisation with its published datasets, and 404 for an unknown one', async () => {
    const page = await client.get('/daten/organisationen/stadtwerke');
    expect(page.status).toBe(200);
    expect(await htmlProblems('/daten/organisationen/stadtwerke', page.body)).toEqual([]);
    expect(page.body).toContain('Ladestationen für Elektrofahrzeuge');
    expect(page.body).not.toContain('Unveröffentlichter Entwurf');
    const list = await client.get('/daten/organisationen');
    expect(list.body).toContain('href="/daten/organisationen/stadtwerke"');
    expect((await client.get('/daten/organisationen/unbekannt')).status).toBe(404);
  });
});

describe('a withdrawn dataset', () => {
  it('keeps its page for citations, marked as withdrawn, and leaves the search', async () => {
    await setDatasetState(platform.ctx, system, 'einwohner-stadtteile', 'deleted');
    const page = await client.get('/daten/einwohner-stadtteile');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Dieser Datensatz wurde zurückgezogen.');
    expect((await client.get('/daten')).body).not.toContain('Einwohner nach Stadtteilen');
  });
});
