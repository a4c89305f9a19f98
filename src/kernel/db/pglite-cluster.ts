import { cpSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/**
 * An empty PGlite cluster, prepared once per installation the way a PostgreSQL package runs initdb when it is
 * installed. PGlite's initdb costs 2–3 s of CPU at every new data directory; copying the prepared cluster
 * costs a tenth of a second, so a first start, a fresh demo or a new CLI data directory begins from a copy.
 * The cluster depends only on the PGlite version, which names its folder.
 */
const projectRoot = path.resolve(import.meta.dirname, '../../..');

export async function pristineClusterDir(): Promise<string> {
  const manifest = path.join(projectRoot, 'node_modules/@electric-sql/pglite/package.json');
  const { version } = JSON.parse(await fs.readFile(manifest, 'utf8')) as { version: string };
  return path.join(projectRoot, 'node_modules/.cache/erkelenz-digital', `pglite-${version}`);
}

async function holdsCluster(dir: string): Promise<boolean> {
  return fs.access(path.join(dir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
}

/** Runs initdb into the pristine cluster folder unless it is there; safe when several processes race. */
export async function preparePristineCluster(dir: string): Promise<'prepared' | 'present'> {
  if (await holdsCluster(dir)) return 'present';
  const building = `${dir}.building-${process.pid}`;
  await fs.rm(building, { recursive: true, force: true });
  await fs.mkdir(path.dirname(dir), { recursive: true });
  const client = await PGlite.create({ dataDir: building });
  await client.close();
  try {
    await fs.rename(building, dir);
  } catch (error) {
    // Another process finished first; its cluster is as good as ours.
    await fs.rm(building, { recursive: true, force: true });
    if (!(await holdsCluster(dir))) throw error;
    return 'present';
  }
  return 'prepared';
}

/**
 * Gives a data directory that holds no cluster yet a copy of the pristine one. Returns false when there is
 * nothing to copy (no prepared cluster, or the directory holds files already), and PGlite then runs initdb
 * itself. The copy is made beside the directory and renamed into place, so a start cut short never leaves
 * half a cluster behind.
 */
export async function copyPristineCluster(dataDir: string, pristineDir: string): Promise<boolean> {
  // A directory with anything in it, a cluster above all, is never touched.
  const entries = await fs.readdir(dataDir).catch(() => []);
  if (entries.length > 0 || !(await holdsCluster(pristineDir))) return false;
  const staging = `${dataDir}.copying-${process.pid}`;
  await fs.rm(staging, { recursive: true, force: true });
  // The synchronous copy: fs.promises.cp takes seven times as long for the cluster's thousand small files.
  cpSync(pristineDir, staging, { recursive: true });
  await fs.rmdir(dataDir).catch(() => undefined);
  await fs.rename(staging, dataDir);
  return true;
}
