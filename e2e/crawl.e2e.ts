import type { Page } from 'playwright-core';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, demoTotpSecret } from '#modules/accounts/seed.ts';
import { logInStaff, startSite, visit, type Site } from './harness.ts';

/**
 * Follows every link a person can reach, from the home page as a visitor and from the back office as the
 * demo administrator, and checks each page it lands on (axe, valid HTML, no console or CSP errors). New
 * pages are covered as soon as something links to them. Pages of one kind (`/leistungen/<slug>`) are
 * sampled, so a catalogue of hundreds of services does not make the run hours long.
 */
let site: Site;

beforeAll(async () => {
  site = await startSite({ DEMO_DATA: 'true' });
});
afterAll(async () => {
  await site?.close();
});

const perKind = 3;
const maxPages = 120;
/** A full crawl visits up to maxPages pages at about a second each (axe and validation included). */
const crawlTimeout = 600_000;
/** Links that change state or leave the HTML world; the journeys test them on purpose. */
const skipped = [/^\/abmelden/, /^\/api\//, /^\/assets\//, /^\/anmelden\/oidc/, /\.(json|jsonld|geojson|csv|pdf|ics|atom|ttl|rdf|xml)(\?|$)/, /\/download$/, /^\/datastore\/dump\//, /^\/metrics/, /^\/(healthz|readyz)/];

function kindOf(path: string): string {
  // Ids and slugs become one placeholder, so "/leistungen/hund-anmelden" and ".../personalausweis" are one kind.
  return path
    .split('?')[0]!
    .split('/')
    .map((segment, index) => (index >= 2 && /[0-9a-f-]{8,}|[a-z0-9]+-[a-z0-9-]+|\d+/.test(segment) ? ':id' : segment))
    .join('/');
}

async function crawl(page: Page, start: string): Promise<string[]> {
  const origin = new URL(site.baseUrl).origin;
  const queue = [start];
  const seen = new Set<string>(queue);
  const kinds = new Map<string, number>();
  const visited: string[] = [];
  while (queue.length > 0 && visited.length < maxPages) {
    const path = queue.shift()!;
    const kind = kindOf(path);
    if ((kinds.get(kind) ?? 0) >= perKind) continue;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    const status = await visit(page, path);
    expect(status, `${path} answered ${status}`).toBeLessThan(400);
    visited.push(path);
    const hrefs = await page.locator('a[href]:not([download])').evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
    for (const href of hrefs) {
      const url = new URL(href);
      if (url.origin !== origin) continue;
      const next = `${url.pathname}${url.search}`;
      if (seen.has(next) || skipped.some((pattern) => pattern.test(next)) || url.searchParams.has('lang')) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return visited;
}

describe('every reachable page', () => {
  it('is accessible, valid and quiet for a visitor without JavaScript', async () => {
    const page = await site.open({ javaScript: false });
    const visited = await crawl(page, '/');
    expect(visited).toEqual(expect.arrayContaining(['/', '/impressum', '/anmelden', '/registrieren']));
  }, crawlTimeout);

  it('is accessible, valid and quiet for a visitor with JavaScript, in English too', async () => {
    const page = await site.open({ javaScript: true });
    await visit(page, '/?lang=en');
    const visited = await crawl(page, '/');
    expect(visited.length).toBeGreaterThan(5);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  }, crawlTimeout);

  it('is accessible, valid and quiet for the administrator in the back office', async () => {
    const page = await site.open({ javaScript: true });
    await logInStaff(page, { user: { email: 'admin@erkelenz.example' }, password: demoPassword, code: () => generate({ secret: demoTotpSecret }) });
    const visited = await crawl(page, '/verwaltung');
    expect(visited).toEqual(expect.arrayContaining(['/verwaltung', '/verwaltung/mitarbeitende', '/verwaltung/protokoll', '/konto']));
  }, crawlTimeout);
});
