import type { Migrations } from '#kernel/db/migrate.ts';
import * as opendata from './202612300900_opendata.ts';

/** Every migration file of this folder, by name; `migrate.test.ts` fails on one left out. */
export const opendataMigrations: Migrations = {
  '202612300900_opendata': opendata,
};
