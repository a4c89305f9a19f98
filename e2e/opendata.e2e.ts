import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStaff } from '#modules/accounts/test/builders.ts';
import { dataPublisher } from '#modules/opendata/permissions.ts';
import { opendataDb } from '#modules/opendata/repo.ts';
import { declarations, publishDeclaration } from '#modules/opendata/service.declared.ts';
import { appointmentsDb } from '#modules/appointments/repo.ts';
import { buildLocation } from '#modules/appointments/test/builders.ts';
import { seedOpendata } from '#modules/opendata/seed/index.ts';
import type { Page } from 'playwright-core';
import { treeRegister } from '#bench/cases/opendata-upload-50k.ts';
import { bothWays, checkPage, follow, logInStaff, startSite, submit, visit, type Site } from './harness.ts';

/*
 * The open-data portal as its people meet it, with and without JavaScript: a data user searches, opens a
 * dataset, previews its table and reads the API calls; a journalist finds the appointment figures, downloads
 * them as CSV and a CKAN client reads the same through the Action API; a publisher of an office creates a dataset, uploads a
 * messy German CSV of 50,000 rows, follows its check, and publishes it. Every page is checked (axe, valid
 * HTML, no console or CSP errors). How long the upload takes is measured in bench/, not here.
 */
let site: Site;

beforeAll(async () => {
  site = await startSite();
  await seedOpendata(site.platform.ctx);
  await site.platform.runJobs();
}, 180_000);
afterAll(async () => {
  await site?.close();
});

describe.each(bothWays)('a data user $how', ({ javaScript }) => {
  it('searches, filters by a facet, opens a dataset, previews its table and finds its organisation', async () => {
    const page = await site.open({ javaScript });
    expect(await visit(page, '/daten')).toBe(200);
    await page.getByLabel('Suchbegriff').fill('Lade');
    expect(await submit(page, 'Suchen')).toBe(200);
    expect(await page.getByRole('link', { name: 'Öffentliche Ladesäulen für Elektrofahrzeuge' }).count()).toBe(1);
    expect(await follow(page, 'Verkehr (1)')).toBe(200);
    expect(await follow(page, 'Öffentliche Ladesäulen für Elektrofahrzeuge')).toBe(200);
    expect(await page.getByText('Beispieldaten').count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByText('Ausgezeichnet').count()).toBe(1);
    expect(await page.getByText('/api/3/action/package_show').count()).toBeGreaterThanOrEqual(1);

    expect(await follow(page, 'Vorschau und Datenbeschreibung')).toBe(200);
    expect(await page.getByRole('table').first().getByText('Erkelenz-Gerderath').count()).toBe(1);
    expect(await page.getByRole('img').count()).toBeGreaterThanOrEqual(1);
    expect(await follow(page, 'Öffentliche Ladesäulen für Elektrofahrzeuge')).toBe(200);
    expect(await follow(page, 'Umwelt und Klimaschutz')).toBe(200);
    expect(await page.getByRole('heading', { name: 'Umwelt und Klimaschutz' }).count()).toBe(1);
  });

  it('sees a map of a GeoJSON resource and its points as a list', async () => {
    const page = await site.open({ javaScript });
    expect(await visit(page, '/daten/oeffentliche-einrichtungen')).toBe(200);
    expect(await follow(page, 'Vorschau und Datenbeschreibung')).toBe(200);
    expect(await page.getByText('Stadtbücherei').count()).toBeGreaterThanOrEqual(1);
  });
});

describe('a journalist and a CKAN client (journey 6)', () => {
  it('find the appointment figures, see one place’s chart with its table, download them as CSV, and read the same through CKAN', { timeout: 120_000 }, async () => {
    // Two places with served bookings in the last three months, each with its wait at the counter.
    const place = await buildLocation(site.platform.ctx, { name: 'Bürgerbüro am Markt' });
    const other = await buildLocation(site.platform.ctx, { name: 'Außenstelle Lövenich' });
    const now = Date.now();
    for (const [where, code] of [[place, 'M'], [other, 'L']] as const) {
      for (let back = 1; back <= 3; back += 1) {
        for (let index = 0; index < back * 2; index += 1) {
          const startsAt = new Date(now - back * 30 * 86_400_000 + index * 3_600_000);
          await appointmentsDb(site.platform.ctx.db)
            .insertInto('appointment_bookings')
            .values({
              reference: `J6-${code}-${back}-${index}`, location_id: where.location.id, counter_id: where.counters[0]!.id, starts_at: startsAt, ends_at: new Date(startsAt.getTime() + 900_000),
              status: 'served', services: JSON.stringify([{ serviceId: 'personalausweis', persons: 1 }]), channel: 'online', name: 'Erika Mustermann', email: 'erika@example.org',
              secret_hash: 'e'.repeat(64), created_by: 'test', arrived_at: startsAt, called_at: new Date(startsAt.getTime() + (5 + back * 5) * 60_000),
            })
            .execute();
        }
      }
    }
    // The daily refresh, now rather than at its hour.
    await publishDeclaration(site.platform.ctx, declarations(site.platform.ctx).find((one) => one.id === 'appointments.monthly-figures')!);
    await site.platform.runJobs();
    const title = 'Termine im Bürgerbüro und anderen Stellen je Monat';

    const page = await site.open({ javaScript: false });
    expect(await visit(page, '/daten')).toBe(200);
    await page.getByLabel('Suchbegriff').fill('Termine Bürgerbüro');
    expect(await submit(page, 'Suchen')).toBe(200);
    expect(await follow(page, title)).toBe(200);
    expect(await follow(page, 'Vorschau und Datenbeschreibung')).toBe(200);
    expect(await page.getByRole('table').first().getByRole('columnheader', { name: /Mittlere Wartezeit/ }).count()).toBe(1);
    // Every place for every month makes no chart; one place's months do, beside the table of the same rows.
    expect(await page.locator('svg[role="img"]').count()).toBe(0);
    await page.getByLabel('Zeilen zeigen für: Ort').selectOption('Bürgerbüro am Markt');
    expect(await submit(page, 'Anzeigen')).toBe(200);
    expect(await page.locator('svg[role="img"]').count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByRole('table').first().getByText('Bürgerbüro am Markt').count()).toBeGreaterThanOrEqual(3);
    const csvLink = page.getByRole('link', { name: /CSV/ }).first();
    const csv = await page.request.get((await csvLink.getAttribute('href'))!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    const text = await csv.text();
    expect(text.split(/\r?\n/)[0]).toContain('month');
    expect(text).toContain('Bürgerbüro am Markt');
    expect(text).not.toMatch(/Erika|example\.org|J6-/);

    // The same through the Action API, as a CKAN client asks.
    const api = async <T,>(action: string, query: Record<string, string>) => ((await (await page.request.get(`/api/3/action/${action}?${new URLSearchParams(query)}`)).json()) as { success: boolean; result: T });
    type Found = { results: { title: string; resources: { id: string }[] }[]; search_facets: Record<string, { items: { name: string }[] }> };
    const search = await api<Found>('package_search', { q: 'Termine', fq: 'organization:stadt-erkelenz', 'facet.field': '["groups","res_format"]' });
    expect(search.success).toBe(true);
    const dataset = search.result.results.find((one) => one.title === title);
    expect(dataset).toBeDefined();
    expect(search.result.search_facets.res_format?.items.map((item) => item.name)).toContain('CSV');
    const rows = await api<{ total: number; records: { served: number }[] }>('datastore_search', { resource_id: dataset!.resources[0]!.id, filters: JSON.stringify({ place_id: place.location.id }), sort: 'month' });
    expect(rows.result.total).toBeGreaterThanOrEqual(3);
    expect(rows.result.records.filter((row) => row.served > 0)).toHaveLength(3);
    expect((await page.request.get('/catalog.ttl')).headers()['content-type']).toMatch(/^text\/turtle/);
  });
});

// The file the upload benchmark sends: a tree register as Excel on a German Windows writes it (Windows-1252,
// semicolons, decimal commas, dd.mm.yyyy, a quoted semicolon, empty cells, a blank line at the end).
const treeRows = 50_000;

/**
 * With JavaScript the upload island shows the bytes sent. The upload of a few megabytes over loopback is over
 * in moments, so what the island wrote is kept where it outlives the page the browser leaves for the answer.
 */
async function recordUploadProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const holder = document.querySelector<HTMLElement>('.upload-progress');
    if (!holder) return;
    new MutationObserver(() => {
      if (!holder.hidden) sessionStorage.setItem('upload-progress', holder.textContent ?? '');
    }).observe(holder, { attributes: true, childList: true, subtree: true, characterData: true });
  });
}

describe.each(bothWays)('a publisher $how', ({ javaScript, how }) => {
  it('creates a dataset, uploads a German spreadsheet export, follows its check and publishes it', { timeout: 240_000 }, async () => {
    const organization = await opendataDb(site.platform.ctx.db).selectFrom('opendata_organizations').select('id').where('name', '=', 'umwelt-klima').executeTakeFirstOrThrow();
    const publisher = await buildStaff(site.platform.ctx, [{ role: dataPublisher, scopeKind: 'data-organization', scopeId: organization.id }]);
    const page = await site.open({ javaScript });
    await logInStaff(page, publisher);
    const name = `baeume-${javaScript ? 'js' : 'ohne-js'}`;

    expect(await visit(page, '/verwaltung/daten')).toBe(200);
    expect(await follow(page, 'Neuer Datensatz')).toBe(200);
    await page.getByLabel('Titel', { exact: true }).fill(`Stadtbäume (${how})`);
    await page.getByLabel('Kurzname in der Adresse').fill(name);
    // Nothing typed is lost when the form is refused.
    expect(await submit(page, 'Speichern')).toBe(422);
    expect(await page.getByLabel('Kurzname in der Adresse').inputValue()).toBe(name);
    await page.getByLabel('Beschreibung', { exact: true }).fill('Die Bäume der Stadt mit Art, Pflanzdatum, Stammumfang, Höhe und Krone.');
    await page.getByLabel('Schlagwörter').fill('Bäume, Grün, Klima');
    await page.getByLabel('Umwelt', { exact: true }).check();
    await page.getByLabel('Lizenz').selectOption('dl-zero-de/2.0');
    await page.getByLabel('Aktualisierung').selectOption('ANNUAL');
    await page.getByLabel('E-Mail-Adresse der Ansprechstelle').fill('klimaschutz@erkelenz.de');
    expect(await submit(page, 'Speichern')).toBe(200);
    expect(await page.getByText('Der Datensatz ist als Entwurf angelegt.').count()).toBe(1);

    expect(await follow(page, 'Ressource hinzufügen')).toBe(200);
    await page.getByLabel('Titel der Ressource').fill('Baumkataster (CSV)');
    await page.getByLabel('Format').selectOption('CSV');
    expect(await submit(page, 'Ressource anlegen')).toBe(200);

    // A file of another format is refused with the reason beside the field; with JavaScript the answer
    // replaces the page's main part in place, and the form it brings sends again.
    await page.getByLabel('Datei', { exact: true }).setInputFiles({ name: 'baeume.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n% Baumkataster\n') });
    const refusal = 'Die Datei passt nicht zum Format CSV dieser Ressource.';
    if (javaScript) {
      await page.getByRole('button', { name: 'Hochladen' }).click();
      await page.getByText(refusal).first().waitFor();
      // The refusal came to the island's request, not as a page: the one problem the check finds is its status.
      await expect(checkPage(page)).rejects.toThrow(/^1 problem\(s\)[^\n]*\n {2}- asset 415: [^\n]*\/versionen$/);
    } else {
      expect(await submit(page, 'Hochladen')).toBe(415);
    }
    expect(await page.getByText(refusal).count()).toBeGreaterThanOrEqual(1);

    await page.getByLabel('Datei', { exact: true }).setInputFiles({ name: 'baumkataster.csv', mimeType: 'text/csv', buffer: treeRegister(treeRows) });
    if (javaScript) await recordUploadProgress(page);
    expect(await submit(page, 'Hochladen')).toBe(200);
    if (javaScript) expect(await page.evaluate(() => sessionStorage.getItem('upload-progress'))).toMatch(/^Wird hochgeladen: \d{1,3} %$/);
    // With JavaScript the version's page asks for its progress and reloads itself when the check is done;
    // without, the publisher follows "Aktualisieren".
    const reloaded = javaScript ? page.waitForEvent('load', { timeout: 120_000 }) : null;
    await site.platform.runJobs();
    if (reloaded) {
      await reloaded;
      await checkPage(page);
    } else {
      expect(await follow(page, 'Aktualisieren')).toBe(200);
    }
    expect(await page.getByText('Geladen').count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByText('Fertig: 50.000 Zeilen sind geladen und abrufbar.').count()).toBe(1);

    expect(await visit(page, '/verwaltung/daten')).toBe(200);
    expect(await follow(page, `Stadtbäume (${how})`)).toBe(200);
    expect(await submit(page, 'Veröffentlichen')).toBe(200);
    expect(await page.getByText('Der Datensatz ist veröffentlicht.').count()).toBe(1);

    const visitor = await site.open({ javaScript });
    expect(await visit(visitor, `/daten/${name}`)).toBe(200);
    const apiCall = (await visitor.locator('code', { hasText: 'datastore_search' }).first().textContent()) ?? '';
    expect(await follow(visitor, 'Vorschau und Datenbeschreibung')).toBe(200);
    const preview = visitor.getByRole('table').first();
    expect(await preview.locator('caption').textContent()).toContain('Zeilen 1 bis 20 von 50.000');
    // Row 8 (tree 900008), read as Windows-1252 and typed, written as a German reader expects: the tree's
    // number as it is looked up, the day as a date, decimal commas; row 12 groups the crown's 1079,5 m².
    const cells = (tree: string) => preview.getByRole('row').filter({ hasText: tree }).getByRole('cell');
    expect(await cells('900008').allTextContents()).toEqual(['900008', 'Roßkastanie', '22.12.1971', '2,79', '10,7', '691,5', 'Holzweiler', 'Straßenbaum']);
    expect(await cells('900012').nth(5).textContent()).toBe('1.079,5');
    expect(await cells('900012').nth(5).getAttribute('class')).toContain('kern-table__cell--numeric');
    expect(await cells('900012').first().getAttribute('class')).not.toContain('kern-table__cell--numeric');
    expect(await preview.getByText('Lövenich').count()).toBeGreaterThanOrEqual(1);
    const dictionary = visitor.getByRole('table', { name: 'Datenbeschreibung' });
    expect(await dictionary.getByRole('row').filter({ hasText: 'pflanzdatum' }).getByRole('cell').first().textContent()).toBe('Datum');
    expect(await dictionary.getByRole('row').filter({ hasText: 'stammumfang_in_m' }).getByRole('cell').first().textContent()).toBe('Zahl');
    expect(await visitor.getByRole('img', { name: /^Stammumfang in m nach Pflanzdatum Liniendiagramm mit 20 Werten/ }).count()).toBe(1);

    // The call the dataset's page shows answers with the whole table's count.
    const url = new URL(apiCall.replace(/^GET /, ''));
    const answer = await visitor.request.get(`${url.pathname}${url.search}`);
    expect(answer.status()).toBe(200);
    const body = (await answer.json()) as { success: boolean; result: { total: number; records: unknown[] } };
    expect(body.success).toBe(true);
    expect(body.result.total).toBe(treeRows);
    expect(body.result.records).toHaveLength(5);
  });
});
