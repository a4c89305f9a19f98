import { defineModule } from '#kernel/module.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import { directoryPart } from './directory/part.ts';
import { seedDirectory } from './directory/seed.ts';
import { seedResources } from './resources/seed.ts';
import { mapSettings, tileOrigins } from './resources/settings.ts';
import { feedsPart } from './feeds/part.ts';
import { initiativesMigrations } from './migrations/index.ts';
import { maintenancePart } from './maintenance/part.ts';
import { moderationPart } from './moderation/part.ts';
import { joinParts } from '#kernel/module-parts.ts';
import { initiativesRoles, permissionMap } from './permissions.ts';
import { resourcesPart } from './resources/part.ts';
import { directoryDataset, eventsDataset } from './opendata.ts';
import { initiativesSearch } from './search.ts';
import { initiativesAuditSubjects } from './audit.ts';

const joined = joinParts('initiatives', [{ locales: { de, en } }, directoryPart, moderationPart, maintenancePart, feedsPart, resourcesPart]);

export const initiativesModule = defineModule({
  id: 'initiatives',
  migrations: initiativesMigrations,
  locales: joined.locales,
  permissions: permissionMap,
  roles: initiativesRoles,
  routes: joined.routes,
  jobs: joined.jobs,
  on: joined.on,
  events: joined.events,
  staffLinks: joined.staffLinks,
  accountLinks: joined.accountLinks,
  retention: joined.retention,
  personalData: joined.personalData,
  auditSubjects: initiativesAuditSubjects,
  search: initiativesSearch,
  openData: [directoryDataset, eventsDataset],
  nav: [{ path: '/initiativen', label: 'initiatives:nav', order: 45 }],
  about: { heading: 'initiatives:about.heading', text: 'initiatives:about.text', easyText: 'initiatives:about.easy', href: '/initiativen', order: 40 },
  settings: mapSettings,
  imageSources: tileOrigins,
  seed: async (ctx) => {
    await seedDirectory(ctx);
    await seedResources(ctx);
  },
});
