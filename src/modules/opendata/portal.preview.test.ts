import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '#kernel/auth/actor.ts';
import { htmlProblems } from '#test/html-validity.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { opendataDb } from './repo.ts';
import { createDataset } from './service.datasets.ts';
import { addResource, receiveVersion } from './service.resources.ts';

let platform: TestPlatform;
let client: FormClient;
let tableId: string;
let placesId: string;
let monthlyId: string;
const system = systemActor('portal-preview-test');

// 25 districts, so the preview has two pages; German CSV as offices write it, with a number that identifies.
const uuid = (index: number) => `0f8b${String(index).padStart(4, '0')}-3c2e-4a57-9d1b-5e6f7a8b9c0d`;
const districts = Array.from({ length: 25 }, (_, index) => `${900_001 + index};Bezirk ${String(index + 1).padStart(2, '0')};${1000 + index * 10};${index % 2 === 0 ? '1,5' : '-0,5'};${uuid(index)}`);
const csv = `Bezirk-Nr;stadtbezirk;einwohner;veraenderung;schluessel\n${districts.join('\n')}\n`;
const geojson = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { name: 'Rathaus' }, geometry: { type: 'Point', coordinates: [6.3154, 51.0802] } },
    { type: 'Feature', properties: { name: 'Hallenbad' }, geometry: { type: 'Point', coordinates: [6.3301, 51.0893] } },
  ],
});

// Each place for each month: no column names a row alone, so only one place's rows make a line.
const months = ['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01'];
const monthly = `monat;ort_id;ort;besuche\n${months.flatMap((month, index) => [`${month};a1;Bürgerbüro;${100 + index * 10}`, `${month};b2;Stadtbücherei;${40 + index}`]).join('\n')}\n`;

async function resourceWith(dataset: string, title: string, format: 'CSV' | 'GEOJSON', content: string, mediaType: string): Promise<string> {
  const added = await addResource(platform.ctx, system, dataset, { title, format });
  if (!added.ok) throw new Error(JSON.stringify(added));
  const put = await platform.ctx.files.put(Buffer.from(content), { accept: [mediaType], maxBytes: 1_000_000 });
  if (!put.ok) throw new Error(put.reason);
  const received = await receiveVersion(platform.ctx, system, added.id, { fileId: put.file.id, filename: format === 'CSV' ? 'bezirke.csv' : 'orte.geojson' });
  if (!received.ok) throw new Error(received.reason);
  return added.id;
}

beforeAll(async () => {
  platform = await createTestPlatform();
  client = new FormClient(platform.app);
  await opendataDb(platform.ctx.db).insertInto('opendata_organizations').values({ name: 'statistik', title: 'Statistikstelle', title_en: null, description_en: null, email: 'statistik@erkelenz.example', url: null }).execute();
  const created = await createDataset(
    platform.ctx,
    system,
    { name: 'bezirke', organization: 'statistik', title: 'Einwohner nach Bezirken', description: 'Einwohner je Bezirk.', keywords: [], themes: ['SOCI'], licence: 'cc-by/4.0', contactEmail: 'statistik@erkelenz.example', spatial: [], frequency: 'ANNUAL' },
    { state: 'active' },
  );
  if (!created.ok) throw new Error(JSON.stringify(created));
  tableId = await resourceWith('bezirke', 'Bezirke', 'CSV', csv, 'text/csv');
  placesId = await resourceWith('bezirke', 'Orte', 'GEOJSON', geojson, 'application/json');
  monthlyId = await resourceWith('bezirke', 'Besuche je Monat', 'CSV', monthly, 'text/csv');
  await platform.runJobs();
});
afterAll(async () => {
  await platform.close();
});

describe('the table preview', () => {
  it('shows a page of rows in an accessible table, a bar chart per numeric column, and the exports', async () => {
    const path = `/daten/bezirke/ressourcen/${tableId}`;
    const page = await client.get(path);
    expect(page.status).toBe(200);
    expect(await htmlProblems(path, page.body)).toEqual([]);
    expect(page.body).toContain('Bezirke: Zeilen 1 bis 20 von 25');
    expect(page.body).toContain('<th class="kern-table__cell kern-table__cell--numeric" scope="row">20</th>');
    expect(page.body).not.toContain('Bezirk 21');
    expect(page.body).toContain('<title id="diagramm-einwohner-title">einwohner nach stadtbezirk</title>');
    expect(page.body).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="diagramm-einwohner-title diagramm-einwohner-desc"/);
    expect(page.body).toContain('Balkendiagramm mit 20 Werten von 1.000 bis 1.190.');
    expect(page.body).toContain('Seite 1 von 2');
    expect(page.body).toContain(`href="/datastore/dump/${tableId}?format=csv"`);
  });

  it('writes an identifier column as its numbers are looked up, on the left, and groups a measure on the right', async () => {
    const page = await client.get(`/daten/bezirke/ressourcen/${tableId}`);
    expect(page.body).toContain('<td class="kern-table__cell">900001</td>');
    expect(page.body).not.toContain('900.001');
    expect(page.body).toContain('<td class="kern-table__cell kern-table__cell--numeric">1.000</td>');
    // A UUID stays on one line instead of breaking at each hyphen.
    expect(page.body).toContain(`<td class="kern-table__cell opendata-cell-uuid">${uuid(0)}</td>`);
  });

  it('pages and sorts by links, and refuses a column the table does not have', async () => {
    const second = await client.get(`/daten/bezirke/ressourcen/${tableId}?seite=2`);
    expect(second.body).toContain('Bezirk 21');
    expect(second.body).toContain('Zeilen 21 bis 25 von 25');
    const sorted = await client.get(`/daten/bezirke/ressourcen/${tableId}?sortierung=einwohner&richtung=ab`);
    expect(sorted.body.indexOf('Bezirk 25')).toBeLessThan(sorted.body.indexOf('Bezirk 24'));
    expect(sorted.body).toContain('aria-sort="descending"');
    const refused = await client.get(`/daten/bezirke/ressourcen/${tableId}?sortierung=passwort`);
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('Nach der Spalte „passwort“ kann nicht sortiert werden.');
    expect((await client.get(`/daten/bezirke/ressourcen/${tableId}?seite=3`)).status).toBe(404);
  });

  it('offers to show one group of rows where a table repeats along its time, and draws that group as a line', async () => {
    const path = `/daten/bezirke/ressourcen/${monthlyId}`;
    const all = await client.get(path);
    expect(all.status).toBe(200);
    expect(all.body).not.toContain('role="img"');
    expect(all.body).toContain('<label class="kern-label" for="wert">Zeilen zeigen für: ort</label>');
    expect(all.body).toContain('<option value="Stadtbücherei">Stadtbücherei</option>');
    expect(all.body).not.toContain('<option value="a1">');

    const one = await client.get(`${path}?spalte=ort&wert=B%C3%BCrgerb%C3%BCro`);
    expect(one.status).toBe(200);
    expect(await htmlProblems(path, one.body)).toEqual([]);
    expect(one.body).toContain('Besuche je Monat: Zeilen 1 bis 4 von 4');
    expect(one.body).not.toContain('<td class="kern-table__cell">Stadtbücherei</td>');
    expect(one.body).toContain('Liniendiagramm mit 4 Werten von 100 bis 130.');
    expect(one.body).toMatch(/<option value="Bürgerbüro" selected(="")?>Bürgerbüro<\/option>/);
    // Sorting and paging keep the choice.
    expect(one.body).toContain('?spalte=ort&amp;wert=B%C3%BCrgerb%C3%BCro&amp;sortierung=besuche&amp;richtung=auf#vorschau');

    const refused = await client.get(`${path}?spalte=ort_id&wert=a1`);
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('Die Spalte „ort_id“ kann hier nicht ausgewählt werden.');
    // A table that makes its chart by itself is offered no choice.
    expect((await client.get(`/daten/bezirke/ressourcen/${tableId}`)).body).not.toContain('name="spalte"');
    // Nor one so long that finding its groups would read more rows than a page should (its version says how many).
    await opendataDb(platform.ctx.db).updateTable('opendata_resource_versions').set({ row_count: 50_001 }).where('resource_id', '=', monthlyId).execute();
    const long = await client.get(path);
    expect(long.body).not.toContain('name="spalte"');
    expect((await client.get(`${path}?spalte=ort&wert=Stadtb%C3%BCcherei`)).status).toBe(400);
    await opendataDb(platform.ctx.db).updateTable('opendata_resource_versions').set({ row_count: 8 }).where('resource_id', '=', monthlyId).execute();
  });

  it('draws the places of a GeoJSON resource as an SVG map, numbered like the rows of the table', async () => {
    const path = `/daten/bezirke/ressourcen/${placesId}`;
    const page = await client.get(path);
    expect(page.status).toBe(200);
    expect(await htmlProblems(path, page.body)).toEqual([]);
    expect(page.body).toContain('Karte: Orte');
    expect(page.body).toContain('Punkt 51,0802 / 6,3154');
    expect(page.body).toMatch(/<svg[^>]*opendata-map[^>]*role="img"/);
    expect(page.body).toContain(`href="/datastore/dump/${placesId}?format=geojson"`);
  });

  it('exports the whole table through the dump address, and refuses GeoJSON for a table without geometry', async () => {
    const dump = await client.get(`/datastore/dump/${tableId}?format=csv`);
    expect(dump.status).toBe(200);
    expect(String(dump.headers['content-type'])).toContain('text/csv');
    expect(String(dump.headers['content-disposition'])).toContain('bezirke-bezirke.csv');
    expect(dump.body).toContain('Bezirk 25');
    const refused = await client.get(`/datastore/dump/${tableId}?format=geojson`);
    expect(refused.status).toBe(400);
    expect((await client.get('/datastore/dump/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
