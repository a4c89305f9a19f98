import type { ModulePart } from '#kernel/module-parts.ts';
import { initiativesPermissions } from '../permissions.ts';
import { initiativesDb } from '../repo.ts';
import { resourceJobs } from './jobs.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import { purgeRequests } from './repo.ts';
import { assetRoutes } from './routes.assets.ts';
import { publicResourceRoutes } from './routes.public.tsx';
import { staffResourceRoutes } from './routes.staff.tsx';
import { requestsPath } from './views/staff.tsx';

/** What the resources area adds to the module: the resources' pages, the requests, and the keepers' pages. */
export const resourcesPart: ModulePart = {
  routes: async (app, ctx) => {
    await app.register(async (scope) => assetRoutes(scope));
    await app.register(async (scope) => publicResourceRoutes(scope, ctx));
    await app.register(async (scope) => staffResourceRoutes(scope, ctx));
  },
  jobs: resourceJobs,
  staffLinks: [{ path: requestsPath, label: 'initiatives:resources.staff.title', permission: initiativesPermissions.handleRequests, order: 62 }],
  retention: [
    {
      id: 'initiatives.resource-requests',
      description: 'initiatives:resources.retention',
      table: 'initiative_resource_requests',
      columns: ['name', 'email', 'phone', 'organisation', 'message', 'answer'],
      purge: (db, now) => purgeRequests(initiativesDb(db), now),
    },
  ],
  locales: { de, en },
};
