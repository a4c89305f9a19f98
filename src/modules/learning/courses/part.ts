import type { ModulePart } from '#kernel/module-parts.ts';
import { sendCertificatesJob } from './certificates.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import certificatesDe from './locales-certificates/de.json' with { type: 'json' };
import certificatesEn from './locales-certificates/en.json' with { type: 'json' };
import { sendRegistrationMailJob } from './mails.ts';
import { publicCourseRoutes } from './routes.public.tsx';
import { staffCourseRoutes } from './routes.staff.tsx';
import { verifyRoutes } from './routes.verify.tsx';
import { checkMinimumsJob } from './service.calloff.ts';
import { sendCourseRemindersJob } from './service.reminders.ts';
import { learningPermissions } from '../permissions.ts';
import { coursesPersonalData, coursesRetention } from './privacy.ts';

/** Courses: the catalogue, registration with its waiting line, notices, attendance and certificates. */
export const coursesPart: ModulePart = {
  routes: async (app, ctx) => {
    await app.register(async (scope) => publicCourseRoutes(scope, ctx));
    await app.register(async (scope) => verifyRoutes(scope, ctx));
    await app.register(async (scope) => staffCourseRoutes(scope, ctx));
  },
  jobs: [sendRegistrationMailJob, checkMinimumsJob, sendCourseRemindersJob, sendCertificatesJob],
  staffLinks: [
    { path: '/verwaltung/kurse', label: 'learning:courses.staff.title', permission: learningPermissions.takeAttendance, order: 60 },
    { path: '/verwaltung/kurse/zahlen', label: 'learning:courses.figures.title', permission: learningPermissions.manageCourses, order: 61 },
  ],
  accountLinks: [{ path: '/konto/kurse', label: 'learning:courses.account.title', order: 7 }],
  retention: coursesRetention,
  personalData: coursesPersonalData,
  locales: { de: { ...de, ...certificatesDe }, en: { ...en, ...certificatesEn } },
};
