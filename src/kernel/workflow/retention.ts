import type { RetentionRule } from '../module.ts';
import { anonymiseHistoryBefore } from './repo.ts';
import type { WorkflowTables } from './tables.ts';

/**
 * A workflow's history is the audit log's twin for one instance, so the people named in it are kept exactly
 * as long as the audit log keeps them: after that the names and the notes they wrote go, the steps stay.
 */
export const workflowHistoryRetention: RetentionRule = {
  id: 'kernel.workflow-history',
  description: 'kernel:retention.workflowHistory',
  descriptionValues: (config) => ({ days: config.AUDIT_RETENTION_DAYS }),
  table: 'workflow_history',
  columns: ['actor_name', 'note'],
  purge: (db, now, config) => anonymiseHistoryBefore(db.withTables<WorkflowTables>(), new Date(now.getTime() - config.AUDIT_RETENTION_DAYS * 86_400_000)),
};
