import { defineConfig } from 'vitest/config';

/**
 * Virus scanning against a real clamd (Debian's clamav-daemon), which each test file starts with a
 * signature database it writes itself; `npm run test:clamd`. Kept apart so `npm test` needs Node.js alone.
 */
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['src/**/*.clamd.test.ts', 'test/**/*.clamd.test.ts'],
    // The same migrated template as the unit suite, so the platform starts the same way here.
    globalSetup: ['test/global-setup.ts'],
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
