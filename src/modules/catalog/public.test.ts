import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { seedCatalog } from './seed/index.ts';
import { buildService } from './test/builders.ts';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await createTestPlatform();
  await seedCatalog(platform.ctx);
});
afterAll(async () => {
  await platform.close();
});

// The rules the browser tests apply (e2e/check-page.ts), so a page that fails here fails there too.
const htmlValidate = new HtmlValidate({
  extends: ['html-validate:standard', 'html-validate:a11y', 'html-validate:document'],
  rules: { 'require-sri': ['error', { target: 'crossorigin' }] },
});

async function valid(body: string) {
  const report = await htmlValidate.validateString(body);
  return report.results.flatMap((result) => result.messages.map((message) => `${message.ruleId}: ${message.message} [${message.selector ?? ''}]`));
}

describe('public catalogue pages', () => {
  it('serves the index, a service, an office, a life situation and their lists as valid HTML', async () => {
    const client = new FormClient(platform.app);
    for (const path of ['/leistungen', '/leistungen/personalausweis-beantragen', '/dienststellen', '/dienststellen/buergerbuero', '/lebenslagen', '/lebenslagen/umzug', '/', '/suche?q=hund']) {
      const response = await client.get(path);
      expect(response.status, path).toBe(200);
      expect(await valid(response.body), path).toEqual([]);
    }
  });
});

function jsonLd(body: string): Record<string, unknown> {
  const block = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(body)?.[1];
  return JSON.parse(block ?? 'null') as Record<string, unknown>;
}

describe('the service page', () => {
  it('shows every route, digital first, with the office and its opening status beside "in person"', async () => {
    const page = await new FormClient(platform.app).get('/leistungen/hund-anmelden');
    const order = ['Online beantragen', 'Per E-Mail', 'Telefonisch', 'Vor Ort'].map((title) => page.body.indexOf(`</span> ${title}</h3>`));
    expect(order.every((position) => position > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(page.body).toContain('href="https://service.erkelenz.de"');
    expect(page.body).toContain('href="tel:02431850"');
    expect(page.body).toContain('href="mailto:steueramt@erkelenz.example"');
    expect(page.body).toMatch(/Jetzt (geöffnet|geschlossen)/);
    expect(page.body).toContain('Leichte Sprache');
  });

  it('says plainly when there is no online application yet', async () => {
    const page = await new FormClient(platform.app).get('/leistungen/wohnsitz-anmelden');
    expect(page.body).toContain('Für diese Leistung gibt es noch keinen Online-Antrag.');
  });

  it('carries schema.org GovernmentService data with the LeiKa key, provider, routes and fees', async () => {
    const data = jsonLd((await new FormClient(platform.app).get('/leistungen/personalausweis-beantragen')).body);
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'GovernmentService',
      name: 'Personalausweis beantragen',
      identifier: { '@type': 'PropertyValue', propertyID: 'LeiKa', value: '99008001012000' },
      provider: { '@type': 'GovernmentOrganization', name: 'Bürgerbüro', address: { streetAddress: 'Johannismarkt 17', postalCode: '41812' } },
      areaServed: { '@type': 'City', name: 'Erkelenz' },
      offers: [expect.objectContaining({ price: '46.00', priceCurrency: 'EUR' }), expect.objectContaining({ price: '27.60' })],
    });
    expect((data.availableChannel as unknown[]).length).toBe(4);
  });

  it('keeps text that looks like markup out of the page and out of the data block', async () => {
    const service = await buildService(platform.ctx, { title: 'Test </script><script>alert(1)</script>', summary: '<b>fett</b>' });
    const page = await new FormClient(platform.app).get(`/leistungen/${service.slug}`);
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(page.body).not.toContain('<b>fett</b>');
    expect(jsonLd(page.body).name).toBe('Test </script><script>alert(1)</script>');
  });

  it('marks the German content on an English page, so screen readers read it in German', async () => {
    const client = new FormClient(platform.app);
    const page = await client.get('/leistungen/meldebescheinigung?lang=en');
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain('How to get it done');
    expect(page.body).toContain('<h1 class="kern-heading-x-large"><span lang="de">Meldebescheinigung beantragen</span></h1>');
    expect(await valid(page.body)).toEqual([]);
  });

  it('12.17 puts the facts at a glance first, under the heading and lead, and the routes after them', async () => {
    const page = await new FormClient(platform.app).get('/leistungen/personalausweis-beantragen');
    const main = /<article[^>]*>(.*?)<\/article>/s.exec(page.body)?.[1] ?? '';
    const headings = [...main.matchAll(/<h2 class="kern-heading-medium" id="([^"]+)"/g)].map((match) => match[1]);
    expect(headings.slice(0, 3)).toEqual(['auf-einen-blick', 'wege', 'was']);
    expect(main.indexOf('page-heading__lead')).toBeLessThan(main.indexOf('id="auf-einen-blick"'));
    const glance = /<section aria-labelledby="auf-einen-blick"[^>]*>(.*?)<\/section>/s.exec(main)?.[1] ?? '';
    const facts = [...glance.matchAll(/<dt class="kern-description-list-item__key">([^<]+)<\/dt>/g)].map((match) => match[1]);
    expect(facts).toEqual(['Kosten', 'Unterlagen', 'Dauer', 'Wo', 'Online']);
    expect(glance).toContain('<span>Personalausweis ab 24 Jahren</span>: <strong>46,00\u00a0€</strong>');
    expect(glance).toContain('<li>bisheriger Personalausweis oder Reisepass</li>');
    expect(glance).toContain('In der Regel drei bis vier Wochen.');
    expect(glance).toContain('<a class="kern-link" href="/dienststellen/buergerbuero">Bürgerbüro</a>');
    expect(glance).toContain('Nein, noch nicht');
    // Said once: cost, documents and duration are no longer repeated further down.
    expect(headings).not.toContain('kosten');
    expect(main.split('46,00\u00a0€').length - 1).toBe(1);
  });

  it('12.17 names a fact only when the service has it, and leads to the online route from the facts', async () => {
    const dog = await new FormClient(platform.app).get('/leistungen/hund-anmelden');
    const glance = /<section aria-labelledby="auf-einen-blick"[^>]*>(.*?)<\/section>/s.exec(dog.body)?.[1] ?? '';
    expect([...glance.matchAll(/<dt class="kern-description-list-item__key">([^<]+)<\/dt>/g)].map((match) => match[1])).toEqual(['Kosten', 'Unterlagen', 'Frist', 'Wo', 'Online']);
    expect(glance).toContain('Ja – <a class="kern-link" href="https://service.erkelenz.de">Online-Antrag öffnen</a>');
    const bare = await buildService(platform.ctx, { fees: [], feesNote: '', documents: [], officeId: null });
    const page = await new FormClient(platform.app).get(`/leistungen/${bare.slug}`);
    const facts = /<section aria-labelledby="auf-einen-blick"[^>]*>(.*?)<\/section>/s.exec(page.body)?.[1] ?? '';
    expect([...facts.matchAll(/<dt class="kern-description-list-item__key">([^<]+)<\/dt>/g)].map((match) => match[1])).toEqual(['Online']);
  });

  it('12.17 sets the contents, the office and the life situations in a third column after the service', async () => {
    const page = await new FormClient(platform.app).get('/leistungen/personalausweis-beantragen');
    const layout = /<div class="catalog-layout">(.*)<\/div><\/main>/s.exec(page.body)?.[1] ?? '';
    const side = /<div class="kern-stack-lg catalog-layout__side">(.*)$/s.exec(layout)?.[1] ?? '';
    expect(layout.indexOf('</article>')).toBeLessThan(layout.indexOf('catalog-layout__side'));
    const targets = [...side.matchAll(/<a class="kern-link" href="#([^"]+)">/g)].map((match) => match[1]);
    const sections = [...layout.matchAll(/<h2 class="kern-heading-medium" id="([^"]+)"/g)].map((match) => match[1]);
    expect(targets).toEqual(sections);
    expect(side).toContain('<h2 class="kern-heading-small" id="zustaendig">Zuständige Stelle</h2>');
    expect(side).toContain('href="tel:02431850"');
    expect(side).toMatch(/Jetzt (geöffnet|geschlossen)/);
    expect(side).toContain('href="/lebenslagen/ausweise-dokumente"');
  });

  it('answers unknown services, offices and life situations with 404', async () => {
    const client = new FormClient(platform.app);
    for (const path of ['/leistungen/gibt-es-nicht', '/dienststellen/gibt-es-nicht', '/lebenslagen/gibt-es-nicht']) expect((await client.get(path)).status, path).toBe(404);
  });
});

describe('offices, life situations and the A–Z index', () => {
  it('shows an office\'s hours, accessibility and services', async () => {
    const page = await new FormClient(platform.app).get('/dienststellen/buergerbuero');
    expect(page.body).toContain('07:30–12:30 Uhr, 13:30–16:30 Uhr');
    expect(page.body).toContain('An den gesetzlichen Feiertagen in Nordrhein-Westfalen ist geschlossen.');
    expect(page.body).toContain('Außerdem geschlossen: Weiberfastnacht ab 12:00 Uhr, Rosenmontag, Heiligabend, Silvester.');
    expect(page.body).toContain('Stufenloser Zugang');
    expect(page.body).toContain('href="/leistungen/personalausweis-beantragen"');
  });

  it('leads from a life situation to its services and its steps', async () => {
    const page = await new FormClient(platform.app).get('/lebenslagen/umzug');
    expect(page.body).toContain('Daran sollten Sie denken');
    expect(page.body).toContain('href="/leistungen/wohnsitz-anmelden"');
    expect(page.body).toContain('href="/leistungen/halteverbot-umzug"');
  });

  it('filters the index by life situation and office without JavaScript', async () => {
    const client = new FormClient(platform.app);
    const all = await client.get('/leistungen');
    // The seed's 73, plus those other tests in this file built.
    expect(Number(/<p class="kern-body">(\d+) Leistungen<\/p>/.exec(all.body)?.[1])).toBeGreaterThanOrEqual(73);
    expect(all.body).toContain('href="#buchstabe-A"');
    const dogs = await client.get('/leistungen?lebenslage=hund');
    expect(dogs.body).toContain('<p class="kern-body">3 Leistungen</p>');
    expect(dogs.body).toMatch(/<option value="hund" selected(="")?>/);
    expect((await client.get('/leistungen?dienststelle=gibt-es-nicht')).body).toContain('<p class="kern-body">0 Leistungen</p>');
    expect((await client.get('/leistungen?seite=9')).status).toBe(404);
    expect((await client.get('/leistungen?seite=null')).status).toBe(400);
  });

  it('lists "Leistungen" first in the main navigation', async () => {
    const page = await new FormClient(platform.app).get('/impressum');
    const nav = /<nav class="site-nav"[^>]*>(.*?)<\/nav>/s.exec(page.body)?.[1] ?? '';
    expect(/href="([^"]+)"/.exec(nav)?.[1]).toBe('/leistungen');
  });
});
