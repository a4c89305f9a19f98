import { defineModule } from '#kernel/module.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import { opendataMigrations } from './migrations/index.ts';
import { opendataRoles, organizationScope, permissionMap } from './permissions.ts';

/** The open-data portal: datasets, resources and their versions, the DataStore, the CKAN-compatible API, DCAT-AP.de. */
export const opendataModule = defineModule({
  id: 'opendata',
  migrations: opendataMigrations,
  locales: { de: { ...de }, en: { ...en } },
  permissions: permissionMap,
  roles: opendataRoles,
  scopes: [organizationScope],
  auditSubjects: { types: { 'opendata.dataset': 'opendata:auditSubjects.dataset', 'opendata.resource': 'opendata:auditSubjects.resource' } },
});
