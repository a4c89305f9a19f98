import { initiativesPermissions } from '../permissions.ts';
import type { ModulePart } from '#kernel/module-parts.ts';
import { importFeedsJob, importNewFeedJob, rollOccurrencesJob } from './jobs.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import { sendFeedFailureJob } from './mail.ts';
import { feedRoutes } from './routes.tsx';
import { heldPath } from './views/held.tsx';

/** What the feeds area adds to the module: the imports, their mail, the occurrences' nightly roll and the held events' page. */
export const feedsPart: ModulePart = {
  locales: { de, en },
  routes: feedRoutes,
  jobs: [importFeedsJob, importNewFeedJob, rollOccurrencesJob, sendFeedFailureJob],
  staffLinks: [{ path: heldPath, label: 'initiatives:feeds.held.title', permission: initiativesPermissions.moderate, order: 62 }],
};
