import { defineModule } from '#kernel/module.ts';
import { joinParts } from '#kernel/module-parts.ts';
import { assessmentPart } from './assessment/part.ts';
import { assessmentPath } from './assessment/views.tsx';
import { consultationPath } from './consultation/offer.ts';
import { consultationPart } from './consultation/part.ts';
import { coursesAuditSubjects } from './courses/audit.ts';
import { courseEditingPart } from './courses/editing/part.ts';
import { coursesPart } from './courses/part.ts';
import { seedCourses } from './courses/seed.ts';
import { cataloguePath } from './courses/views/catalogue.tsx';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import { learningMigrations } from './migrations/index.ts';
import { learningDatasets } from './opendata.ts';
import { alsoGrants, learningRoles, permissionMap } from './permissions.ts';
import { seedTraining, trainingAuditSubjects } from './training/index.ts';
import { trainingPart } from './training/part.ts';

const joined = joinParts('learning', [{ locales: { de, en } }, assessmentPart, coursesPart, courseEditingPart, consultationPart, trainingPart]);

/** Digital competences (principle 5): courses, consultation hours, the DigComp self-assessment, staff training. */
export const learningModule = defineModule({
  id: 'learning',
  migrations: learningMigrations,
  locales: joined.locales,
  permissions: permissionMap,
  roles: learningRoles,
  alsoGrants,
  routes: joined.routes,
  jobs: joined.jobs,
  on: joined.on,
  events: joined.events,
  staffLinks: joined.staffLinks,
  accountLinks: joined.accountLinks,
  retention: joined.retention,
  personalData: joined.personalData,
  auditSubjects: {
    types: { ...coursesAuditSubjects.types, ...trainingAuditSubjects.types },
    describe: async (db, t, type, ids) => (type in coursesAuditSubjects.types ? coursesAuditSubjects.describe!(db, t, type, ids) : trainingAuditSubjects.describe!(db, t, type, ids)),
  },
  openData: learningDatasets,
  // Beside the services: on a phone the navigation keeps its three lines, and learning is one of the five aims.
  nav: [{ path: cataloguePath, label: 'learning:nav', order: 15 }],
  home: {
    order: 30,
    // Fixed links, no table read: the home page's cache needs no announcement from this module.
    load: async (_db, language) => {
      const texts = (language === 'en' ? en : de).home;
      return {
        heading: 'learning:home.heading',
        intro: 'learning:home.intro',
        links: [
          { href: assessmentPath, label: texts.assessment, description: texts.assessmentText },
          { href: cataloguePath, label: texts.courses, description: texts.coursesText },
          { href: consultationPath, label: texts.consultation, description: texts.consultationText },
        ],
      };
    },
  },
  about: { heading: 'learning:about.heading', text: 'learning:about.text', easyText: 'learning:about.easy', href: assessmentPath, order: 50 },
  seed: async (ctx) => {
    await seedCourses(ctx);
    await seedTraining(ctx);
  },
});
