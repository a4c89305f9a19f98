import { defineConfig } from 'vitest/config';

/**
 * Conformance of the platform's published formats with their official profiles (`npm run test:conformance`):
 * the DCAT-AP.de catalogue against the DCAT-AP.de 3.0 SHACL shapes. The shapes and vocabulary lists are data
 * kept outside the repository; DCAT_AP_DE_DATA names their directory, and the tests fail when it is not set.
 */
export default defineConfig({
  test: {
    include: ['test/conformance/**/*.conformance.test.ts'],
    maxWorkers: 2,
    testTimeout: 120_000,
  },
});
