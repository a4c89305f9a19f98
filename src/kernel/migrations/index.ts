import type { Migrations } from '../db/migrate.ts';
import * as sessionsAndAudit from './202611260100_sessions_and_audit.ts';
import * as seedRuns from './202611260101_seed_runs.ts';
import * as auditNoTruncate from './202611260102_audit_no_truncate.ts';
import * as searchExtensions from './202611260103_search_extensions.ts';
import * as rateLimits from './202611260104_rate_limits.ts';
import * as auditRetention from './202611260105_audit_retention.ts';
import * as files from './202612021200_files.ts';
import * as events from './202612031000_events.ts';
import * as formSubmissions from './202612071000_form_submissions.ts';
import * as workflowHistory from './202612091200_workflow_history.ts';
import * as searchDocuments from './202612141200_search_documents.ts';
import * as contentChanged from './202612150900_content_changed.ts';
import * as searchDocumentsChanged from './202612151000_search_documents_changed.ts';

/** Every migration file of this folder, by name; `migrate.test.ts` fails on one left out. */
export const kernelMigrations: Migrations = {
  '202611260100_sessions_and_audit': sessionsAndAudit,
  '202611260101_seed_runs': seedRuns,
  '202611260102_audit_no_truncate': auditNoTruncate,
  '202611260103_search_extensions': searchExtensions,
  '202611260104_rate_limits': rateLimits,
  '202611260105_audit_retention': auditRetention,
  '202612021200_files': files,
  '202612031000_events': events,
  '202612071000_form_submissions': formSubmissions,
  '202612091200_workflow_history': workflowHistory,
  '202612141200_search_documents': searchDocuments,
  '202612150900_content_changed': contentChanged,
  '202612151000_search_documents_changed': searchDocumentsChanged,
};
