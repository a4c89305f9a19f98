import { defineModule } from '#kernel/module.ts';
import { joinParts } from '#kernel/module-parts.ts';
import { assessmentPart } from './assessment/part.ts';
import { assessmentPath } from './assessment/views.tsx';
import { coursesPart } from './courses/part.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import { learningMigrations } from './migrations/index.ts';
import { learningRoles, permissionMap } from './permissions.ts';
import { trainingPart } from './training/part.ts';

const joined = joinParts('learning', [{ locales: { de, en } }, assessmentPart, coursesPart, trainingPart]);

/** Digital competences (principle 5): courses, consultation hours, the DigComp self-assessment, staff training. */
export const learningModule = defineModule({
  id: 'learning',
  migrations: learningMigrations,
  locales: joined.locales,
  permissions: permissionMap,
  roles: learningRoles,
  routes: joined.routes,
  jobs: joined.jobs,
  on: joined.on,
  events: joined.events,
  staffLinks: joined.staffLinks,
  accountLinks: joined.accountLinks,
  retention: joined.retention,
  personalData: joined.personalData,
  about: { heading: 'learning:about.heading', text: 'learning:about.text', easyText: 'learning:about.easy', href: assessmentPath, order: 50 },
});
