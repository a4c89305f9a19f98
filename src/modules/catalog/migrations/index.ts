import type { Migrations } from '#kernel/db/migrate.ts';
import * as catalog from './202611270100_catalog.ts';

/** Every migration file of this folder, by name; `migrate.test.ts` fails on one left out. */
export const catalogMigrations: Migrations = {
  '202611270100_catalog': catalog,
};
