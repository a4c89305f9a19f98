import { defineConfig } from 'vitest/config';

/** Browser journeys through the running platform in Chromium; `npm run test:e2e`. */
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['e2e/**/*.e2e.ts'],
    // The same migrated template as the unit suite, so createTestPlatform() works here unchanged.
    globalSetup: ['test/global-setup.ts'],
    // Each file runs its own platform and Chromium; on two cores a second pair at once is the most that helps.
    maxWorkers: 2,
    // axe (WCAG 2.2 AA and best practices on every page) and Chromium are slow on a loaded two-core machine,
    // and a journey checks a dozen pages or more; a hang still ends well inside CI's budget.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
