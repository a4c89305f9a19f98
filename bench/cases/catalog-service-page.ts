import { defineModule } from '#kernel/module.ts';
import { catalogDb } from '#modules/catalog/repo.ts';
import { erkelenzCatalog, seedCatalog } from '#modules/catalog/seed/index.ts';
import { englishHeaders } from '../load/workload.ts';
import type { LoadRequest } from '../load/generator.ts';
import { kilobytes, loadRate, withAndWithoutPageCache, type BenchCase, type BenchTarget } from '../case.ts';

/** Copies of the service pages taken once, by language and slug: the same bytes without any of the work. */
const staticPages = new Map<string, string>();

const staticPageModule = defineModule({
  id: 'bench-static-page',
  routes: async (app) => {
    app.get<{ Params: { lang: string; slug: string } }>('/bench/static/:lang/:slug', { schema: { hide: true } }, async (request, reply) =>
      reply.type('text/html; charset=utf-8').send(staticPages.get(`${request.params.lang}/${request.params.slug}`)),
    );
  },
});

/**
 * The demo catalogue's published services: on a database the search case filled before (a PostgreSQL one
 * kept between runs), its thousands of generated services would turn this case into another.
 */
async function publishedSlugs(target: BenchTarget): Promise<string[]> {
  const demo = erkelenzCatalog().services.map((service) => service.draft.slug);
  const rows = await catalogDb(target.platform.ctx.db)
    .selectFrom('catalog_entries')
    .select('slug')
    .where('kind', '=', 'service')
    .where('published', 'is not', null)
    .where('slug', 'in', demo)
    .orderBy('slug')
    .execute();
  return rows.map((row) => row.slug);
}

/**
 * Every seeded service page in German and English, under load from the load generator's own process,
 * against static copies of exactly those pages served by the same server: once with the page cache (what
 * visitors get) and once from a second server on the same platform without it (what rendering costs).
 */
export const catalogServicePageCase: BenchCase = {
  name: 'service pages vs static pages',
  modules: [staticPageModule],
  async run(target) {
    await seedCatalog(target.platform.ctx);
    const slugs = await publishedSlugs(target);
    const pages: LoadRequest[] = [];
    const copies: LoadRequest[] = [];
    let bytes = 0;
    for (const slug of slugs) {
      for (const [lang, headers] of [['de', {}], ['en', englishHeaders]] as const) {
        const response = await target.platform.app.inject({ method: 'GET', url: `/leistungen/${slug}`, headers });
        if (response.statusCode !== 200) throw new Error(`/leistungen/${slug} (${lang}) answered ${response.statusCode}`);
        staticPages.set(`${lang}/${slug}`, response.body);
        bytes += response.rawPayload.length;
        pages.push({ path: `/leistungen/${slug}`, headers: { ...headers } });
        copies.push({ path: `/bench/static/${lang}/${slug}` });
      }
    }
    const label = `${pages.length} pages (${slugs.length} services × de, en; ${kilobytes(bytes / pages.length)} on average)`;
    const baseline = { label: 'the same pages, static', rate: await loadRate(target.baseUrl, copies) };
    return withAndWithoutPageCache(target, `GET /leistungen/…, ${label}`, pages, baseline);
  },
};
