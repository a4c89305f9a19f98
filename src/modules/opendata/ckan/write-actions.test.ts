/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument --
   CKAN's answers are untyped dictionaries by design; the tests read them as a CKAN client does. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiClient, revokeBuiltApiClient } from '#modules/accounts/test/builders.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { opendataDb } from '../repo.ts';
import { buildTestCatalog, testOrganizations } from './testing.ts';

let platform: TestPlatform;
let help: string;
let token: string;
let clientId: string;
let revoked: string;
let unscoped: string;

beforeAll(async () => {
  platform = await createTestPlatform();
  await buildTestCatalog(platform.ctx);
  help = `${platform.ctx.config.PUBLIC_URL.replace(/\/$/, '')}/api/3/action/help_show?name=`;
  ({ token, clientId } = await buildApiClient(platform.ctx, ['opendata.publish'], 'Skript Amt für Mobilität'));
  const gone = await buildApiClient(platform.ctx, ['opendata.publish'], 'Altes Skript');
  revoked = gone.token;
  await revokeBuiltApiClient(platform.ctx, gone.clientId);
  ({ token: unscoped } = await buildApiClient(platform.ctx, ['notify.send'], 'Benachrichtigungen'));
});
afterAll(async () => platform.close());

type Headers = Record<string, string>;
const bare = (): Headers => ({ authorization: token });

async function post(action: string, body: unknown, headers: Headers = bare()) {
  const response = await platform.app.inject({ method: 'POST', url: `/api/3/action/${action}`, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });
  return { status: response.statusCode, body: response.json() };
}

/** A multipart body as ckanapi sends `resource_create` with `files={'upload': …}`. */
async function postFile(action: string, fields: Record<string, string>, file: { name: string; content: string }, headers: Headers = bare()) {
  const boundary = 'ckanapi-boundary-7d1';
  const parts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="upload"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n${file.content}\r\n`);
  const payload = Buffer.from(`${parts.join('')}--${boundary}--\r\n`);
  const response = await platform.app.inject({ method: 'POST', url: `/api/3/action/${action}`, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...headers }, payload });
  return { status: response.statusCode, body: response.json() };
}

const newDataset = (name: string) => ({
  name,
  title: 'Baustellen im Stadtgebiet',
  notes: 'Aktuelle Baustellen mit Sperrungen.',
  owner_org: testOrganizations.mobility,
  license_id: 'dl-by-de/2.0',
  maintainer: 'Amt für Mobilität',
  maintainer_email: 'mobilitaet@erkelenz.de',
  tags: [{ name: 'Verkehr' }, { name: 'Baustellen' }],
  groups: [{ name: 'tran' }],
  extras: [
    { key: 'frequency', value: 'http://publications.europa.eu/resource/authority/frequency/WEEKLY' },
    { key: 'spatial_text', value: '05370004' },
  ],
});

async function audited(subjectId: string) {
  return opendataDb(platform.ctx.db).selectFrom('audit_log').select(['action', 'actor_label']).where('subject_id', '=', subjectId).orderBy('id').execute();
}

describe('CKAN package_create and package_patch', () => {
  it('creates a dataset for a client token sent bare, as ckanapi sends it, with the client audited as actor', async () => {
    const { status, body } = await post('package_create', newDataset('baustellen'));
    expect(status).toBe(200);
    expect(body).toMatchObject({ help: `${help}package_create`, success: true });
    expect(body.result).toMatchObject({
      name: 'baustellen',
      title: 'Baustellen im Stadtgebiet',
      notes: 'Aktuelle Baustellen mit Sperrungen.',
      state: 'active',
      license_id: 'dl-by-de/2.0',
      maintainer_email: 'mobilitaet@erkelenz.de',
      organization: { name: testOrganizations.mobility },
      num_tags: 2,
    });
    expect(body.result.groups.map((group: { name: string }) => group.name)).toEqual(['tran']);
    expect(body.result.extras).toContainEqual({ key: 'frequency', value: 'http://publications.europa.eu/resource/authority/frequency/WEEKLY' });
    expect(await audited(body.result.id)).toEqual([{ action: 'opendata.dataset-created', actor_label: `client:${clientId}` }]);
    // Harvesters see it at once: it is active, as CKAN's package_create makes it.
    const shown = await platform.app.inject({ method: 'GET', url: '/api/3/action/package_show?id=baustellen' });
    expect(shown.json().result.id).toBe(body.result.id);
  });

  it('takes the token as Bearer and in X-CKAN-API-Key too, and makes a draft when asked', async () => {
    const bearer = await post('package_create', { ...newDataset('baustellen-bearer'), state: 'draft' }, { authorization: `Bearer ${token}` });
    expect(bearer.status).toBe(200);
    expect(bearer.body.result.state).toBe('draft');
    const keyed = await post('package_create', newDataset('baustellen-key'), { 'x-ckan-api-key': token });
    expect(keyed.status).toBe(200);
  });

  it('patches one key and leaves the rest as it was', async () => {
    const before = (await post('package_create', newDataset('baustellen-patch'))).body.result;
    const { status, body } = await post('package_patch', { id: 'baustellen-patch', title: 'Baustellen und Sperrungen' });
    expect(status).toBe(200);
    const after = body.result;
    expect(after.title).toBe('Baustellen und Sperrungen');
    const unchanged = (dict: Record<string, unknown>) => {
      const { title: _title, metadata_modified: _modified, extras, ...rest } = dict;
      return { ...rest, extras: (extras as { key: string }[]).filter((extra) => extra.key !== 'modified') };
    };
    expect(unchanged(after)).toEqual(unchanged(before));
    expect(after.metadata_modified > before.metadata_modified).toBe(true);
    expect((await audited(before.id)).map((entry) => entry.action)).toEqual(['opendata.dataset-created', 'opendata.dataset-changed']);
    // An extra changes by its key alone; state moves the dataset through the same service as the staff pages.
    const patched = (await post('package_patch', { id: before.id, extras: [{ key: 'temporal_start', value: '2026-01-01' }], state: 'draft' })).body.result;
    expect(patched.extras).toContainEqual({ key: 'temporal_start', value: '2026-01-01' });
    expect(patched.extras).toContainEqual({ key: 'frequency', value: 'http://publications.europa.eu/resource/authority/frequency/WEEKLY' });
    expect(patched.state).toBe('draft');
  });

  it('refuses bad fields with a Validation Error naming them, as CKAN does', async () => {
    const missing = await post('package_create', { title: 'Ohne Namen' });
    expect(missing).toEqual({ status: 409, body: { help: `${help}package_create`, success: false, error: { name: ['Missing value'], owner_org: ['Missing value'], __type: 'Validation Error' } } });
    const taken = await post('package_create', newDataset('ladesaeulen'));
    expect(taken.status).toBe(409);
    expect(taken.body.error).toEqual({ name: ['That URL is already in use.'], __type: 'Validation Error' });
    const bad = await post('package_create', { ...newDataset('schlecht'), license_id: 'proprietaer', maintainer_email: 'keine-adresse' });
    expect(bad.status).toBe(409);
    expect(Object.keys(bad.body.error).sort()).toEqual(['__type', 'license_id', 'maintainer_email']);
    expect(bad.body.error.license_id[0]).toEqual(expect.any(String));
    const unknownOrganization = await post('package_create', { ...newDataset('verwaist'), owner_org: 'amt-gibt-es-nicht' });
    expect(unknownOrganization.body.error).toEqual({ owner_org: ['Organization does not exist'], __type: 'Validation Error' });
    const resources = await post('package_patch', { id: 'baustellen', resources: [] });
    expect(resources.status).toBe(409);
    expect(Object.keys(resources.body.error)).toEqual(['resources', '__type']);
    expect((await post('package_patch', { id: 'baustellen', notes: '' })).body.error).toMatchObject({ notes: [expect.any(String)] });
    const stillThere = await platform.app.inject({ method: 'GET', url: '/api/3/action/package_show?id=baustellen' });
    expect(stillThere.json().result.notes).toBe('Aktuelle Baustellen mit Sperrungen.');
  });
});

describe('CKAN resource_create and datastore_upsert', () => {
  let resourceId: string;

  it('adds a link', async () => {
    const { status, body } = await post('resource_create', { package_id: 'baustellen', name: 'Baustellen (WFS)', url: 'https://geodaten.erkelenz.de/baustellen.geojson' });
    expect(status).toBe(200);
    expect(body.result).toMatchObject({ name: 'Baustellen (WFS)', format: 'GEOJSON', url: 'https://geodaten.erkelenz.de/baustellen.geojson', datastore_active: false });
    const dataset = (await platform.app.inject({ method: 'GET', url: '/api/3/action/package_show?id=baustellen' })).json().result;
    expect(dataset.resources.map((resource: { id: string }) => resource.id)).toEqual([body.result.id]);
  });

  it('takes a CSV file sent as multipart upload and loads it into the DataStore like a staff upload', async () => {
    const csv = 'strasse;stadtteil;sperrung_tage\nKölner Straße;Erkelenz;12\nAachener Straße;Lövenich;3\nHauptstraße;Keyenberg;40\n';
    const { status, body } = await postFile('resource_create', { package_id: 'baustellen', name: 'Baustellenliste' }, { name: 'baustellen.csv', content: csv });
    expect(status).toBe(200);
    expect(body.result).toMatchObject({ name: 'Baustellenliste', format: 'CSV', url_type: 'upload' });
    resourceId = body.result.id;
    await platform.runJobs();
    const search = await platform.app.inject({ method: 'GET', url: `/api/3/action/datastore_search?resource_id=${resourceId}&sort=_id` });
    expect(search.json().result.total).toBe(3);
    expect(search.json().result.records[1]).toMatchObject({ _id: 2, strasse: 'Aachener Straße', stadtteil: 'Lövenich', sperrung_tage: 3 });
    expect((await audited(resourceId)).map((entry) => entry.actor_label)).toEqual([`client:${clientId}`, `client:${clientId}`]);
  });

  it('refuses a file that is not of the format named, before adding any resource', async () => {
    const wrong = await postFile('resource_create', { package_id: 'baustellen', format: 'PDF' }, { name: 'liste.pdf', content: 'a;b\n1;2\n' });
    expect(wrong).toEqual({ status: 409, body: { help: `${help}resource_create`, success: false, error: { upload: ['The file is no PDF file'], __type: 'Validation Error' } } });
    const dataset = (await platform.app.inject({ method: 'GET', url: '/api/3/action/package_show?id=baustellen' })).json().result;
    expect(dataset.resources).toHaveLength(2);
  });

  it('links a map service or an archive in any file type the catalogue knows, and refuses other formats', async () => {
    const wms = await post('resource_create', { package_id: 'baustellen', name: 'Baustellen (WMS)', format: 'wms srvc', url: 'https://geodaten.erkelenz.de/wms?SERVICE=WMS&REQUEST=GetCapabilities' });
    expect(wms.status).toBe(200);
    expect(wms.body.result).toMatchObject({ format: 'WMS_SRVC', mimetype: 'application/octet-stream', url_type: null });
    const archive = await post('resource_create', { package_id: 'baustellen', name: 'Baustellen als Shape', url: 'https://geodaten.erkelenz.de/baustellen.zip' });
    expect(archive.body.result).toMatchObject({ format: 'ZIP', mimetype: 'application/zip' });
    const odd = await post('resource_create', { package_id: 'baustellen', format: 'DOCX', url: 'https://geodaten.erkelenz.de/baustellen.docx' });
    expect(odd.status).toBe(409);
    expect(odd.body.error.format[0]).toMatch(/^Missing value or not one of CSV, JSON, GEOJSON, .*WMS_SRVC/);
    // Files kept here stay in the formats the portal reads and checks.
    const upload = await postFile('resource_create', { package_id: 'baustellen', format: 'ZIP' }, { name: 'baustellen.zip', content: 'PK' });
    expect(upload.body.error).toEqual({ format: ['Missing value or not one of CSV, XLSX, GEOJSON, JSON, PDF'], __type: 'Validation Error' });
    const turtle = await platform.app.inject({ method: 'GET', url: '/daten/baustellen/dcat.ttl' });
    expect(turtle.statusCode).toBe(200);
    expect(turtle.body).toContain('http://publications.europa.eu/resource/authority/file-type/WMS_SRVC');
    expect(turtle.body).toContain('https://www.iana.org/assignments/media-types/application/zip');
    expect(turtle.body).not.toContain('application/octet-stream');
  });

  async function rows(query: Record<string, string> = {}) {
    const response = await platform.app.inject({ method: 'GET', url: `/api/3/action/datastore_search?${new URLSearchParams({ resource_id: resourceId, sort: '_id', ...query })}` });
    return response.json().result;
  }

  it('inserts, updates by _id and upserts, with the full text kept right', async () => {
    const insert = await post('datastore_upsert', { resource_id: resourceId, method: 'insert', force: true, records: [{ strasse: 'Brückstraße', stadtteil: 'Holzweiler', sperrung_tage: 5 }] });
    expect(insert).toEqual({ status: 200, body: { help: `${help}datastore_upsert`, success: true, result: { resource_id: resourceId, method: 'insert' } } });
    expect((await rows()).records[3]).toMatchObject({ _id: 4, strasse: 'Brückstraße', stadtteil: 'Holzweiler', sperrung_tage: 5 });
    expect((await rows({ q: 'Holzweiler' })).total).toBe(1);

    const update = await post('datastore_upsert', { resource_id: resourceId, method: 'update', force: true, records: [{ _id: 2, stadtteil: 'Granterath' }] });
    expect(update.status).toBe(200);
    expect((await rows()).records[1]).toMatchObject({ _id: 2, strasse: 'Aachener Straße', stadtteil: 'Granterath', sperrung_tage: 3 });
    expect((await rows({ q: 'Lövenich' })).total).toBe(0);
    expect((await rows({ q: 'Granterath' })).total).toBe(1);

    // Upsert (the default method) updates the row with the _id and inserts one whose _id does not exist.
    expect((await post('datastore_upsert', { resource_id: resourceId, force: true, records: [{ _id: 1, sperrung_tage: 14 }, { _id: 99, strasse: 'Neue Straße', stadtteil: 'Erkelenz', sperrung_tage: 1 }] })).status).toBe(200);
    const after = await rows();
    expect(after.total).toBe(5);
    expect(after.records[0]).toMatchObject({ _id: 1, strasse: 'Kölner Straße', sperrung_tage: 14 });
    expect(after.records[4]).toMatchObject({ strasse: 'Neue Straße' });
    expect((await audited(resourceId)).filter((entry) => entry.action === 'opendata.datastore-upserted')).toHaveLength(3);
  });

  it('updates and upserts by the Table Schema primary key', async () => {
    const db = opendataDb(platform.ctx.db);
    const resource = await db.selectFrom('opendata_resources').select('table_schema').where('id', '=', resourceId).executeTakeFirstOrThrow();
    await db.updateTable('opendata_resources').set({ table_schema: JSON.stringify({ ...resource.table_schema!, primaryKey: ['strasse'] }) }).where('id', '=', resourceId).execute();
    expect((await post('datastore_upsert', { resource_id: resourceId, force: true, records: [{ strasse: 'Hauptstraße', sperrung_tage: 41 }, { strasse: 'Ringstraße', stadtteil: 'Erkelenz', sperrung_tage: 2 }] })).status).toBe(200);
    const after = await rows();
    expect(after.records.find((row: { strasse: string }) => row.strasse === 'Hauptstraße')).toMatchObject({ stadtteil: 'Keyenberg', sperrung_tage: 41 });
    expect(after.total).toBe(6);
    const twice = await post('datastore_upsert', { resource_id: resourceId, method: 'insert', force: true, records: [{ strasse: 'Ringstraße', sperrung_tage: 2 }] });
    expect(twice.status).toBe(409);
    expect(twice.body.error.records[0]).toContain('Row 1');
    expect(twice.body.error._records_row).toBe(0);
    const lost = await post('datastore_upsert', { resource_id: resourceId, method: 'update', force: true, records: [{ strasse: 'Gibt-es-nicht-Weg', sperrung_tage: 2 }] });
    expect(lost.body.error.key[0]).toContain('not found');
    expect((await rows()).total).toBe(6);
  });

  it('takes a batch of rows larger than the API\'s usual megabyte, and answers 413 beyond its own limit', async () => {
    const before = (await rows()).total;
    const records = Array.from({ length: 2500 }, (_, index) => ({ strasse: `Umleitung ${index} `.padEnd(400, 'x'), stadtteil: 'Erkelenz', sperrung_tage: index % 30 }));
    const batch = await post('datastore_upsert', { resource_id: resourceId, method: 'insert', force: true, records });
    expect(JSON.stringify(records).length).toBeGreaterThan(1024 * 1024);
    expect(batch.status).toBe(200);
    expect((await rows()).total).toBe(before + 2500);
    const tooLarge = await platform.app.inject({
      method: 'POST',
      url: '/api/3/action/datastore_upsert',
      headers: { 'content-type': 'application/json', ...bare() },
      payload: JSON.stringify({ resource_id: resourceId, force: true, records: [{ strasse: 'x'.repeat(17 * 1024 * 1024) }] }),
    });
    expect(tooLarge.statusCode).toBe(413);
    expect((await rows()).total).toBe(before + 2500);
  }, 120_000);

  it('links the next page of a search with its filters, as CKAN\'s _links do', async () => {
    const first = (await platform.app.inject({ method: 'POST', url: '/api/3/action/datastore_search', payload: { resource_id: resourceId, filters: { stadtteil: 'Erkelenz' }, limit: 2, sort: '_id' } })).json().result;
    expect(first._links.start).not.toContain('offset');
    expect(first._links.next).toContain('offset=2');
    const next = (await platform.app.inject({ method: 'GET', url: first._links.next })).json().result;
    expect(next.offset).toBe(2);
    expect(next.records).toHaveLength(2);
    expect(next.records.every((record: { stadtteil: string }) => record.stadtteil === 'Erkelenz')).toBe(true);
    expect(next.records[0]._id).toBeGreaterThan(first.records[1]._id);
    expect(next.total).toBe(first.total);
  });

  it('refuses rows that do not fit the Table Schema, naming row and field, and writes none of the call', async () => {
    const before = (await rows()).total;
    const wrong = await post('datastore_upsert', { resource_id: resourceId, method: 'insert', force: true, records: [{ strasse: 'Gute Straße', sperrung_tage: 1 }, { strasse: 'Schlechte Straße', sperrung_tage: 'viele' }] });
    expect(wrong).toEqual({ status: 409, body: { help: `${help}datastore_upsert`, success: false, error: { records: ['Row 2 (records[1]), field "sperrung_tage": "viele" is not a valid integer'], _records_row: 1, __type: 'Validation Error' } } });
    const stranger = await post('datastore_upsert', { resource_id: resourceId, method: 'insert', force: true, records: [{ strasse: 'X', farbe: 'rot' }] });
    expect(stranger.body.error).toEqual({ fields: ['Row 1 (records[0]): fields "farbe" do not exist'], _records_row: 0, __type: 'Validation Error' });
    const readOnly = await post('datastore_upsert', { resource_id: resourceId, records: [{ strasse: 'X' }] });
    expect(readOnly.body.error).toEqual({ 'read-only': ['Cannot edit read-only resource. Either pass "force=True" or change url_type to "datastore"'], __type: 'Validation Error' });
    expect((await post('datastore_upsert', { resource_id: resourceId, force: true, method: 'replace', records: [] })).body.error).toMatchObject({ method: [expect.any(String)] });
    expect((await post('datastore_upsert', { resource_id: resourceId, force: true })).body.error).toEqual({ records: ['Missing value'], __type: 'Validation Error' });
    expect((await rows()).total).toBe(before);
  });
});

describe('CKAN write refusals', () => {
  const denied = (action: string, verb: string, user = '') => ({
    status: 403,
    body: { help: `${help}${action}`, success: false, error: { __type: 'Authorization Error', message: `Access denied: User ${user} not authorized to ${verb}` } },
  });

  it('answers 403 Authorization Error without a token, with a revoked or unknown one, and for a client without the scope', async () => {
    expect(await post('package_create', newDataset('ohne-token'), {})).toEqual(denied('package_create', 'create packages'));
    expect(await post('package_create', newDataset('ohne-token'), { authorization: revoked })).toEqual(denied('package_create', 'create packages'));
    expect(await post('package_patch', { id: 'baustellen', title: 'X' }, { authorization: 'erk_not-a-real-token' })).toEqual(denied('package_patch', 'edit packages'));
    expect(await post('datastore_upsert', { resource_id: 'x' }, { authorization: `Bearer ${unscoped}` })).toEqual(denied('datastore_upsert', 'update resources', 'Benachrichtigungen'));
    const upload = await postFile('resource_create', { package_id: 'baustellen' }, { name: 'x.csv', content: 'a\n1\n' }, {});
    expect(upload).toEqual(denied('resource_create', 'create resources'));
    expect((await platform.app.inject({ method: 'GET', url: '/api/3/action/package_show?id=ohne-token' })).statusCode).toBe(404);
  });

  it('answers Not Found Error 404 for an unknown dataset or resource', async () => {
    const patch = await post('package_patch', { id: 'gibt-es-nicht', title: 'X' });
    expect(patch.status).toBe(404);
    expect(patch.body).toMatchObject({ success: false, error: { __type: 'Not Found Error' } });
    expect((await post('resource_create', { package_id: 'gibt-es-nicht', url: 'https://example.org/a.csv' })).body.error.__type).toBe('Not Found Error');
    expect((await post('datastore_upsert', { resource_id: '00000000-0000-4000-8000-000000000000', records: [] })).status).toBe(404);
  });

  it('refuses a GET of a write action with CKAN\'s bare 400, before asking for a token', async () => {
    for (const prefix of ['/api/3/action/', '/api/action/']) {
      const response = await platform.app.inject({ method: 'GET', url: `${prefix}package_create?name=x` });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toBe('Bad request - Invalid request. Please use POST method for your request');
    }
  });

  it('lists the write actions in the OpenAPI description, once, at the versioned address', async () => {
    const paths = (await platform.app.inject({ method: 'GET', url: '/api/openapi.json' })).json().paths as Record<string, Record<string, { summary?: string }>>;
    for (const action of ['package_create', 'package_patch', 'resource_create', 'datastore_upsert']) {
      expect(paths[`/api/3/action/${action}`]?.post?.summary).toBe(`CKAN ${action}`);
      expect(paths[`/api/action/${action}`]).toBeUndefined();
    }
  });

  it('explains the write actions in help_show', async () => {
    const response = await platform.app.inject({ method: 'GET', url: '/api/3/action/help_show?name=datastore_upsert' });
    expect(response.json().result).toContain('force');
  });
});
