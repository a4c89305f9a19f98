import type { ModulePart } from '#kernel/module-parts.ts';
import { askToConfirmJob, sendEditLinksJob } from './jobs.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import { maintenanceRoutes } from './routes.tsx';

/** What the maintenance area adds to the module: the pages partners keep their entry with, its mails and the yearly question. */
export const maintenancePart: ModulePart = {
  routes: maintenanceRoutes,
  jobs: [sendEditLinksJob, askToConfirmJob],
  accountLinks: [{ path: '/konto/initiativen', label: 'initiatives:maintenance.mine.title', order: 8 }],
  locales: { de, en },
};
