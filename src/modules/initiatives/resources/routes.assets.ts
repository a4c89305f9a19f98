import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App } from '#kernel/module.ts';

/*
 * The map's stylesheet: Leaflet's own (from the package, the same version as the island's script) with
 * the hub's rules after it, served from the platform's host since the content security policy allows
 * stylesheets from there only. The map island adds it to the page when it draws the map.
 */

export const mapStylesheetPath = '/assets/initiatives/map.css';

async function mapStylesheet(): Promise<string> {
  const leaflet = createRequire(import.meta.url).resolve('leaflet/dist/leaflet.css');
  const own = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets', 'map.css');
  const [base, rules] = await Promise.all([fs.readFile(leaflet, 'utf8'), fs.readFile(own, 'utf8')]);
  return `${base}\n${rules}`;
}

export async function assetRoutes(app: App): Promise<void> {
  const css = await mapStylesheet();
  app.get(mapStylesheetPath, { logLevel: 'warn', schema: { hide: true } }, async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(css));
}
