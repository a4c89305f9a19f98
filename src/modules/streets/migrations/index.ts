import type { Migrations } from '#kernel/db/migrate.ts';
import * as streets from './202612171000_streets.ts';

/** Every migration file of this folder, by name; `migrate.test.ts` fails on one left out. */
export const streetsMigrations: Migrations = {
  '202612171000_streets': streets,
};
