import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { buildTestCatalog, testOrganizations } from './ckan/testing.ts';
import { prefixQuery, searchDatasets } from './service.search.ts';

let platform: TestPlatform;
let ids: Record<string, string>;
const ours = [testOrganizations.mobility, testOrganizations.statistics];

beforeAll(async () => {
  platform = await createTestPlatform();
  ({ ids } = await buildTestCatalog(platform.ctx));
});
afterAll(async () => platform.close());

const names = (result: { datasets: { name: string }[] }) => result.datasets.map((dataset) => dataset.name);

describe('searchDatasets', () => {
  it('finds by prefix and German stem, title before description', async () => {
    const result = await searchDatasets(platform.ctx, { text: 'Lade', organizations: ours });
    expect(names(result)).toEqual(['ladesaeulen', 'bevoelkerung-stadtteile']);
    expect(result.count).toBe(2);
    expect(names(await searchDatasets(platform.ctx, { text: 'ladesäule' }))).toContain('ladesaeulen');
    expect(names(await searchDatasets(platform.ctx, { text: 'Elektroautos Standorte' }))).toEqual(['ladesaeulen']);
    expect((await searchDatasets(platform.ctx, { text: 'Elektroautos Haushalt' })).count).toBe(0);
  });

  it('ignores what is not a word in the text, so no input breaks the query', async () => {
    expect(prefixQuery(`'); drop table x; -- :* & !`)).toBe(`'drop':* & 'table':* & 'x':*`);
    expect(prefixQuery('  ... ')).toBeNull();
    expect((await searchDatasets(platform.ctx, { text: `Lade'\\:*|!` , organizations: ours })).count).toBe(2);
  });

  it('filters by organisation, keyword, theme, format and licence', async () => {
    expect(names(await searchDatasets(platform.ctx, { organizations: [testOrganizations.mobility], sort: 'name' }))).toEqual(['ladesaeulen', 'parkplaetze']);
    expect(names(await searchDatasets(platform.ctx, { tags: ['Verkehr', 'E-Mobilität'] }))).toEqual(['ladesaeulen']);
    expect(names(await searchDatasets(platform.ctx, { themes: ['TRAN'], sort: 'name' }))).toEqual(['ladesaeulen', 'parkplaetze']);
    expect(names(await searchDatasets(platform.ctx, { formats: ['geojson'] }))).toEqual(['ladesaeulen']);
    expect(names(await searchDatasets(platform.ctx, { licences: ['cc-by/4.0'] }))).toEqual(['bevoelkerung-stadtteile']);
  });

  it('shows published datasets unless states are named; drafts only when asked', async () => {
    const published = await searchDatasets(platform.ctx, { organizations: ours, limit: 100 });
    expect(names(published)).not.toContain('abfallkalender-2020');
    expect(names(published)).not.toContain('haushalt-entwurf');
    const withDeleted = await searchDatasets(platform.ctx, { organizations: ours, states: ['active', 'deleted'], limit: 100 });
    expect(withDeleted.datasets.find((dataset) => dataset.id === ids.waste)?.state).toBe('deleted');
  });

  it('counts exactly and pages in a stable order', async () => {
    const all = await searchDatasets(platform.ctx, { organizations: ours, sort: 'name', limit: 100 });
    expect(all.count).toBe(3);
    const second = await searchDatasets(platform.ctx, { organizations: ours, sort: 'name', offset: 1, limit: 1 });
    expect(second.count).toBe(3);
    expect(names(second)).toEqual([names(all)[1]]);
    expect((await searchDatasets(platform.ctx, { organizations: ours, limit: 0 })).datasets).toEqual([]);
    const newest = await searchDatasets(platform.ctx, { organizations: ours, sort: 'modified', direction: 'desc', limit: 1 });
    expect(newest.datasets[0]!.name).toBe('parkplaetze');
  });

  it('counts facets over the filtered set', async () => {
    const result = await searchDatasets(platform.ctx, {
      organizations: ours,
      facets: ['organization', 'tags', 'res_format', 'license_id', 'groups'],
    });
    expect(result.facets.organization).toEqual([
      { name: testOrganizations.mobility, count: 2, displayName: 'Amt für Mobilität' },
      { name: testOrganizations.statistics, count: 1, displayName: 'Statistikstelle' },
    ]);
    expect(result.facets.tags![0]).toEqual({ name: 'Verkehr', count: 3, displayName: 'Verkehr' });
    expect(result.facets.res_format).toEqual([
      { name: 'CSV', count: 2, displayName: 'CSV' },
      { name: 'GEOJSON', count: 1, displayName: 'GEOJSON' },
      { name: 'XLSX', count: 1, displayName: 'XLSX' },
    ]);
    expect(result.facets.groups![0]).toEqual({ name: 'TRAN', count: 2, displayName: 'TRAN' });
    expect(result.facets.license_id!.map((value) => value.name).sort()).toEqual(['cc-by/4.0', 'dl-by-de/2.0', 'dl-zero-de/2.0']);
    const narrowed = await searchDatasets(platform.ctx, { text: 'Lade', organizations: ours, facets: ['organization'], facetMinCount: 1, facetLimit: 1 });
    expect(narrowed.facets.organization).toEqual([{ name: testOrganizations.mobility, count: 1, displayName: 'Amt für Mobilität' }]);
    const frequent = await searchDatasets(platform.ctx, { organizations: ours, facets: ['tags'], facetMinCount: 2 });
    expect(frequent.facets.tags).toEqual([{ name: 'Verkehr', count: 3, displayName: 'Verkehr' }]);
  });
});
