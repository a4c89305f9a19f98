import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '#kernel/auth/actor.ts';
import { rebuildSearchSource, searchDocuments } from '#kernel/search/index.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { addResource } from './service.resources.ts';
import { createDataset, setDatasetState } from './service.datasets.ts';
import { seedOpendata } from './seed/index.ts';

let platform: TestPlatform;
const actor = systemActor('test');

beforeAll(async () => {
  platform = await createTestPlatform();
  await seedOpendata(platform.ctx);
}, 120_000);
afterAll(async () => {
  await platform.close();
});

const datasetHits = async (text: string, language: 'de' | 'en' = 'de') => (await searchDocuments(platform.ctx, text, language)).hits.filter((hit) => hit.type === 'dataset');

describe('published datasets in the platform-wide search', () => {
  it('finds a seeded dataset by a word of its title, its keywords and its resources, with the theme as a facet', async () => {
    const byTitle = await datasetHits('Ladesäulen');
    expect(byTitle.map((hit) => hit.url)).toContain('/daten/ladesaeulen');
    const results = await searchDocuments(platform.ctx, 'Einwohner', 'de', { filters: { thema: ['soci'] } });
    expect(results.hits.map((hit) => hit.url)).toContain('/daten/einwohner-stadtbezirke');
    const themes = results.facets.find((facet) => facet.name === 'thema');
    expect(themes?.values.map((value) => value.label)).toContain('Bevölkerung und Gesellschaft');
  });

  it('finds a dataset from the moment it is published, with a new resource, and no longer once withdrawn', async () => {
    const created = await createDataset(platform.ctx, actor, {
      name: 'streuobstwiesen',
      organization: 'stadt-erkelenz',
      title: 'Streuobstwiesen im Stadtgebiet',
      description: 'Lage und Größe der städtischen Streuobstwiesen.',
      keywords: ['Obstbäume'],
      themes: ['ENVI'],
      licence: 'dl-zero-de/2.0',
      contactEmail: 'umwelt@erkelenz.de',
      frequency: 'ANNUAL',
      spatial: [],
    });
    expect(created.ok).toBe(true);
    expect(await datasetHits('Streuobstwiesen')).toEqual([]);

    expect((await setDatasetState(platform.ctx, actor, 'streuobstwiesen', 'active')).ok).toBe(true);
    expect((await datasetHits('Streuobstwiesen')).map((hit) => hit.url)).toEqual(['/daten/streuobstwiesen']);
    expect(await datasetHits('Baumkataster')).toEqual([]);
    expect((await addResource(platform.ctx, actor, 'streuobstwiesen', { title: 'Baumkataster der Wiesen', format: 'CSV' })).ok).toBe(true);
    expect((await datasetHits('Baumkataster')).map((hit) => hit.url)).toEqual(['/daten/streuobstwiesen']);

    expect((await setDatasetState(platform.ctx, actor, 'streuobstwiesen', 'draft')).ok).toBe(true);
    expect(await datasetHits('Streuobstwiesen')).toEqual([]);
    // A rebuild (a new version of the documents' shape) gives the same answer as the changes did.
    const opendata = platform.ctx.modules.find((module) => module.id === 'opendata')!;
    expect(await rebuildSearchSource(platform.ctx.db, { id: opendata.id, search: opendata.search! }, { force: true })).toBe(true);
    expect(await datasetHits('Streuobstwiesen')).toEqual([]);
    expect((await datasetHits('Ladesäulen')).length).toBe(1);
  });

  it('shows datasets on the search page, with their type to filter by', async () => {
    const page = (await new FormClient(platform.app).get('/suche?q=Lades%C3%A4ulen')).body;
    expect(page).toContain('href="/daten/ladesaeulen"');
    expect(page).toContain('typ=dataset">Offene Daten (1)</a>');
  });
});

describe('the portal pages in the page cache', () => {
  const cacheOf = (response: { headers: Record<string, unknown> }) => /cache;desc="(\w+)"/.exec(String(response.headers['server-timing']))?.[1];

  it('serves a dataset page again from the cache, and anew once the dataset changes', async () => {
    const visitor = new FormClient(platform.app);
    const first = await visitor.get('/daten/ladesaeulen');
    expect(first.status).toBe(200);
    const again = await visitor.get('/daten/ladesaeulen');
    expect(cacheOf(again)).toBe('hit');
    expect(again.body).toBe(first.body);
    expect(cacheOf(await visitor.get('/daten?q=Lades%C3%A4ulen'))).toBe('miss');
    expect(cacheOf(await visitor.get('/daten?q=Lades%C3%A4ulen'))).toBe('hit');

    expect((await setDatasetState(platform.ctx, actor, 'ladesaeulen', 'draft')).ok).toBe(true);
    expect((await visitor.get('/daten/ladesaeulen')).status).toBe(404);
    expect((await visitor.get('/daten?q=Lades%C3%A4ulen')).body).not.toContain('href="/daten/ladesaeulen"');
    expect((await setDatasetState(platform.ctx, actor, 'ladesaeulen', 'active')).ok).toBe(true);
    const back = await visitor.get('/daten/ladesaeulen');
    expect(back.status).toBe(200);
    expect(cacheOf(back)).toBe('miss');
  });
});
