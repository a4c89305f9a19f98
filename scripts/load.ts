/**
 * `npm run load`: a load test against a running server (`npm start`). It finds its workload on the server
 * (home page, services A–Z and every service page, offices, life situations, searches; each in German and
 * English), runs it mixed for `--duration` seconds (the headline figure), then each kind of page alone for a
 * shorter while, and prints requests per second, latency percentiles, errors and non-2xx answers. The
 * load comes from a process of its own (bench/load/generator.ts). Exits with 1 when any request failed.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { runLoad, type LoadReport, type LoadRequest } from '#bench/load/generator.ts';
import { discoverPaths, inBothLanguages, type Kind } from '#bench/load/workload.ts';

const usage = `npm run load -- [--url http://localhost:3000] [--duration 30] [--connections 16] [--kind-duration 6]

  --url            the running server (default http://localhost:3000)
  --duration       seconds of the mixed run, the headline figure (default 30)
  --connections    concurrent connections (default 16)
  --kind-duration  seconds each kind of page then runs alone; 0 skips these runs (default: a fifth of --duration, at least 2)`;

interface Options {
  url: string;
  duration: number;
  connections: number;
  kindDuration: number;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: 'http://localhost:3000' },
      duration: { type: 'string', default: '30' },
      connections: { type: 'string', default: '16' },
      'kind-duration': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const whole = (name: string, text: string, least: number) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < least) throw new Error(`--${name} must be a whole number of at least ${least}, not "${text}"\n\n${usage}`);
    return value;
  };
  const duration = whole('duration', values.duration, 1);
  const url = new URL(values.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`--url must be an http or https address, not "${values.url}"`);
  return {
    url: url.origin,
    duration,
    connections: whole('connections', values.connections, 1),
    kindDuration: values['kind-duration'] === undefined ? Math.max(2, Math.round(duration / 5)) : whole('kind-duration', values['kind-duration'], 0),
  };
}

const number = (value: number, digits = 0) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

interface Row {
  kind: string;
  requests: number;
  perSecond: number;
  figures: Pick<LoadReport, 'latencyMs' | 'errors' | 'non2xx'>;
}

function printTable(title: string, rows: readonly Row[]) {
  const lines = [
    ['kind', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'non-2xx'],
    ...rows.map(({ kind, requests, perSecond, figures: { latencyMs, errors, non2xx } }) => [
      kind,
      number(requests),
      number(perSecond, 1),
      number(latencyMs.p50, 1),
      number(latencyMs.p95, 1),
      number(latencyMs.p99, 1),
      number(errors),
      number(non2xx),
    ]),
  ];
  const widths = lines[0]!.map((_, column) => Math.max(...lines.map((line) => line[column]!.length)));
  console.log(`\n${title}`);
  for (const [index, line] of lines.entries()) {
    console.log(line.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '));
    if (index === 0 || (index === lines.length - 2 && lines.at(-1)![0] === 'total')) console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  }
}

/** The mixed run, per kind and in total: each kind's rate is its share of the requests the mix achieved. */
function printMixed(report: LoadReport, kinds: readonly Kind[]) {
  const rows: Row[] = kinds.map((kind) => {
    const figures = report.byLabel[kind]!;
    return { kind, requests: figures.requests, perSecond: figures.requests / report.seconds, figures };
  });
  rows.push({ kind: 'total', requests: report.requests, perSecond: report.perSecond, figures: report });
  printTable(`Mixed workload, ${number(report.seconds, 1)} s (the headline figure):`, rows);
}

async function main(): Promise<number> {
  const options = readOptions();
  console.log(`Load test against ${options.url}: ${options.connections} connections; load generator in its own process`);
  console.log(`Client: Node ${process.version}, ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model ?? ''}`);

  const paths = await discoverPaths(options.url);
  const requests = inBothLanguages(paths);
  const kinds = [...new Set(paths.map((path) => path.kind))];
  const count = (kind: Kind) => paths.filter((path) => path.kind === kind).length;
  console.log(`Workload: ${paths.length} addresses, each in German and English (${requests.length} requests in the mix): ${kinds.map((kind) => `${kind} ${count(kind)}`).join(', ')}`);

  // Every address once before measuring, so that the figures are not those of a server still compiling
  // templates and filling its caches.
  await runLoad({ baseUrl: options.url, requests, connections: options.connections, amount: Math.max(requests.length, options.connections) });
  const mixed = await runLoad({ baseUrl: options.url, requests, connections: options.connections, durationSeconds: options.duration });
  printMixed(mixed, kinds);
  let failed = mixed.errors + mixed.non2xx;

  if (options.kindDuration > 0) {
    const alone: Row[] = [];
    for (const kind of kinds) {
      const ofKind: LoadRequest[] = requests.filter((request) => request.label === kind);
      const report = await runLoad({ baseUrl: options.url, requests: ofKind, connections: options.connections, durationSeconds: options.kindDuration });
      failed += report.errors + report.non2xx;
      alone.push({ kind, requests: report.requests, perSecond: report.perSecond, figures: report });
    }
    printTable(`Each kind alone, ${options.kindDuration} s each:`, alone);
  }

  const codes = Object.entries(mixed.statusCodes).map(([code, times]) => `${code}: ${number(times)}`).join(', ');
  console.log(`\nStatus codes of the mixed run: ${codes || 'none'}`);
  if (failed > 0) {
    console.log(`${number(failed)} request(s) failed (errors or answers other than 2xx).`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
