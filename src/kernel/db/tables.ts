import type { ColumnType, Generated } from 'kysely';

/** Tables the kernel owns. Modules extend the type with their own through `db.withTables<…>()`. */
export interface KernelTables {
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  seed_runs: { module_id: string; seeded_at: Generated<Date> };
  rate_limits: { key_hash: string; hits: number; window_ends_at: Timestamp };
}

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface SessionsTable {
  /** SHA-256 of the cookie token, so a database leak does not hand out live sessions. */
  token_hash: string;
  user_id: string | null;
  /** Short-lived state between steps (pending second factor, OIDC state, flash message). */
  data: ColumnType<Record<string, unknown>, Record<string, unknown> | string, Record<string, unknown> | string>;
  created_at: Generated<Date>;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Generated<Date>;
  actor_id: string | null;
  actor_label: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  /** Whose personal data the action touched, so a citizen can be shown who looked at their data. */
  data_subject_id: string | null;
  reason: string | null;
  request_id: string | null;
  meta: ColumnType<Record<string, unknown>, Record<string, unknown> | string | undefined, never>;
}
