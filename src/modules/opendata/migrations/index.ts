import type { Migrations } from '#kernel/db/migrate.ts';
import * as opendata from './202612300900_opendata.ts';
import * as datastoreReader from './202612300910_datastore_reader.ts';
import * as datasetSearch from './202612300920_dataset_search.ts';
import * as linkChecks from './202612300930_link_checks.ts';
import * as portalContentChanged from './202612300940_portal_content_changed.ts';
import * as resourceLoads from './202612300950_resource_loads.ts';
import * as versionSuperseded from './202612301000_version_superseded.ts';

/** Every migration file of this folder, by name; `migrate.test.ts` fails on one left out. */
export const opendataMigrations: Migrations = {
  '202612300900_opendata': opendata,
  '202612300910_datastore_reader': datastoreReader,
  '202612300920_dataset_search': datasetSearch,
  '202612300930_link_checks': linkChecks,
  '202612300940_portal_content_changed': portalContentChanged,
  '202612300950_resource_loads': resourceLoads,
  '202612301000_version_superseded': versionSuperseded,
};
