import { purgeAuditLogBefore } from './audit.ts';
import { SessionStore } from './auth/sessions.ts';
import { scanFileJob } from './files/jobs.ts';
import { filesRetentionRule } from './files/retention.ts';
import { formSubmissionsRetentionRule } from './forms/once.ts';
import { eventRetention } from './events/retention.ts';
import { workflowHistoryRetention } from './workflow/retention.ts';
import { operationsRoutes } from './events/routes.tsx';
import { manageJobs } from './events/service.operations.ts';
import { purgeEndedRateLimitWindows } from './http/rate-limit-store.ts';
import { sendMailJob } from './mail.ts';
import { applyRetentionJob } from './retention.ts';
import { defineModule } from './module.ts';
import de from './i18n/locales/de.json' with { type: 'json' };
import en from './i18n/locales/en.json' with { type: 'json' };
import { kernelMigrations } from './migrations/index.ts';

/** The kernel's own contributions, handled exactly like a module's. */
export const kernelManifest = defineModule({
  id: 'kernel',
  migrations: kernelMigrations,
  routes: operationsRoutes,
  // Two roles every installation has, which modules grant their permissions to: the platform's
  // administration and the editorial office for what the platform says.
  roles: [
    { id: 'administrator', label: 'kernel:roles.administrator.label', description: 'kernel:roles.administrator.description' },
    { id: 'editor', label: 'kernel:roles.editor.label', description: 'kernel:roles.editor.description' },
  ],
  permissions: { [manageJobs]: ['administrator'] },
  staffLinks: [{ path: '/verwaltung/betrieb', label: 'kernel:operations.title', permission: manageJobs, order: 95 }],
  jobs: [sendMailJob, applyRetentionJob, scanFileJob],
  auditSubjects: { types: { file: 'kernel:auditSubjects.file', event: 'kernel:auditSubjects.event', job: 'kernel:auditSubjects.job', jobs: 'kernel:auditSubjects.jobs' } },
  retention: [
    {
      id: 'kernel.sessions',
      description: 'kernel:retention.sessions',
      descriptionValues: (config) => ({ idleMinutes: config.SESSION_IDLE_MINUTES, absoluteHours: config.SESSION_ABSOLUTE_HOURS }),
      table: 'sessions',
      columns: ['user_id', 'ip', 'user_agent'],
      purge: (db, now, config) => new SessionStore(db, { idleMinutes: config.SESSION_IDLE_MINUTES, absoluteHours: config.SESSION_ABSOLUTE_HOURS }).purgeExpired(now),
    },
    {
      id: 'kernel.audit-log',
      description: 'kernel:retention.auditLog',
      table: 'audit_log',
      columns: ['actor_id', 'actor_label', 'data_subject_id', 'reason', 'meta'],
      purge: (db, now, config) => purgeAuditLogBefore(db, new Date(now.getTime() - config.AUDIT_RETENTION_DAYS * 86_400_000)),
    },
    {
      id: 'kernel.rate-limit-counters',
      description: 'kernel:retention.rateLimits',
      table: 'rate_limits',
      columns: ['key_hash'],
      purge: (db, now) => purgeEndedRateLimitWindows(db, now),
    },
    eventRetention,
    filesRetentionRule,
    formSubmissionsRetentionRule,
    workflowHistoryRetention,
  ],
  locales: { de, en },
});
