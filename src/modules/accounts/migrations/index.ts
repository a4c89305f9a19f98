import type { Migrations } from '#kernel/db/migrate.ts';
import * as accounts from './202611260300_accounts.ts';
import * as apiClients from './202611270300_api_clients.ts';
import * as signInSecurity from './202612020900_sign_in_security.ts';
import * as emailChange from './202612041100_email_change.ts';
import * as roleScopes from './202612061200_role_scopes.ts';
import * as signInNoticeWithoutDetails from './202612101000_sign_in_notice_without_details.ts';
import * as consentLedger from './202612311400_consent_ledger.ts';

/** Every migration file of this folder, by name; `migrate.test.ts` fails on one left out. */
export const accountsMigrations: Migrations = {
  '202611260300_accounts': accounts,
  '202611270300_api_clients': apiClients,
  '202612020900_sign_in_security': signInSecurity,
  '202612041100_email_change': emailChange,
  '202612061200_role_scopes': roleScopes,
  '202612101000_sign_in_notice_without_details': signInNoticeWithoutDetails,
  '202612311400_consent_ledger': consentLedger,
};
