/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return --
   CKAN's answers are untyped dictionaries by design; the tests read them as a CKAN client does. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Value from 'typebox/value';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { resultSchemas } from './openapi.ts';
import { buildTestCatalog, testOrganizations } from './testing.ts';

let platform: TestPlatform;
let ids: Record<string, string>;
let help: string;

beforeAll(async () => {
  platform = await createTestPlatform();
  ({ ids } = await buildTestCatalog(platform.ctx));
  help = `${platform.ctx.config.PUBLIC_URL.replace(/\/$/, '')}/api/3/action/help_show?name=`;
});
afterAll(async () => platform.close());

const ours = `organization:(${testOrganizations.mobility} OR ${testOrganizations.statistics})`;

async function get(action: string, query: Record<string, string> = {}, prefix = '/api/3/action/') {
  const response = await platform.app.inject({ method: 'GET', url: `${prefix}${action}?${new URLSearchParams(query)}` });
  return { status: response.statusCode, body: response.json() };
}

async function post(action: string, body: unknown) {
  const response = await platform.app.inject({ method: 'POST', url: `/api/3/action/${action}`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
  return { status: response.statusCode, body: response.json() };
}

describe('CKAN envelope and refusals', () => {
  it('wraps results with an absolute help link, at both addresses', async () => {
    const status = await get('status_show');
    expect(status).toMatchObject({ status: 200, body: { help: `${help}status_show`, success: true, result: { ckan_version: '2.11.0' } } });
    expect((await get('status_show', {}, '/api/action/')).body.success).toBe(true);
  });

  it('answers an unknown action with a bare JSON string and 400', async () => {
    expect(await get('package_frobnicate')).toEqual({ status: 400, body: 'Bad request - Action name not known: package_frobnicate' });
    expect((await post('nope', {})).body).toBe('Bad request - Action name not known: nope');
  });

  it('refuses a body that is no JSON object as CKAN does', async () => {
    const response = await post('package_show', ['x']);
    expect(response).toEqual({ status: 400, body: 'Bad request - Request data JSON decoded to a list but it needs to be a dictionary.' });
  });

  it('gives Not Found Error 404 and Validation Error 409 with field lists', async () => {
    const missing = await get('package_show', { id: 'gibt-es-nicht' });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ help: `${help}package_show`, success: false, error: { __type: 'Not Found Error' } });
    expect(typeof missing.body.error.message).toBe('string');
    expect(await get('package_show')).toEqual({ status: 409, body: { help: `${help}package_show`, success: false, error: { id: ['Missing value'], __type: 'Validation Error' } } });
    expect((await get('package_search', { rows: 'viele' })).body.error).toEqual({ rows: ['Invalid integer'], __type: 'Validation Error' });
  });

  it('answers in the envelope even where no action route matched', async () => {
    const response = await platform.app.inject({ method: 'GET', url: '/api/3/action/package_show/extra' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ success: false, error: { __type: 'Not Found Error' } });
  });

  it('describes each action’s result in the OpenAPI description, and the answers fit it with nothing dropped', async () => {
    const paths = (await platform.app.inject({ method: 'GET', url: '/api/openapi.json' })).json().paths as Record<string, { get?: { responses: Record<string, { content: Record<string, { schema: { properties: { result: { title?: string } } } }> }> } }>;
    const described = (action: string) => paths[`/api/3/action/${action}`]?.get?.responses['200']?.content['application/json']?.schema.properties.result;
    expect(described('package_show')?.title).toBe('CKAN package (dataset)');
    expect(described('datastore_search')?.title).toBe('datastore_search result');
    const shown = (await get('package_show', { id: 'ladesaeulen' })).body.result;
    const answers: [string, unknown][] = [
      ['status_show', (await get('status_show')).body.result],
      ['package_show', shown],
      ['package_search', (await get('package_search', { rows: '3', 'facet.field': '["groups"]' })).body.result],
      ['organization_show', (await get('organization_show', { id: shown.organization.name })).body.result],
      ['resource_show', (await get('resource_show', { id: shown.resources[0].id })).body.result],
      ['tag_list', (await get('tag_list')).body.result],
      ['group_list', (await get('group_list', { all_fields: 'true' })).body.result],
    ];
    for (const [action, result] of answers) expect([...Value.Errors(resultSchemas[action]!, result)].map((error) => `${error.instancePath} ${error.message}`), action).toEqual([]);
    // Members the schema leaves undescribed still reach the client.
    expect(shown).toHaveProperty('relationships_as_object', []);
    expect(shown.resources[0]).toHaveProperty('cache_url');
  });

  it('answers datastore_search_sql on PGlite as a CKAN without SQL search', async () => {
    if (platform.ctx.database.kind !== 'pglite') return;
    expect(await get('datastore_search_sql', { sql: 'select 1' })).toEqual({ status: 400, body: 'Bad request - Action name not known: datastore_search_sql' });
  });
});

describe('CKAN datasets', () => {
  it('shows a dataset by name or id as CKAN 2.11 does', async () => {
    const { body } = await post('package_show', { id: 'ladesaeulen' });
    const result = body.result;
    expect(result).toMatchObject({
      id: ids.charging,
      name: 'ladesaeulen',
      title: 'Ladesäulen für Elektroautos',
      state: 'active',
      private: false,
      type: 'dataset',
      license_id: 'dl-zero-de/2.0',
      license_url: 'http://dcat-ap.de/def/licenses/dl-zero-de/2.0',
      owner_org: result.organization.id,
      organization: { name: testOrganizations.mobility, title: 'Amt für Mobilität', is_organization: true, type: 'organization', state: 'active' },
      num_resources: 2,
      num_tags: 2,
    });
    expect(result.metadata_modified).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/);
    expect(result.tags).toContainEqual({ id: 'Verkehr', name: 'Verkehr', display_name: 'Verkehr', state: 'active', vocabulary_id: null });
    expect(result.groups.map((group: { name: string; title: string }) => [group.name, group.title])).toEqual([['tran', 'Verkehr'], ['ener', 'Energie']]);
    expect(result.resources[0]).toMatchObject({ package_id: ids.charging, format: 'CSV', position: 0, state: 'active', datastore_active: false });
    expect(result.extras).toContainEqual({ key: 'politicalGeocodingURI', value: '["http://dcat-ap.de/def/politicalGeocoding/municipalityKey/05370004"]' });
    expect((await get('package_show', { id: ids.charging! })).body.result.name).toBe('ladesaeulen');
  });

  it('shows a deleted dataset with its state and hides a draft', async () => {
    expect((await get('package_show', { id: 'abfallkalender-2020' })).body.result.state).toBe('deleted');
    expect((await get('package_show', { id: 'haushalt-entwurf' })).status).toBe(404);
    expect((await get('package_list')).body.result).toEqual(expect.arrayContaining(['bevoelkerung-stadtteile', 'ladesaeulen', 'parkplaetze']));
    expect((await get('package_list')).body.result).not.toContain('haushalt-entwurf');
  });

  it('shows resources, organisations, groups and tags', async () => {
    const dataset = (await get('package_show', { id: 'parkplaetze' })).body.result;
    const resource = await get('resource_show', { id: dataset.resources[0].id });
    expect(resource.body.result).toMatchObject({ id: dataset.resources[0].id, package_id: ids.parking, format: 'XLSX' });
    expect((await get('resource_show', { id: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    const organizations = (await get('organization_list', { all_fields: 'true' })).body.result;
    expect(organizations.find((one: { name: string }) => one.name === testOrganizations.mobility)).toMatchObject({ title: 'Amt für Mobilität', package_count: 2 });
    expect((await get('organization_list')).body.result).toContain(testOrganizations.statistics);
    expect((await get('organization_show', { id: testOrganizations.statistics })).body.result).toMatchObject({ name: testOrganizations.statistics, package_count: 1 });
    expect((await get('group_list')).body.result).toHaveLength(13);
    const groups = (await get('group_list', { all_fields: 'true' })).body.result;
    expect(groups.find((group: { name: string }) => group.name === 'tran')).toMatchObject({ title: 'Verkehr', package_count: 2 });
    expect((await get('tag_list')).body.result).toEqual(expect.arrayContaining(['Bevölkerung', 'E-Mobilität', 'Verkehr']));
    expect(typeof (await get('help_show', { name: 'package_search' })).body.result).toBe('string');
  });
});

describe('CKAN package_search', () => {
  it('pages with rows and start and counts exactly', async () => {
    const first = await get('package_search', { fq: ours, rows: '2', sort: 'name asc' });
    expect(first.body.result.count).toBe(3);
    expect(first.body.result.results.map((one: { name: string }) => one.name)).toEqual(['bevoelkerung-stadtteile', 'ladesaeulen']);
    expect(first.body.result.sort).toBe('name asc');
    const second = await get('package_search', { fq: ours, rows: '2', start: '2', sort: 'name asc' });
    expect(second.body.result.results.map((one: { name: string }) => one.name)).toEqual(['parkplaetze']);
    expect((await get('package_search', { fq: ours, rows: '5000' })).body.result.results).toHaveLength(3);
  });

  it('searches words by prefix', async () => {
    const { body } = await post('package_search', { q: 'Lade', fq: ours });
    expect(body.result.results.map((one: { name: string }) => one.name)).toEqual(['ladesaeulen', 'bevoelkerung-stadtteile']);
  });

  it('understands the filter queries harvesters send', async () => {
    const names = async (params: Record<string, string>) => (await get('package_search', { sort: 'name asc', ...params })).body.result.results.map((one: { name: string }) => one.name);
    expect(await names({ fq: `organization:${testOrganizations.mobility}` })).toEqual(['ladesaeulen', 'parkplaetze']);
    expect(await names({ fq: `${ours} AND tags:"E-Mobilität"` })).toEqual(['ladesaeulen']);
    expect(await names({ fq: `${ours} +res_format:CSV` })).toEqual(['bevoelkerung-stadtteile', 'ladesaeulen']);
    expect(await names({ fq: `${ours} license_id:cc-by/4.0` })).toEqual(['bevoelkerung-stadtteile']);
    expect(await names({ fq: `${ours} groups:tran` })).toEqual(['ladesaeulen', 'parkplaetze']);
    expect(await names({ fq: `${ours} +state:(active OR deleted)` })).toEqual(['abfallkalender-2020', 'bevoelkerung-stadtteile', 'ladesaeulen', 'parkplaetze']);
    expect(await names({ fq: ours, include_deleted: 'true' })).toContain('abfallkalender-2020');
    expect(await names({ fq: `${ours} +state:(active OR draft)` })).not.toContain('haushalt-entwurf');
    expect(await names({ fq: `${ours} metadata_modified:[2000-01-01T00:00:00Z TO *]` })).toHaveLength(3);
    expect(await names({ fq: `${ours} metadata_modified:[2999-01-01T00:00:00.000Z TO *]` })).toEqual([]);
    expect(await names({ q: `tags:Verkehr`, fq_list: JSON.stringify([`organization:${testOrganizations.statistics}`]) })).toEqual(['bevoelkerung-stadtteile']);
  });

  it('refuses what it cannot answer exactly with a Search Query Error', async () => {
    const refused: Record<string, string>[] = [{ fq: 'title:(unbalanced' }, { fq: 'author:someone' }, { fq: 'metadata_modified:[gestern TO *]' }, { sort: 'random asc' }, { frobnicate: '1' }];
    for (const params of refused) {
      const response = await get('package_search', params);
      expect(response.status, JSON.stringify(params)).toBe(400);
      expect(response.body.error.__type).toBe('Search Query Error');
    }
  });

  it('counts facets over the filtered set, as CKAN lists them', async () => {
    const { body } = await get('package_search', { fq: ours, 'facet.field': '["organization","groups","res_format","license_id"]', rows: '0' });
    const result = body.result;
    expect(result.results).toEqual([]);
    expect(result.facets.organization).toEqual({ [testOrganizations.mobility]: 2, [testOrganizations.statistics]: 1 });
    expect(result.search_facets.organization).toEqual({
      title: 'organization',
      items: [
        { name: testOrganizations.mobility, display_name: 'Amt für Mobilität', count: 2 },
        { name: testOrganizations.statistics, display_name: 'Statistikstelle', count: 1 },
      ],
    });
    expect(result.search_facets.groups.items[0]).toEqual({ name: 'tran', display_name: 'Verkehr', count: 2 });
    expect(result.facets.res_format).toEqual({ CSV: 2, GEOJSON: 1, XLSX: 1 });
    expect(result.search_facets.license_id.items.find((item: { name: string }) => item.name === 'cc-by/4.0').display_name).toContain('CC BY 4.0');
    const limited = await post('package_search', { fq: ours, 'facet.field': ['tags'], 'facet.limit': 1, 'facet.mincount': 2 });
    expect(limited.body.result.facets.tags).toEqual({ Verkehr: 3 });
  });

  it('takes a form body', async () => {
    const response = await platform.app.inject({ method: 'POST', url: '/api/3/action/package_search', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `fq=${encodeURIComponent(ours)}&rows=1` });
    expect(response.json().result).toMatchObject({ count: 3 });
    expect(response.json().result.results).toHaveLength(1);
  });
});
