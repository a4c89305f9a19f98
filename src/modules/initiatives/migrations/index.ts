import type { Migrations } from '#kernel/db/migrate.ts';
import * as initiatives from './202612311000_initiatives.ts';
import * as confirmRequested from './202612311220_confirm_requested.ts';
import * as logoFileIdText from './202612311410_logo_file_id_text.ts';
import * as requestLanguage from './202612311420_request_language.ts';

/** Every migration file of this folder, by name; `migrate.test.ts` fails on one left out. */
export const initiativesMigrations: Migrations = {
  '202612311000_initiatives': initiatives,
  '202612311220_confirm_requested': confirmRequested,
  '202612311410_logo_file_id_text': logoFileIdText,
  '202612311420_request_language': requestLanguage,
};
