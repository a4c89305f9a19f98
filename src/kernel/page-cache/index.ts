import type { PublicPageOptions } from './http.ts';

export { everything } from './versions.ts';
export type { PublicPageOptions } from './http.ts';

/**
 * Route options of a page every visitor without a session gets alike, made from the given scopes of
 * content (`catalog`; `everything` for a page gathering from all modules; none for fixed texts):
 * `app.get('/leistungen/:slug', { config: publicPage('catalog') }, …)`. See README.md.
 */
export function publicPage(...dependsOn: string[]): { publicPage: PublicPageOptions } {
  return { publicPage: { dependsOn } };
}
