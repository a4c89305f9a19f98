import { preparePristineCluster, pristineClusterDir } from './pglite-cluster.ts';

/**
 * Run by `npm ci`/`npm install` (postinstall): prepares the empty PGlite cluster new data directories copy.
 * A failure only costs speed, since PGlite then runs initdb at first start, so it warns instead of failing.
 */
try {
  const dir = await pristineClusterDir();
  const outcome = await preparePristineCluster(dir);
  process.stdout.write(`PGlite cluster ${outcome === 'prepared' ? 'prepared' : 'already prepared'}: ${dir}\n`);
} catch (error) {
  process.stderr.write(`Could not prepare the PGlite cluster (the first start will run initdb instead): ${(error as Error).message}\n`);
}
