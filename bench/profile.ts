import { performance } from 'node:perf_hooks';
import type { KyselyPlugin } from 'kysely';
import type { KernelContext } from '#kernel/context.ts';
import { homeSections } from '#modules/site/home.ts';
import { searchEverywhere } from '#modules/site/index.ts';
import { publishedOfKind, publishedOffice, publishedService, serviceList } from '#modules/catalog/service.public.ts';
import { serverWithoutPageCache, type BenchTarget } from './case.ts';

/*
 * Where a page's time goes, rendered anew (page cache off): how many statements its data takes and how
 * long, how long the template takes (the server's own `Server-Timing: render`), and the whole request
 * inside the server (`app`). Medians over repeated requests, one at a time, so the parts add up.
 */

const rounds = 60;

interface Page {
  name: string;
  url: string;
  data: (ctx: KernelContext) => Promise<unknown>;
}

const pages: Page[] = [
  { name: 'service page', url: '/leistungen/personalausweis-beantragen', data: (ctx) => publishedService(ctx, 'personalausweis-beantragen') },
  { name: 'office page', url: '/dienststellen/buergerbuero', data: (ctx) => publishedOffice(ctx, 'buergerbuero') },
  {
    name: 'A–Z list',
    url: '/leistungen',
    data: (ctx) => Promise.all([serviceList(ctx, { page: 1, perPage: 100 }), publishedOfKind(ctx, 'situation'), publishedOfKind(ctx, 'office')]),
  },
  { name: 'home page', url: '/', data: (ctx) => homeSections(ctx, 'de') },
  { name: 'search "Personalausweis"', url: '/suche?q=Personalausweis', data: (ctx) => searchEverywhere(ctx, 'Personalausweis', 'de') },
];

/** Counts the statements a piece of code sends through the context it is handed. */
function counting(ctx: KernelContext): { ctx: KernelContext; statements: () => number } {
  let statements = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      statements += 1;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { ctx: { ...ctx, db: ctx.db.withPlugin(plugin) }, statements: () => statements };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const timing = (header: unknown, name: string) => Number(new RegExp(`${name};dur=([\\d.]+)`).exec(String(header))?.[1] ?? NaN);

export async function profilePages(target: BenchTarget): Promise<void> {
  const { ctx } = target.platform;
  const server = await serverWithoutPageCache(target);
  const lines = [['page', 'statements', 'data', 'template', 'whole request (server)']];
  try {
    for (const page of pages) {
      const counted = counting(ctx);
      await page.data(counted.ctx);
      const data: number[] = [];
      const render: number[] = [];
      const whole: number[] = [];
      for (let round = 0; round < rounds; round += 1) {
        const started = performance.now();
        await page.data(ctx);
        data.push(performance.now() - started);
        const response = await fetch(`${server.baseUrl}${page.url}`);
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${page.url} answered ${response.status}`);
        render.push(timing(response.headers.get('server-timing'), 'render'));
        whole.push(timing(response.headers.get('server-timing'), 'app'));
      }
      lines.push([page.name, String(counted.statements()), `${median(data).toFixed(2)} ms`, `${median(render).toFixed(2)} ms`, `${median(whole).toFixed(2)} ms`]);
    }
  } finally {
    await server.close();
  }
  console.log(`\n${target.database}: where a page's time goes, page cache off (medians of ${rounds} requests one at a time)`);
  const widths = lines[0]!.map((_, column) => Math.max(...lines.map((line) => line[column]!.length)));
  for (const line of lines) console.log(line.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '));
}
