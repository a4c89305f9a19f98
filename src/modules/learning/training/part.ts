import type { ModulePart } from '#kernel/module-parts.ts';
import { learningPermissions } from '../permissions.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import { trainingPersonalData, trainingRetention } from './privacy.ts';
import { trainingRoutes } from './routes.tsx';
import { trainingRemindersJob } from './service.reminders.ts';
import { duePath, ownPath } from './views/shared.tsx';

/** Staff training: required trainings per role, completion records, reminders, the coordinator's dashboard. */
export const trainingPart: ModulePart = {
  routes: trainingRoutes,
  jobs: [trainingRemindersJob],
  staffLinks: [
    { path: duePath, label: 'learning:training.due.title', permission: learningPermissions.manageTraining, order: 72 },
    // Everyone's own trainings: the reminder before one expires links here.
    { path: ownPath, label: 'learning:training.own.title', order: 73 },
  ],
  retention: trainingRetention,
  personalData: trainingPersonalData,
  locales: { de, en },
};
