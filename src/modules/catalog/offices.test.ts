import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '#kernel/config.ts';
import { settingsOf } from '#kernel/settings.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { catalogDb, findEntry } from './repo.ts';
import type { OfficeContent } from './schemas.content.ts';
import { seedCatalog } from './seed/index.ts';
import { catalogModule } from './manifest.ts';
import { catalogSettings } from './settings.ts';
import { staffClient } from './test/staff.ts';

/*
 * Finding an office: from the navigation and the home page's contact cards, and on its page the way there
 * (a map at the service the installation names, and by bus and train).
 */

let platform: TestPlatform;

beforeAll(async () => {
  platform = await createTestPlatform({ MAP_URL_TEMPLATE: 'https://karten.example/suche?adresse={address}&zoom=17' });
  await seedCatalog(platform.ctx);
});
afterAll(async () => {
  await platform.close();
});

describe('12.20 offices are easy to find', () => {
  it('12.20 names "Dienststellen und Öffnungszeiten" in the main navigation, marked on the office pages', async () => {
    const client = new FormClient(platform.app);
    const nav = (body: string) => /<nav class="site-nav"[^>]*>(.*?)<\/nav>/s.exec(body)?.[1] ?? '';
    expect(nav((await client.get('/')).body)).toContain('<a class="site-nav__link" href="/dienststellen">Dienststellen und Öffnungszeiten</a>');
    expect(nav((await client.get('/dienststellen/buergerbuero')).body)).toContain('href="/dienststellen" aria-current="page">Dienststellen und Öffnungszeiten</a>');
    expect(nav((await client.get('/?lang=en')).body)).toContain('>Offices and opening hours</a>');
  });

  it('12.20 gives the home page contact cards a number to call and the way to the offices', async () => {
    const home = (await new FormClient(platform.app).get('/')).body;
    const cards = /<section aria-labelledby="routes-heading">(.*?)<\/section>/s.exec(home)?.[1] ?? '';
    expect(cards).toContain('<a class="kern-link" href="tel:02431850">02431 85-0</a>');
    expect(cards).toContain('<a class="kern-link" href="/dienststellen">Dienststellen, Öffnungszeiten und Anfahrt</a>');
    const english = (await new FormClient(platform.app).get('/?lang=en')).body;
    expect(english).toContain('<a class="kern-link" href="tel:+492431850">+49 2431 85-0</a>');
  });

  it('12.20 shows the way to an office: its address at the configured map service, and by bus and train', async () => {
    const page = (await new FormClient(platform.app).get('/dienststellen/buergerbuero')).body;
    expect(page).toContain('<h2 class="kern-heading-medium" id="anfahrt">Anfahrt</h2>');
    expect(page).toContain('<a class="kern-link" href="https://karten.example/suche?adresse=Johannismarkt%2017%2C%2041812%20Erkelenz&amp;zoom=17">Johannismarkt 17, 41812 Erkelenz</a>');
    expect(page).toContain('Mit Bus und Bahn');
    expect(page).toContain('Mit der Bahn bis Erkelenz');
    const kreis = (await new FormClient(platform.app).get('/dienststellen/kreis-heinsberg')).body;
    expect(kreis).toContain('adresse=Valkenburger%20Stra%C3%9Fe%2045%2C%2052525%20Heinsberg&amp;zoom=17');
  });

  it('12.20 links to OpenStreetMap unless told otherwise, and refuses a template without the address', () => {
    expect(settingsOf(loadConfig({}, [catalogModule]), catalogSettings).MAP_URL_TEMPLATE).toBe('https://www.openstreetmap.org/search?query={address}');
    expect(() => loadConfig({ MAP_URL_TEMPLATE: 'https://karten.example/' }, [catalogModule])).toThrow('MAP_URL_TEMPLATE must contain {address} where the address goes');
    expect(() => loadConfig({ MAP_URL_TEMPLATE: 'javascript:alert({address})' }, [catalogModule])).toThrow('MAP_URL_TEMPLATE must start with http:// or https://');
  });

  it('12.20 lets editors write how to come by bus and train, and leaves it out where there is none', async () => {
    const editor = await staffClient(platform, 'editor');
    await editor.client.get('/verwaltung/katalog/dienststellen/neu');
    const form = { title: 'Stadtbücherei', slug: 'stadtbuecherei', summary: 'Bücher und mehr.', street: 'Konrad-Adenauer-Platz 1', postalCode: '41812', city: 'Erkelenz', phone: '02431 85-0' };
    const created = await editor.client.post('/verwaltung/katalog/dienststellen/neu', { ...form, publicTransport: 'Bus bis Haltestelle Markt.\n\nVon dort zwei Minuten zu Fuß.' });
    expect(created.status).toBe(303);
    const id = /\/([0-9a-f-]{36})\?notice=/.exec(created.location ?? '')?.[1];
    const stored = (await findEntry(catalogDb(platform.ctx.db), id!))?.draft as OfficeContent;
    expect(stored.publicTransport).toBe('Bus bis Haltestelle Markt.\n\nVon dort zwei Minuten zu Fuß.');
    const edit = await editor.client.get(created.location!);
    expect(edit.body).toContain('Anfahrt mit Bus und Bahn');
    expect(edit.body).toContain('Bus bis Haltestelle Markt.');
    await editor.client.post(`/verwaltung/katalog/dienststellen/${id}/veroeffentlichen`, {});
    const page = (await new FormClient(platform.app).get('/dienststellen/stadtbuecherei')).body;
    expect(page).toContain('<p class="kern-body catalog-text">Von dort zwei Minuten zu Fuß.</p>');

    await editor.client.get('/verwaltung/katalog/dienststellen/neu');
    const bare = await editor.client.post('/verwaltung/katalog/dienststellen/neu', { ...form, title: 'Stadtarchiv', slug: 'stadtarchiv-ohne-anfahrt' });
    const bareId = /\/([0-9a-f-]{36})\?notice=/.exec(bare.location ?? '')?.[1];
    await editor.client.get(bare.location!);
    await editor.client.post(`/verwaltung/katalog/dienststellen/${bareId}/veroeffentlichen`, {});
    const barePage = (await new FormClient(platform.app).get('/dienststellen/stadtarchiv-ohne-anfahrt')).body;
    expect(barePage).toContain('id="anfahrt"');
    expect(barePage).not.toContain('Mit Bus und Bahn');
  });
});
