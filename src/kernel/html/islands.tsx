import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyBaseLogger } from 'fastify';
import type { App } from '../module.ts';

/*
 * Islands: the few pieces of client JavaScript the platform has (search-as-you-type, the date picker, later
 * a map or a chart). Each is a file `src/modules/<module>/islands/<name>.ts` (the kernel's under
 * `src/kernel/forms/islands/`), bundled with esbuild once per process at start, held in memory and served
 * under a content-hashed address, so browsers may cache it for a year and a change is never hidden by a
 * stale copy. Every page must work without them: an island only enhances
 * markup that is complete on its own, and a page includes it as an external module script (the CSP allows
 * no inline script).
 */

const kernelDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const modulesDir = path.resolve(kernelDir, '../modules');
const prefix = '/assets/islands/';

interface Bundle {
  /** Island name (`site/search-suggest`) → address of its bundle. */
  urls: Map<string, string>;
  /** File name under /assets/islands/ → JavaScript. */
  files: Map<string, Uint8Array>;
  /** Why the islands could not be bundled; pages are then served without them. */
  problem?: unknown;
}

let building: Promise<Bundle> | undefined;
let built: Bundle = { urls: new Map(), files: new Map() };

async function islandsIn(dir: string, owner: string): Promise<{ name: string; file: string }[]> {
  const files = await fs.readdir(dir).catch(() => [] as string[]);
  return files
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .sort()
    .map((file) => ({ name: `${owner}/${file.replace(/\.ts$/, '')}`, file: path.join(dir, file) }));
}

/** Each module's islands, and the kernel's own (the date picker of `forms/`), named `kernel/<name>`. */
async function findIslands(): Promise<{ name: string; file: string }[]> {
  const found = await islandsIn(path.join(kernelDir, 'forms', 'islands'), 'kernel');
  for (const module of (await fs.readdir(modulesDir, { withFileTypes: true })).filter((entry) => entry.isDirectory())) {
    found.push(...(await islandsIn(path.join(modulesDir, module.name, 'islands'), module.name)));
  }
  return found;
}

async function bundle(): Promise<Bundle> {
  const islands = await findIslands();
  if (islands.length === 0) return { urls: new Map(), files: new Map() };
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch (error) {
    // Pages work without their islands; a missing bundler costs comfort, not function.
    return { urls: new Map(), files: new Map(), problem: error };
  }
  const result = await esbuild.build({
    entryPoints: islands.map((island) => ({ in: island.file, out: island.name.replace('/', '.') })),
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2020',
    minify: true,
    sourcemap: false,
    outdir: '/islands',
    entryNames: '[name]-[hash]',
    logLevel: 'silent',
  });
  const urls = new Map<string, string>();
  const files = new Map<string, Uint8Array>();
  for (const output of result.outputFiles) {
    const fileName = path.basename(output.path);
    const island = islands.find((candidate) => fileName.startsWith(`${candidate.name.replace('/', '.')}-`));
    if (!island) continue;
    files.set(fileName, output.contents);
    urls.set(island.name, `${prefix}${fileName}`);
  }
  return { urls, files };
}

/**
 * Starts bundling the islands (once per process). esbuild works in a process of its own, so the platform
 * calls this first and prepares the database meanwhile.
 */
export function prepareIslands(): void {
  building ??= bundle();
}

/** Serves the bundled islands. Called by the kernel before module routes. */
export async function registerIslands(app: App, log: FastifyBaseLogger): Promise<void> {
  built = await (building ??= bundle());
  if (built.problem) log.warn({ err: built.problem }, 'esbuild is not installed: pages are served without their client scripts');
  const files = built.files;
  app.get<{ Params: { file: string } }>(`${prefix}:file`, { logLevel: 'warn', schema: { hide: true } }, async (request, reply) => {
    const contents = files.get(request.params.file);
    if (!contents) return reply.callNotFound();
    return reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(Buffer.from(contents));
  });
}

/** The address of an island's bundle, or undefined when it was not built (no esbuild, or no such island). */
export function islandUrl(name: string): string | undefined {
  return built.urls.get(name);
}

/**
 * Includes an island on a page as an external module script: deferred, so it runs after the markup it
 * enhances is parsed. Renders nothing when the island is not available; the page works without it.
 */
export function Island({ name }: { name: string }) {
  const url = islandUrl(name);
  return url ? <script type="module" src={url} /> : null;
}
