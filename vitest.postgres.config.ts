import { configDefaults, defineConfig } from 'vitest/config';
import unit from './vitest.config.ts';

/**
 * `npm run test:postgres`: the same suite on a PostgreSQL server (TEST_DATABASE_URL, a user who may create
 * databases), plus what only a server has (`*.postgres.test.ts`, which `npm test` leaves out). Tests that run
 * on PGlite whatever the server (`*.pglite.test.ts`: PGlite itself, the embedded `npm start`) stay in
 * `npm test` alone, since here they would only run a second time. Without a server this layer fails rather
 * than quietly testing PGlite again.
 */
if (!process.env.TEST_DATABASE_URL?.startsWith('postgres')) {
  throw new Error('npm run test:postgres needs TEST_DATABASE_URL=postgres://user@host:port/database (a server whose user may create databases; .ci/run starts one)');
}

export default defineConfig({
  ...unit,
  test: {
    ...unit.test,
    include: [...(unit.test?.include ?? []), 'src/**/*.postgres.test.ts', 'test/**/*.postgres.test.ts'],
    exclude: [...configDefaults.exclude, 'test/fixtures/**', '**/*.pglite.test.ts', '**/*.clamd.test.ts', '**/*.s3.test.ts', '**/*.conformance.test.ts'],
  },
});
