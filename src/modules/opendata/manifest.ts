import { defineModule } from '#kernel/module.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import ckanDe from './locales/ckan.de.json' with { type: 'json' };
import datastoreDe from './locales/datastore.de.json' with { type: 'json' };
import datastoreEn from './locales/datastore.en.json' with { type: 'json' };
import dcatDe from './locales/dcat.de.json' with { type: 'json' };
import dcatEn from './locales/dcat.en.json' with { type: 'json' };
import ingestDe from './locales/ingest.de.json' with { type: 'json' };
import ingestEn from './locales/ingest.en.json' with { type: 'json' };
import qualityDe from './locales/quality.de.json' with { type: 'json' };
import qualityEn from './locales/quality.en.json' with { type: 'json' };
import sqlDe from './locales/sql.de.json' with { type: 'json' };
import sqlEn from './locales/sql.en.json' with { type: 'json' };
import ckanEn from './locales/ckan.en.json' with { type: 'json' };
import ckanWriteDe from './locales/ckan-write.de.json' with { type: 'json' };
import ckanWriteEn from './locales/ckan-write.en.json' with { type: 'json' };
import portalDe from './locales/portal.de.json' with { type: 'json' };
import portalEn from './locales/portal.en.json' with { type: 'json' };
import staffDe from './locales/staff.de.json' with { type: 'json' };
import staffEn from './locales/staff.en.json' with { type: 'json' };
import { opendataMigrations } from './migrations/index.ts';
import { staffPortalPath } from './addresses.ts';
import { opendataPermissions, opendataRoles, organizationScope, permissionMap } from './permissions.ts';
import { ckanRoutes } from './ckan/routes.ts';
import { dcatRoutes } from './dcat/routes.ts';
import { portalRoutes } from './routes.portal.tsx';
import { staffRoutes } from './routes.staff.tsx';
import { seedOpendata } from './seed/index.ts';
import { publishDeclaredJob } from './service.declared.ts';
import { processVersionJob } from './service.resources.ts';
import { checkLinksJob } from './service.quality.ts';
import { datasetSearch } from './search.ts';

/** The open-data portal: datasets, resources and their versions, the DataStore, the CKAN-compatible API, DCAT-AP.de. */
export const opendataModule = defineModule({
  id: 'opendata',
  migrations: opendataMigrations,
  routes: async (app, ctx) => {
    await portalRoutes(app, ctx);
    await ckanRoutes(app, ctx);
    await staffRoutes(app, ctx);
    await dcatRoutes(app, ctx);
  },
  nav: [{ path: '/daten', label: 'opendata:portal.nav', order: 40 }],
  about: { heading: 'opendata:about.heading', text: 'opendata:about.text', easyText: 'opendata:about.easy', href: '/daten', order: 80 },
  staffLinks: [{ path: staffPortalPath, label: 'opendata:staff.title', permission: opendataPermissions.publish, order: 50 }],
  locales: {
    de: { ...de, ...portalDe, ...staffDe, ...ckanDe, ...ckanWriteDe, ...dcatDe, ...qualityDe, ...ingestDe, ...datastoreDe, ...sqlDe },
    en: { ...en, ...portalEn, ...staffEn, ...ckanEn, ...ckanWriteEn, ...dcatEn, ...qualityEn, ...ingestEn, ...datastoreEn, ...sqlEn },
  },
  permissions: permissionMap,
  roles: opendataRoles,
  scopes: [organizationScope],
  jobs: [processVersionJob, publishDeclaredJob, checkLinksJob],
  search: datasetSearch,
  seed: seedOpendata,
  auditSubjects: { types: { 'opendata.dataset': 'opendata:auditSubjects.dataset', 'opendata.resource': 'opendata:auditSubjects.resource' } },
});
