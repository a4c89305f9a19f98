import { defineModule } from '#kernel/module.ts';
import { seedCatalog } from '#modules/catalog/seed/index.ts';
import { get, measure, type BenchCase } from '../case.ts';

const path = '/leistungen/personalausweis-beantragen';
const load = { count: 2000, concurrency: 8, maxSeconds: 10 };
let staticPage = '';

/** Serves, unchanged, a copy of the service page taken once: the same bytes without any of the work. */
const staticPageModule = defineModule({
  id: 'bench-static-page',
  routes: async (app) => {
    app.get('/bench/static-service-page', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(staticPage));
  },
});

const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

/**
 * A service page (database reads, office hours, JSON-LD, Preact, i18n, layout) against a static page of
 * exactly the same size served by the same server: the ratio is what rendering the page costs.
 */
export const catalogServicePageCase: BenchCase = {
  name: 'service page vs static page',
  modules: [staticPageModule],
  async run(target) {
    await seedCatalog(target.platform.ctx);
    const response = await target.platform.app.inject({ method: 'GET', url: path });
    staticPage = response.body;
    const pageBytes = await get(target, path);
    const staticBytes = await get(target, '/bench/static-service-page');
    await measure({ ...load, count: 200 }, async () => void (await Promise.all([get(target, path), get(target, '/bench/static-service-page')])));
    const page = await measure(load, async () => void (await get(target, path)));
    const copy = await measure(load, async () => void (await get(target, '/bench/static-service-page')));
    return {
      measured: { label: `GET ${path} (${kilobytes(pageBytes)})`, rate: page },
      baseline: { label: `same page, static (${kilobytes(staticBytes)})`, rate: copy },
    };
  },
};
