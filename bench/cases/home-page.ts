import { get, measure, type BenchCase } from '../case.ts';

/** Static files the server sends from disk, without a template or a database behind them. */
const staticCandidates = ['/assets/app.css', '/assets/kern/kern-grid.min.css', '/assets/kern/kern-grid.css', '/assets/kern/fonts/fira-sans.css'];
const load = { count: 2000, concurrency: 8, maxSeconds: 10 };

const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

/**
 * The rendered home page against the static file closest to it in size, from the same server: the ratio
 * is what rendering (Preact, i18n, session hook, layout) costs on top of Fastify's own work.
 */
export const homePageCase: BenchCase = {
  name: 'home page vs static file',
  async run(target) {
    const pageBytes = await get(target, '/');
    const sizes = await Promise.all(staticCandidates.map(async (path) => ({ path, bytes: await get(target, path) })));
    const asset = sizes.reduce((best, next) => (Math.abs(next.bytes - pageBytes) < Math.abs(best.bytes - pageBytes) ? next : best));

    await measure({ ...load, count: 200 }, async () => void (await Promise.all([get(target, '/'), get(target, asset.path)])));
    const page = await measure(load, async () => void (await get(target, '/')));
    const file = await measure(load, async () => void (await get(target, asset.path)));
    return {
      measured: { label: `GET / (${kilobytes(pageBytes)})`, rate: page },
      baseline: { label: `GET ${asset.path} (${kilobytes(asset.bytes)})`, rate: file },
    };
  },
};
