import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStaff } from '#modules/accounts/test/builders.ts';
import { catalogDb, findEntry } from '#modules/catalog/repo.ts';
import type { ServiceContent } from '#modules/catalog/schemas.content.ts';
import { buildOffice } from '#modules/catalog/test/builders.ts';
import { bothWays, logInStaff, startSite, submit, visit, type Site } from './harness.ts';

/*
 * An editor writes a service in the catalogue's back office by keyboard, as a person with and without
 * JavaScript does: a mistake is named in the summary, its link leads to the field, everything typed is still
 * there, and the corrected form creates the entry. Every page is checked (axe, valid HTML, no console errors).
 */
let site: Site;

beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

describe.each(bothWays)('the catalogue editor $how', ({ javaScript }) => {
  it('names a fee it cannot read, leads to it, keeps what was typed, and creates the service once corrected', async () => {
    const office = await buildOffice(site.platform.ctx, { title: `Ordnungsamt ${javaScript ? 'mit' : 'ohne'} Skript` });
    const staff = await buildStaff(site.platform.ctx, [{ role: 'editor' }]);
    const page = await site.open({ javaScript });
    await logInStaff(page, staff);
    const slug = `angelkarte-${javaScript ? 'js' : 'html'}`;

    expect(await visit(page, '/verwaltung/katalog/leistungen/neu')).toBe(200);
    await page.getByLabel('Titel', { exact: true }).fill('Angelkarte beantragen');
    await page.getByLabel('Titel – auf Englisch (freiwillig)').fill('Apply for a fishing permit');
    await page.getByLabel('Adresse (Kurzname)').fill(slug);
    await page.getByLabel('Zuständige Dienststelle').selectOption({ label: office.title });
    await page.getByLabel('Gebühr 1: Bezeichnung', { exact: true }).fill('Jahreskarte');
    await page.getByLabel('Gebühr 1: Betrag in Euro').fill('25 Euro');
    expect(await submit(page, 'Entwurf anlegen')).toBe(422);

    const summary = page.getByRole('alert');
    const message = 'Bitte geben Sie bei „Gebühr 1: Betrag“ einen Betrag in Euro an, zum Beispiel 46,00 oder 1.234,50.';
    expect(await summary.getByRole('link').allTextContents()).toEqual([message]);
    await summary.getByRole('link').click();
    expect(await page.locator(':focus').getAttribute('id')).toBe('fee1Amount');
    expect(await page.getByLabel('Gebühr 1: Betrag in Euro').inputValue()).toBe('25 Euro');
    expect(await page.getByLabel('Titel – auf Englisch (freiwillig)').inputValue()).toBe('Apply for a fishing permit');
    expect(await page.getByLabel('Zuständige Dienststelle').inputValue()).toBe(office.id);

    await page.getByLabel('Gebühr 1: Betrag in Euro').fill('25,00');
    expect(await submit(page, 'Entwurf anlegen')).toBe(200);
    expect(await page.getByText('Der Entwurf ist angelegt.').count()).toBe(1);
    const id = /\/verwaltung\/katalog\/leistungen\/([0-9a-f-]{36})/.exec(page.url())?.[1];
    const draft = (await findEntry(catalogDb(site.platform.ctx.db), id!))?.draft as ServiceContent | undefined;
    expect(draft).toMatchObject({ slug, officeId: office.id, fees: [{ label: 'Jahreskarte', amountCents: 2500 }], en: { title: 'Apply for a fishing permit' } });
  });
});
