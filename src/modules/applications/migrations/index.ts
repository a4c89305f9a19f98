import type { Migrations } from '#kernel/db/migrate.ts';

/** Every migration file of this folder, by name; `migrate.test.ts` fails on one left out. */
export const applicationsMigrations: Migrations = {};
