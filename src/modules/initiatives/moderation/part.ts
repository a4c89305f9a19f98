import type { ModulePart } from '#kernel/module-parts.ts';
import { initiativesPermissions } from '../permissions.ts';
import { moderationJobs } from './jobs.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import { moderationPersonalData, moderationRetention } from './privacy.ts';
import { publicModerationRoutes } from './routes.public.tsx';
import { staffModerationRoutes } from './routes.staff.tsx';

/** What the moderation area adds to the module: proposing an entry, and the moderators' queue and steps. */
export const moderationPart: ModulePart = {
  routes: async (app, ctx) => {
    await app.register(async (scope) => publicModerationRoutes(scope, ctx));
    await app.register(async (scope) => staffModerationRoutes(scope, ctx));
  },
  jobs: moderationJobs,
  staffLinks: [{ path: '/verwaltung/initiativen', label: 'initiatives:moderation.queue.title', permission: initiativesPermissions.moderate, order: 55 }],
  retention: moderationRetention,
  personalData: moderationPersonalData,
  locales: { de, en },
};
