import type { Migrations } from '#kernel/db/migrate.ts';
import * as applications from './202612161000_applications.ts';
import * as formPublisher from './202612181200_form_publisher.ts';
import * as caseExports from './202612191000_case_exports.ts';
import * as caseFollow from './202612201000_case_follow.ts';

/** Every migration file of this folder, by name; `migrate.test.ts` fails on one left out. */
export const applicationsMigrations: Migrations = {
  '202612161000_applications': applications,
  '202612181200_form_publisher': formPublisher,
  '202612191000_case_exports': caseExports,
  '202612201000_case_follow': caseFollow,
};
