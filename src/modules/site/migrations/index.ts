import type { Migrations } from '#kernel/db/migrate.ts';
import * as accessibilityFeedback from './202611260200_accessibility_feedback.ts';

/** Every migration file of this folder, by name; `migrate.test.ts` fails on one left out. */
export const siteMigrations: Migrations = {
  '202611260200_accessibility_feedback': accessibilityFeedback,
};
