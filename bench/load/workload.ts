import type { LoadRequest } from './generator.ts';

/*
 * The workload of `npm run load`, found on the running server itself rather than written down: the pages a
 * visitor reaches from the home page, each in German and in English, and a fixed set of searches.
 */

/** What citizens type into the search: everyday German, English, and one typo ("Persnalausweis"). */
export const searchQueries: readonly string[] = [
  'Personalausweis',
  'Wohnsitz ummelden',
  'Sperrmüll',
  'Hundesteuer',
  'Kitaplatz',
  'Baugenehmigung',
  'Geburtsurkunde',
  'passport',
  'register my address',
  'parking permit',
  'Persnalausweis',
];

/**
 * English through the language cookie, as a returning English-speaking visitor sends it; `?lang=en` would
 * be the one click on the language switch, which also sets the cookie and so answers differently. The
 * server names the cookie `__Host-lang` when its PUBLIC_URL is https and `lang` otherwise; both are sent,
 * as the address the test runs against need not tell which.
 */
export const englishHeaders: Readonly<Record<string, string>> = { cookie: 'lang=en; __Host-lang=en' };

export type Kind = 'home' | 'A–Z' | 'service page' | 'offices' | 'office page' | 'life situations' | 'life situation page' | 'search';

export interface DiscoveredPath {
  kind: Kind;
  path: string;
}

/** GETs a page of the server under test; anything but 200 stops the test before it starts. */
async function page(baseUrl: string, path: string): Promise<string> {
  const response = await fetch(new URL(path, baseUrl), { redirect: 'manual' }).catch((error: unknown) => {
    const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new Error(`No server answers at ${baseUrl} (${reason}); start one with npm start, or name it with --url`);
  });
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}, expected 200`);
  return response.text();
}

/** Paths of the links in a page that start with `prefix/` (a page under a list), without query or fragment. */
export function linksUnder(html: string, prefix: string): string[] {
  const found = new Set<string>();
  for (const [, href] of html.matchAll(/href="([^"#?]+)"/g)) {
    if (href!.startsWith(`${prefix}/`) && href!.length > prefix.length + 1) found.add(href!);
  }
  return [...found];
}

/** Further pages of a paginated list, as its pagination links them (`?seite=2`, …). */
function listPages(html: string, prefix: string): string[] {
  const pages = new Set<string>();
  for (const [, number] of html.matchAll(new RegExp(`href="${prefix}\\?(?:[^"]*&amp;)?seite=(\\d+)"`, 'g'))) {
    if (number !== '1') pages.add(`${prefix}?seite=${number}`);
  }
  return [...pages];
}

/** Walks the home page, the A–Z list with its pages, the offices and the life situations. */
export async function discoverPaths(baseUrl: string): Promise<DiscoveredPath[]> {
  await page(baseUrl, '/');
  const paths: DiscoveredPath[] = [{ kind: 'home', path: '/' }];

  const firstIndex = await page(baseUrl, '/leistungen');
  const indexPages = ['/leistungen', ...listPages(firstIndex, '/leistungen')];
  const services = new Set(linksUnder(firstIndex, '/leistungen'));
  for (const path of indexPages.slice(1)) for (const link of linksUnder(await page(baseUrl, path), '/leistungen')) services.add(link);
  paths.push(...indexPages.map((path) => ({ kind: 'A–Z' as const, path })));
  paths.push(...[...services].map((path) => ({ kind: 'service page' as const, path })));

  for (const [list, kind, detail] of [
    ['/dienststellen', 'offices', 'office page'],
    ['/lebenslagen', 'life situations', 'life situation page'],
  ] as const) {
    paths.push({ kind, path: list });
    paths.push(...linksUnder(await page(baseUrl, list), list).map((path) => ({ kind: detail, path })));
  }
  paths.push(...searchQueries.map((query) => ({ kind: 'search' as const, path: `/suche?q=${encodeURIComponent(query)}` })));
  return paths;
}

/** Every path twice, in German and in English, labelled by its kind. */
export function inBothLanguages(paths: readonly DiscoveredPath[]): LoadRequest[] {
  return paths.flatMap(({ kind, path }) => [
    { path, label: kind },
    { path, label: kind, headers: { ...englishHeaders } },
  ]);
}
