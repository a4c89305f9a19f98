import { defineModule } from '#kernel/module.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import ckanDe from './locales/ckan.de.json' with { type: 'json' };
import ckanEn from './locales/ckan.en.json' with { type: 'json' };
import portalDe from './locales/portal.de.json' with { type: 'json' };
import portalEn from './locales/portal.en.json' with { type: 'json' };
import staffDe from './locales/staff.de.json' with { type: 'json' };
import staffEn from './locales/staff.en.json' with { type: 'json' };
import { opendataMigrations } from './migrations/index.ts';
import { staffPortalPath } from './addresses.ts';
import { opendataPermissions, opendataRoles, organizationScope, permissionMap } from './permissions.ts';
import { ckanRoutes } from './ckan/routes.ts';
import { portalRoutes } from './routes.portal.tsx';
import { staffRoutes } from './routes.staff.tsx';

/** The open-data portal: datasets, resources and their versions, the DataStore, the CKAN-compatible API, DCAT-AP.de. */
export const opendataModule = defineModule({
  id: 'opendata',
  migrations: opendataMigrations,
  routes: async (app, ctx) => {
    await portalRoutes(app, ctx);
    await ckanRoutes(app, ctx);
    await staffRoutes(app, ctx);
  },
  nav: [{ path: '/daten', label: 'opendata:portal.nav', order: 40 }],
  staffLinks: [{ path: staffPortalPath, label: 'opendata:staff.title', permission: opendataPermissions.publish, order: 50 }],
  locales: { de: { ...de, ...portalDe, ...staffDe, ...ckanDe }, en: { ...en, ...portalEn, ...staffEn, ...ckanEn } },
  permissions: permissionMap,
  roles: opendataRoles,
  scopes: [organizationScope],
  auditSubjects: { types: { 'opendata.dataset': 'opendata:auditSubjects.dataset', 'opendata.resource': 'opendata:auditSubjects.resource' } },
});
