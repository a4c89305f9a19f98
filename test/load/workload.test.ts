import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverPaths, inBothLanguages, searchQueries } from '#bench/load/workload.ts';
import { buildService, buildSituation } from '#modules/catalog/test/builders.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';

let platform: TestPlatform;
let baseUrl: string;

beforeAll(async () => {
  platform = await createTestPlatform();
  baseUrl = await platform.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => platform.close());

describe('load test workload', () => {
  it('finds every published service, office and life situation on the running server, and the searches', async () => {
    const situation = await buildSituation(platform.ctx, { slug: 'last-umzug' });
    await buildService(platform.ctx, { slug: 'last-anmelden', lifeSituationIds: [situation.id] });
    await buildService(platform.ctx, { slug: 'last-entwurf' }, { publish: false });

    const paths = await discoverPaths(baseUrl);
    const of = (kind: string) => paths.filter((path) => path.kind === kind).map((path) => path.path);

    expect(of('home')).toEqual(['/']);
    expect(of('A–Z')).toEqual(['/leistungen']);
    expect(of('service page')).toContain('/leistungen/last-anmelden');
    expect(of('service page')).not.toContain('/leistungen/last-entwurf');
    expect(of('offices')).toEqual(['/dienststellen']);
    // Each service was built with a published office of its own; their pages are linked from the offices list.
    expect(of('office page')).toHaveLength(2);
    for (const path of of('office page')) expect(path).toMatch(/^\/dienststellen\/dienststelle-/);
    expect(of('life situation page')).toContain('/lebenslagen/last-umzug');
    expect(of('search')).toHaveLength(searchQueries.length);
    expect(of('search')).toContain('/suche?q=Persnalausweis');
  });

  it('asks for each page in German and in English, and the server answers the English ones in English', async () => {
    const requests = inBothLanguages([{ kind: 'home', path: '/' }]);
    expect(requests).toHaveLength(2);
    const [german, english] = await Promise.all(
      requests.map(async (request) => (await fetch(new URL(request.path, baseUrl), { headers: request.headers })).text()),
    );
    expect(german).toMatch(/<html[^>]* lang="de"/);
    expect(english).toMatch(/<html[^>]* lang="en"/);
  });
});
