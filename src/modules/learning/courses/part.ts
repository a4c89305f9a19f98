import type { ModulePart } from '#kernel/module-parts.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import { sendRegistrationMailJob } from './mails.ts';
import { checkMinimumsJob } from './service.calloff.ts';
import { sendCourseRemindersJob } from './service.reminders.ts';

/** Courses: the catalogue, registration with its waiting line, notices, attendance and certificates. */
export const coursesPart: ModulePart = {
  jobs: [sendRegistrationMailJob, checkMinimumsJob, sendCourseRemindersJob],
  locales: { de, en },
};
