import type { KernelContext } from '#kernel/context.ts';
import { defineModule, type App } from '#kernel/module.ts';
import { exportCommand, importCommand } from './commands.ts';
import { catalogAuditSubjects } from './audit.ts';
import { catalogHome } from './home.ts';
import { anonymiseHistoryBefore, catalogDb } from './repo.ts';
import { apiRoutes } from './routes.api.ts';
import { publicRoutes } from './routes.public.tsx';
import { staffRoutes } from './routes.staff.tsx';
import { transferRoutes } from './routes.transfer.tsx';
import { catalogSearch } from './search.ts';
import { officesDataset, servicesDataset } from './opendata.ts';
import { servicesOnline, servicesOnlineShare, servicesPublished } from './stats.ts';
import { seedCatalog } from './seed/index.ts';
import { officeScope } from './scopes.ts';
import { catalogSettings } from './settings.ts';
import { servicePublished } from './events.ts';
import { editCatalog } from './service.editing.ts';
import { checkLinksJob } from './service.links.ts';
import { transferCatalog } from './service.transfer.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import { catalogMigrations } from './migrations/index.ts';

const historyNamesKeptDays = 2 * 365;

export const catalogModule = defineModule({
  id: 'catalog',
  migrations: catalogMigrations,
  // The back office and the upload each guard their routes with a hook of their own, so each gets a scope.
  routes: async (app: App, ctx: KernelContext) => {
    await publicRoutes(app, ctx);
    await apiRoutes(app, ctx);
    await app.register(async (scope) => staffRoutes(scope, ctx));
    await app.register(async (scope) => transferRoutes(scope, ctx));
  },
  nav: [
    { path: '/leistungen', label: 'catalog:nav.services', order: 10 },
    { path: '/dienststellen', label: 'catalog:nav.offices', order: 20 },
  ],
  about: { heading: 'catalog:about.heading', text: 'catalog:about.text', easyText: 'catalog:about.easy', href: '/leistungen', order: 10 },
  permissions: { [editCatalog]: ['editor'], [transferCatalog]: ['editor', 'administrator'] },
  staffLinks: [{ path: '/verwaltung/katalog', label: 'catalog:staff.title', permission: editCatalog, order: 10 }],
  jobs: [checkLinksJob],
  settings: catalogSettings,
  scopes: [officeScope],
  events: [servicePublished],
  auditSubjects: catalogAuditSubjects,
  locales: { de, en },
  search: catalogSearch,
  openData: [servicesDataset, officesDataset],
  stats: [servicesPublished, servicesOnline, servicesOnlineShare],
  home: catalogHome,
  commands: [exportCommand, importCommand],
  seed: seedCatalog,
  retention: [
    {
      id: 'catalog.history-editor-names',
      description: 'catalog:retention.history',
      table: 'catalog_history',
      columns: ['actor_name'],
      purge: (db, now) => anonymiseHistoryBefore(catalogDb(db), new Date(now.getTime() - historyNamesKeptDays * 86_400_000)),
    },
  ],
});
