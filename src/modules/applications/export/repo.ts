import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import type { ExportRow, ExportStatus, ExportTables, ExportTrigger } from './tables.ts';

export type ExportDb = Executor<KernelTables & ExportTables>;

export const exportDb = (db: Executor<KernelTables>): ExportDb => db.withTables<ExportTables>();

export interface AttemptInput {
  caseId: string;
  adapter: string;
  formatVersion: number;
  status: ExportStatus;
  location: string | null;
  receiptId: string | null;
  reason: string | null;
  error: string | null;
  trigger: ExportTrigger;
  actorId: string | null;
}

export async function insertAttempt(db: ExportDb, input: AttemptInput): Promise<ExportRow> {
  return db
    .insertInto('application_case_exports')
    .values({
      case_id: input.caseId,
      adapter: input.adapter,
      format_version: input.formatVersion,
      status: input.status,
      location: input.location,
      receipt_id: input.receiptId,
      reason: input.reason,
      // An error can be long (a stack of causes): what fits on the case page is kept.
      error: input.error?.slice(0, 2000) ?? null,
      trigger: input.trigger,
      actor_id: input.actorId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A case's attempts, newest first. */
export async function attemptsOf(db: ExportDb, caseId: string, limit = 20): Promise<ExportRow[]> {
  return db.selectFrom('application_case_exports').selectAll().where('case_id', '=', caseId).orderBy('attempted_at', 'desc').orderBy('id').limit(limit).execute();
}

/** The attempts for several cases, oldest first (a person's data download). */
export async function attemptsOfCases(db: ExportDb, caseIds: readonly string[]): Promise<ExportRow[]> {
  if (caseIds.length === 0) return [];
  return db.selectFrom('application_case_exports').selectAll().where('case_id', 'in', [...caseIds]).orderBy('attempted_at').orderBy('id').execute();
}
