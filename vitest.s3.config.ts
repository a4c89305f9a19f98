import { defineConfig } from 'vitest/config';

/**
 * The file store on S3-compatible object storage (`npm run test:s3`): against s3rver, an S3 server the
 * tests start on a loopback port (a dev dependency, nothing to install), kept in a layer of its own like
 * every test that needs a server besides the platform.
 */
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['src/**/*.s3.test.ts', 'test/**/*.s3.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
