import type { Migrations } from '#kernel/db/migrate.ts';
import * as courses from './202701010100_courses.ts';
import * as staffTraining from './202701010200_staff_training.ts';
import * as savedAssessments from './202701010300_saved_assessments.ts';
import * as certificateWithdrawal from './202701010400_certificate_withdrawal.ts';

/** Every migration file of this folder, by name; `migrate.test.ts` fails on one left out. */
export const learningMigrations: Migrations = {
  '202701010100_courses': courses,
  '202701010200_staff_training': staffTraining,
  '202701010300_saved_assessments': savedAssessments,
  '202701010400_certificate_withdrawal': certificateWithdrawal,
};
