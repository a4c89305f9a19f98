import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalog } from '#modules/catalog/seed/index.ts';
import { startSite, visit, type Site } from './harness.ts';

/*
 * A service page as a citizen meets it on a phone and on a desktop screen: the key facts first, then the
 * routes; on a wide screen the service in two thirds and the contents and the office in the third.
 * Screenshots go to the system's temporary directory for a person to look at; the assertions measure order
 * and position, not pixels.
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

const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 800 };

async function openAt(screen: { width: number; height: number }): Promise<Page> {
  const page = await site.open({ javaScript: false });
  await page.setViewportSize(screen);
  return page;
}

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`${locator.toString()} is not on the page`);
  return found;
}

const services = ['personalausweis-beantragen', 'wohnsitz-anmelden', 'hund-anmelden', 'bewohnerparkausweis'];

describe('the service page on a phone (390 × 844 px)', () => {
  it.each(services)('12.17 puts the facts at a glance on the first screen, under the heading and above the routes: %s', async (slug) => {
    const page = await openAt(phone);
    expect(await visit(page, `/leistungen/${slug}`)).toBe(200);
    const heading = await box(page.locator('main h1'));
    const glance = page.getByRole('region', { name: 'Auf einen Blick' });
    const facts = await box(glance);
    const routes = await box(page.getByRole('region', { name: 'So erledigen Sie das' }));
    expect(facts.y, 'the facts start on the first screen').toBeLessThan(phone.height);
    expect(facts.y, 'the facts come after the heading').toBeGreaterThan(heading.y + heading.height);
    expect(routes.y, 'the routes come after the facts').toBeGreaterThanOrEqual(facts.y + facts.height);
    expect(await glance.locator('dt').first().textContent()).toBe('Kosten');
    // One column: the contents and the office follow the service, in reading order as on the screen.
    const side = await box(page.getByRole('navigation', { name: 'Auf dieser Seite' }));
    const main = await box(page.locator('main article'));
    expect(side.y, 'the third column comes after the service').toBeGreaterThanOrEqual(main.y + main.height);
    expect(Math.abs(side.x - main.x), 'one column').toBeLessThanOrEqual(1);
    await page.screenshot({ path: path.join(screenshots, `service-${slug}-390.png`), fullPage: true });
  });

  it('12.17 shows the cost of an identity card within the first screen', async () => {
    const page = await openAt(phone);
    await visit(page, '/leistungen/personalausweis-beantragen');
    const cost = page.getByRole('region', { name: 'Auf einen Blick' }).getByText('46,00 €');
    expect((await box(cost)).y + (await box(cost)).height).toBeLessThanOrEqual(phone.height);
  });
});

describe('the service page on a desktop (1280 px)', () => {
  it.each(services)('12.17 sets the service in two thirds and the contents and the office in the third column: %s', async (slug) => {
    const page = await openAt(desktop);
    await visit(page, `/leistungen/${slug}`);
    const main = await box(page.locator('main article'));
    const side = await box(page.locator('main .catalog-layout__side'));
    const container = await box(page.locator('main'));
    expect(side.x, 'the third column is to the right of the service').toBeGreaterThanOrEqual(main.x + main.width);
    expect(Math.abs(side.y - main.y), 'both start at the top').toBeLessThanOrEqual(1);
    expect(main.width / side.width, 'two thirds beside one third').toBeGreaterThan(1.7);
    expect(main.width / side.width).toBeLessThan(2.5);
    expect(side.x + side.width, 'the page uses its width').toBeGreaterThan(container.x + container.width * 0.85);
    const facts = await box(page.getByRole('region', { name: 'Auf einen Blick' }));
    const routes = await box(page.getByRole('region', { name: 'So erledigen Sie das' }));
    expect(facts.y + facts.height).toBeLessThanOrEqual(routes.y);
    // The contents list leads to the sections of the page.
    const contents = page.getByRole('navigation', { name: 'Auf dieser Seite' });
    expect(await contents.getByRole('link').first().getAttribute('href')).toBe('#auf-einen-blick');
    expect(await contents.getByRole('link', { name: 'So erledigen Sie das' }).getAttribute('href')).toBe('#wege');
    await page.screenshot({ path: path.join(screenshots, `service-${slug}-1280.png`), fullPage: true });
  });
});

describe('the service page in English', () => {
  it('12.18 shows a service in English, and one without English marked as German, on a phone', async () => {
    const page = await openAt(phone);
    expect(await visit(page, '/leistungen/hund-anmelden?lang=en')).toBe(200);
    expect(await page.locator('main h1').textContent()).toBe('Register a dog (dog tax)');
    const glance = page.getByRole('region', { name: 'At a glance' });
    expect((await box(glance)).y).toBeLessThan(phone.height);
    expect(await glance.getByText('Within two weeks of getting the dog or of moving to Erkelenz.').isVisible()).toBe(true);
    await page.screenshot({ path: path.join(screenshots, 'service-hund-anmelden-en-390.png'), fullPage: true });

    expect(await visit(page, '/leistungen/meldebescheinigung?lang=en')).toBe(200);
    expect(await page.locator('main h1 [lang="de"]').textContent()).toBe('Meldebescheinigung beantragen');
    expect(await page.getByText('The texts on this page are only available in German.').isVisible()).toBe(true);
    await page.screenshot({ path: path.join(screenshots, 'service-meldebescheinigung-en-390.png'), fullPage: true });
  });
});
