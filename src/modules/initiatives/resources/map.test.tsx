import { render } from 'preact-render-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { islandUrl } from '#kernel/html/islands.tsx';
import type { PageContext } from '#kernel/html/page.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { MapIsland } from '../views/map.tsx';
import { mapStylesheetPath } from './routes.assets.ts';
import { mapSettings } from './settings.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const pageOf = () => ({ t: platform.ctx.i18n.getFixedT('de'), lang: 'de' }) as unknown as PageContext;
const points = [{ name: 'Repair-Café "Erkelenz"', href: '/initiativen/repair-cafe', latitude: 51.08, longitude: 6.315, domains: ['umwelt'] }];

describe('the map island', () => {
  it('without JavaScript is a hidden container with a note that the list holds the same, its points as data and no tile source by default', () => {
    const html = render(<MapIsland page={pageOf()} points={points} tiles={{ url: '', attribution: '' }} />);
    expect(html).toContain('Die Liste unter der Karte enthält dieselben Einträge.');
    expect(html).toMatch(/<div id="initiativen-karte" class="initiatives-map" hidden[^>]*data-initiatives-map/);
    expect(html).not.toContain('data-tile-url');
    expect(html).toContain('&quot;href&quot;:&quot;/initiativen/repair-cafe&quot;');
    expect(html).toContain('Repair-Café \\&quot;Erkelenz\\&quot;: Seite der Initiative öffnen');
    expect(html).not.toContain('style=');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
  });

  it('in a form names the fields a click fills and has a live region for what was chosen', () => {
    const html = render(<MapIsland page={pageOf()} points={[]} tiles={{ url: '/karten/{z}/{x}/{y}.png', attribution: 'Stadt Erkelenz' }} pick={{ latitudeField: 'latitude', longitudeField: 'longitude' }} />);
    expect(html).toContain('data-pick-latitude="latitude"');
    expect(html).toContain('data-pick-longitude="longitude"');
    expect(html).toContain('<p class="initiatives-map__picked" role="status" id="initiativen-karte-status"></p>');
    expect(html).toContain('data-tile-url="/karten/{z}/{x}/{y}.png"');
  });

  it('is bundled with Leaflet and served from the platform, with Leaflet’s stylesheet and the map’s rules', async () => {
    const url = islandUrl('initiatives/map');
    expect(url).toMatch(/^\/assets\/islands\/initiatives\.map-[\w-]+\.js$/);
    const script = await platform.app.inject({ method: 'GET', url: url! });
    expect(script.statusCode).toBe(200);
    expect(script.body).toContain('data-initiatives-map');
    // Nothing is fetched from an external service: no address outside the platform is in the bundle but Leaflet's own link to its site.
    expect(script.body).not.toMatch(/tile\.openstreetmap|https?:\/\/\{s\}/);
    const css = await platform.app.inject({ method: 'GET', url: mapStylesheetPath });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
    expect(css.body).toContain('.leaflet-container');
    expect(css.body).toContain('.initiatives-map__marker');
  });

  it('takes a tile address only with {z}, {x} and {y}, on the platform’s host or over http(s), and none by default', () => {
    const parse = mapSettings.variables.INITIATIVES_MAP_TILE_URL.parse;
    expect(mapSettings.variables.INITIATIVES_MAP_TILE_URL.default).toBe('');
    expect(parse('')).toBe('');
    expect(parse('/karten/{z}/{x}/{y}.png')).toBe('/karten/{z}/{x}/{y}.png');
    expect(parse('https://karten.erkelenz.example/{z}/{x}/{y}.png')).toBe('https://karten.erkelenz.example/{z}/{x}/{y}.png');
    expect(() => parse('https://karten.erkelenz.example/tiles.png')).toThrow(/\{z\}/);
    expect(() => parse('ftp://karten.example/{z}/{x}/{y}.png')).toThrow(/https/);
    expect(() => parse('//karten.example/{z}/{x}/{y}.png')).toThrow();
  });

  it('lets the page load tiles from the server the settings name, and from nowhere else', async () => {
    const csp = (response: { headers: Record<string, unknown> }) => String(response.headers['content-security-policy']);
    expect(csp(await platform.app.inject({ method: 'GET', url: '/initiativen' }))).toMatch(/img-src 'self' data:;/);
    const tiled = await createTestPlatform({ INITIATIVES_MAP_TILE_URL: 'https://karten.erkelenz.example/{z}/{x}/{y}.png' });
    try {
      expect(csp(await tiled.app.inject({ method: 'GET', url: '/initiativen' }))).toMatch(/img-src 'self' data: https:\/\/karten\.erkelenz\.example;/);
    } finally {
      await tiled.close();
    }
  });
});
