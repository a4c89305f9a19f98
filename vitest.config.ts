import { configDefaults, defineConfig } from 'vitest/config';

/**
 * `npm test`: the unit and integration suite on PGlite, needing nothing but Node.js. Test files of the other
 * layers carry the layer in their name (`*.postgres.test.ts`, `*.clamd.test.ts`, `*.s3.test.ts`) and run in
 * their own configurations, which .ci/run starts once what they need is there.
 */
const layerFiles = ['**/*.postgres.test.ts', '**/*.clamd.test.ts', '**/*.s3.test.ts', '**/*.conformance.test.ts'];

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    // Fixtures are inputs of tests (files that break lint rules on purpose), not tests.
    exclude: [...configDefaults.exclude, 'test/fixtures/**', ...layerFiles],
    globalSetup: ['test/global-setup.ts'],
    // PGlite runs in-process and the machines have two cores; more workers only add contention.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
