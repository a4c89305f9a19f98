import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { prepareTemplate } from './template.ts';

/**
 * Migrates one database per run (PGlite: a dumped data directory; PostgreSQL: a template database) so that
 * each test file starts from a copy in well under a second instead of migrating again.
 */
export default async function setup(project: TestProject) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'erk-test-'));
  const template = await prepareTemplate(dir, process.env.TEST_DATABASE_URL);
  project.provide('databaseTemplate', template);
  return async () => {
    await fs.rm(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTemplate: { kind: 'pglite'; file: string } | { kind: 'postgres'; url: string; template: string };
  }
}
