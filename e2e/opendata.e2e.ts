import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStaff } from '#modules/accounts/test/builders.ts';
import { dataPublisher } from '#modules/opendata/permissions.ts';
import { opendataDb } from '#modules/opendata/repo.ts';
import { seedOpendata } from '#modules/opendata/seed/index.ts';
import { bothWays, follow, logInStaff, startSite, submit, visit, type Site } from './harness.ts';

/*
 * The open-data portal as its people meet it, with and without JavaScript: a data user searches, opens a
 * dataset, previews its table and reads the API calls; a publisher of an office creates a dataset, uploads a
 * messy German CSV, follows its check, and publishes it. Every page is checked (axe, valid HTML, no console
 * or CSP errors).
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

describe.each(bothWays)('a publisher $how', ({ javaScript, how }) => {
  it('creates a dataset, uploads a German spreadsheet export, follows its check and publishes it', async () => {
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
    await page.getByLabel('Beschreibung', { exact: true }).fill('Die Bäume der Stadt mit Art, Pflanzjahr und Stammumfang.');
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
    // What Excel on a German Windows writes: Windows-1252, semicolons, decimal commas, dd.mm.yyyy.
    const csv = Buffer.from('Baum-Nr;Art;Pflanzdatum;Stammumfang in m\r\n1;Stieleiche;12.03.1998;1,85\r\n2;Winterlinde;01.11.2004;1,2\r\n3;Rotbuche;20.04.1987;2,4\r\n', 'latin1');
    await page.getByLabel('Datei', { exact: true }).setInputFiles({ name: 'baeume.csv', mimeType: 'text/csv', buffer: csv });
    expect(await submit(page, 'Hochladen')).toBe(200);
    await site.platform.runJobs();
    expect(await follow(page, 'Aktualisieren')).toBe(200);
    expect(await page.getByText('Geladen').count()).toBeGreaterThanOrEqual(1);

    expect(await visit(page, '/verwaltung/daten')).toBe(200);
    expect(await follow(page, `Stadtbäume (${how})`)).toBe(200);
    expect(await submit(page, 'Veröffentlichen')).toBe(200);
    expect(await page.getByText('Der Datensatz ist veröffentlicht.').count()).toBe(1);

    const visitor = await site.open({ javaScript });
    expect(await visit(visitor, `/daten/${name}`)).toBe(200);
    expect(await follow(visitor, 'Vorschau und Datenbeschreibung')).toBe(200);
    expect(await visitor.getByRole('table').first().getByText('Winterlinde').count()).toBe(1);
  });
});
