/**
 * `npm start`: bundles the server's TypeScript (`src/main.ts` and what it imports) into one ES module with
 * esbuild and runs it on plain Node. Loading some 150 source files one by one through a TypeScript loader
 * costs about a second at every start; building the bundle costs a tenth of that. Libraries stay in
 * node_modules, so the server, `npm run cli` and the tests use the very same copy of each.
 */
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const buildDir = path.join(root, 'node_modules/.cache/erkelenz-digital/server');
const staleAfterMs = 24 * 60 * 60 * 1000;

/**
 * Source files find their static assets, fonts and islands next to themselves; in the bundle each keeps the
 * location of its own file instead of taking the bundle's.
 * @type {import('esbuild').Plugin}
 */
const ownLocation = {
  name: 'own-location',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]src[\\/].*\.tsx?$/ }, async (args) => {
      const source = await fs.readFile(args.path, 'utf8');
      return {
        contents: source
          .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)))
          .replaceAll('import.meta.filename', JSON.stringify(args.path))
          .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
        loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts',
      };
    });
  },
};

/** Builds the bundle and writes it under a name that is its content's hash, so parallel starts never clash. */
async function bundle() {
  const result = await build({
    entryPoints: [path.join(root, 'src/main.ts')],
    outfile: path.join(buildDir, 'main.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'external',
    sourcesContent: false,
    write: false,
    logLevel: 'error',
    plugins: [ownLocation],
  });
  const code = result.outputFiles.find((file) => file.path.endsWith('.mjs'));
  const map = result.outputFiles.find((file) => file.path.endsWith('.map'));
  if (!code || !map) throw new Error('esbuild wrote no bundle');
  const name = `main-${createHash('sha256').update(code.contents).digest('hex').slice(0, 16)}.mjs`;
  const file = path.join(buildDir, name);
  await fs.mkdir(buildDir, { recursive: true });
  await writeAtomically(`${file}.map`, map.contents);
  await writeAtomically(file, Buffer.concat([code.contents, Buffer.from(`//# sourceMappingURL=${name}.map\n`)]));
  await removeStaleBuilds(name);
  return file;
}

/** @param {string} file @param {Uint8Array} contents */
async function writeAtomically(file, contents) {
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, contents);
  await fs.rename(temporary, file);
}

/** Builds from earlier source versions pile up otherwise; a day-old one is no longer being started. @param {string} current */
async function removeStaleBuilds(current) {
  const now = Date.now();
  for (const entry of await fs.readdir(buildDir)) {
    if (entry.startsWith(current)) continue;
    const file = path.join(buildDir, entry);
    const { mtimeMs } = await fs.stat(file).catch(() => ({ mtimeMs: now }));
    if (now - mtimeMs > staleAfterMs) await fs.rm(file, { force: true });
  }
}

let server;
try {
  server = await bundle();
} catch (error) {
  process.stderr.write(`The server could not be built: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
// Stack traces in logs then name the TypeScript source lines, not the bundle's.
process.setSourceMapsEnabled(true);
await import(pathToFileURL(server).href);
