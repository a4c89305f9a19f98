import { englishHeaders } from '../load/workload.ts';
import { kilobytes, loadRate, withAndWithoutPageCache, type BenchCase } from '../case.ts';

/** Static files the server sends from disk, without a template or a database behind them. */
const staticCandidates = ['/assets/app.css', '/assets/kern/kern-grid.min.css', '/assets/kern/kern-grid.css', '/assets/kern/fonts/fira-sans.css'];

/**
 * The home page in German and English against the static file closest to it in size, from the same server,
 * under load from the load generator's own process: with the page cache, and from a second server on the
 * same platform without it (what rendering costs: Preact, i18n, the modules' home sections, layout).
 */
export const homePageCase: BenchCase = {
  name: 'home page vs static file',
  async run(target) {
    const { app } = target.platform;
    const pageBytes = (await app.inject({ method: 'GET', url: '/' })).rawPayload.length;
    const sizes = await Promise.all(staticCandidates.map(async (path) => ({ path, bytes: (await app.inject({ method: 'GET', url: path })).rawPayload.length })));
    const asset = sizes.reduce((best, next) => (Math.abs(next.bytes - pageBytes) < Math.abs(best.bytes - pageBytes) ? next : best));
    const pages = [{ path: '/' }, { path: '/', headers: { ...englishHeaders } }];

    const baseline = { label: `GET ${asset.path} (${kilobytes(asset.bytes)})`, rate: await loadRate(target.baseUrl, [{ path: asset.path }]) };
    return withAndWithoutPageCache(target, `GET / in de and en (${kilobytes(pageBytes)})`, pages, baseline);
  },
};
