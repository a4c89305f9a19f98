import type { Migrations } from '#kernel/db/migrate.ts';
import * as catalog from './202611270100_catalog.ts';
import * as unpublishedIsNull from './202612071000_catalog_unpublished_is_null.ts';
import * as searchInKernel from './202612141210_catalog_search_in_kernel.ts';
import * as contentChanged from './202612150910_catalog_content_changed.ts';

/** Every migration file of this folder, by name; `migrate.test.ts` fails on one left out. */
export const catalogMigrations: Migrations = {
  '202611270100_catalog': catalog,
  '202612071000_catalog_unpublished_is_null': unpublishedIsNull,
  '202612141210_catalog_search_in_kernel': searchInKernel,
  '202612150910_catalog_content_changed': contentChanged,
};
