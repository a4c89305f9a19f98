import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalog } from '#modules/catalog/seed/index.ts';
import { bothWays, checkPage, follow, startSite, visit, type Site } from './harness.ts';

/*
 * The citizen's way in, on a phone and on a desktop screen: the search with its suggestions, the page when
 * it finds nothing, headings and their leads, and the way to an office. Screenshots go to the system's
 * temporary directory for a person to look at; the assertions measure order and position, not pixels.
 */

let site: Site;
const screenshots = path.join(os.tmpdir(), 'erkelenz-screenshots');

beforeAll(async () => {
  site = await startSite();
  await seedCatalog(site.platform.ctx);
  await fs.mkdir(screenshots, { recursive: true });
});
afterAll(async () => {
  await site?.close();
});

const screens = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

async function openAt(screen: (typeof screens)[number], javaScript: boolean): Promise<Page> {
  const page = await site.open({ javaScript });
  await page.setViewportSize({ width: screen.width, height: screen.height });
  return page;
}

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`${locator.toString()} is not on the page`);
  return found;
}

/** The whole page, or only what the screen shows (where the open suggestion list is what matters). */
async function shoot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage });
}

describe.each(screens)('search suggestions on a $name ($width px)', (screen) => {
  it.each([
    { where: 'home', path: '/' },
    { where: 'results', path: '/suche?q=Ausweis' },
  ])('12.15 opens the suggestions below the search field on the $where page', async ({ where, path: address }) => {
    const page = await openAt(screen, true);
    await visit(page, address);
    const field = page.getByRole('combobox', { name: 'Was möchten Sie erledigen?' });
    await field.fill('');
    await field.pressSequentially('Hund');
    const list = page.getByRole('listbox', { name: 'Vorschläge' });
    await list.getByRole('option').first().waitFor();
    expect(await field.getAttribute('aria-expanded')).toBe('true');
    const input = await box(field);
    const suggestions = await box(list);
    expect(suggestions.y, 'the list starts at or below the field').toBeGreaterThanOrEqual(input.y + input.height - 0.5);
    expect(Math.abs(suggestions.x - input.x), 'the list lines up with the field').toBeLessThanOrEqual(1);
    // Nothing of the field is covered: the point in its middle belongs to the field itself.
    expect(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.getAttribute('name'), { x: input.x + input.width / 2, y: input.y + input.height / 2 })).toBe('q');
    await shoot(page, `suggestions-${where}-${screen.width}`, false);
    await checkPage(page);
  });
});

const pagesWithLead = ['/', '/leistungen', '/lebenslagen', '/dienststellen', '/dienststellen/buergerbuero'];

describe.each(screens)('page headings on a $name ($width px)', (screen) => {
  it.each(pagesWithLead)('12.16 shows the heading above its lead paragraph on %s, in reading order', async (address) => {
    const page = await openAt(screen, false);
    await visit(page, address);
    const heading = await box(page.locator('main h1'));
    const lead = await box(page.locator('main h1 ~ p').first());
    expect(lead.y, 'the lead starts below the heading').toBeGreaterThanOrEqual(heading.y + heading.height - 0.5);
  });
});

describe.each(screens)('a search that finds nothing, on a $name ($width px)', (screen) => {
  it('12.19 offers the phone number, the A–Z and the life situations across the full width', async () => {
    const page = await openAt(screen, false);
    await visit(page, '/suche?q=Qwrtzpfl');
    const nothing = page.locator('section[aria-labelledby="results-heading"]');
    expect(await nothing.getByRole('heading', { level: 2 }).textContent()).toBe('Zu Ihrer Suche haben wir nichts gefunden.');
    expect(await nothing.getByRole('link', { name: '02431 85-0' }).getAttribute('href')).toBe('tel:02431850');
    expect(await nothing.getByRole('link', { name: 'Alle Leistungen von A bis Z' }).isVisible()).toBe(true);
    expect(await nothing.getByRole('link', { name: 'Umzug nach oder innerhalb von Erkelenz' }).isVisible()).toBe(true);
    const width = (await box(nothing)).width;
    const column = (await box(page.locator('main form[role="search"]').locator('xpath=..'))).width;
    expect(width, 'as wide as the page content').toBeGreaterThanOrEqual(column - 1);
    await shoot(page, `search-nothing-${screen.width}`);
    await follow(page, 'Alle Leistungen von A bis Z');
    expect(new URL(page.url()).pathname).toBe('/leistungen');
  });
});

describe.each(bothWays)('search results and facets $how', ({ javaScript }) => {
  it('12.19 on a phone: results first, the facets folded under them and unfolded on request', async () => {
    const page = await openAt(screens[0], javaScript);
    await visit(page, '/suche?q=Hund');
    const results = await box(page.getByRole('heading', { level: 2, name: /Treffer/ }));
    const facets = page.getByRole('navigation', { name: 'Ergebnisse eingrenzen' });
    expect((await box(facets)).y, 'facets below the results').toBeGreaterThan(results.y);
    const filter = facets.getByRole('link', { name: /Einen Hund halten/ });
    expect(await filter.isVisible()).toBe(false);
    await shoot(page, `search-results-${screens[0].width}-${javaScript ? 'js' : 'nojs'}`);
    await facets.locator('summary').click();
    expect(await filter.isVisible()).toBe(true);
    await checkPage(page);
    const loaded = page.waitForEvent('load');
    await filter.click();
    await loaded;
    await checkPage(page);
    expect(new URL(page.url()).searchParams.getAll('lebenslage')).toEqual(['hund']);
  });

  it('12.19 on a desktop: the facets unfolded beside the results, reachable by keyboard', async () => {
    const page = await openAt(screens[1], javaScript);
    await visit(page, '/suche?q=Hund');
    const results = await box(page.locator('section.search-results'));
    const facets = page.getByRole('navigation', { name: 'Ergebnisse eingrenzen' });
    const filter = facets.getByRole('link', { name: /Einen Hund halten/ });
    expect(await filter.isVisible()).toBe(true);
    expect(await facets.locator('summary').isVisible()).toBe(false);
    expect((await box(facets)).x, 'facets to the right of the results').toBeGreaterThanOrEqual(results.x + results.width);
    await filter.focus();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Einen Hund halten');
    await shoot(page, `search-results-${screens[1].width}-${javaScript ? 'js' : 'nojs'}`);
  });
});

describe.each(screens)('the way to an office on a $name ($width px)', (screen) => {
  it('12.20 leads from the navigation to an office page with directions', async () => {
    const page = await openAt(screen, false);
    await visit(page, '/');
    await follow(page, 'Dienststellen und Öffnungszeiten');
    expect(new URL(page.url()).pathname).toBe('/dienststellen');
    await follow(page, 'Bürgerbüro');
    const map = page.getByRole('link', { name: 'Johannismarkt 17, 41812 Erkelenz' });
    expect(await map.getAttribute('href')).toBe('https://www.openstreetmap.org/search?query=Johannismarkt%2017%2C%2041812%20Erkelenz');
    expect(await page.getByRole('heading', { name: 'Mit Bus und Bahn' }).isVisible()).toBe(true);
    await shoot(page, `office-${screen.width}`);
  });
});
