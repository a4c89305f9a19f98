import { defineModule } from '#kernel/module.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import ckanDe from './locales/ckan.de.json' with { type: 'json' };
import ckanEn from './locales/ckan.en.json' with { type: 'json' };
import portalDe from './locales/portal.de.json' with { type: 'json' };
import portalEn from './locales/portal.en.json' with { type: 'json' };
import { opendataMigrations } from './migrations/index.ts';
import { opendataRoles, organizationScope, permissionMap } from './permissions.ts';
import { ckanRoutes } from './ckan/routes.ts';
import { portalRoutes } from './routes.portal.tsx';

/** The open-data portal: datasets, resources and their versions, the DataStore, the CKAN-compatible API, DCAT-AP.de. */
export const opendataModule = defineModule({
  id: 'opendata',
  migrations: opendataMigrations,
  routes: async (app, ctx) => {
    await portalRoutes(app, ctx);
    await ckanRoutes(app, ctx);
  },
  nav: [{ path: '/daten', label: 'opendata:portal.nav', order: 40 }],
  locales: { de: { ...de, ...portalDe, ...ckanDe }, en: { ...en, ...portalEn, ...ckanEn } },
  permissions: permissionMap,
  roles: opendataRoles,
  scopes: [organizationScope],
  auditSubjects: { types: { 'opendata.dataset': 'opendata:auditSubjects.dataset', 'opendata.resource': 'opendata:auditSubjects.resource' } },
});
