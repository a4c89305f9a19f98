import type { Generated, Selectable } from 'kysely';

export type ExportStatus = 'delivered' | 'failed';
/** What started an attempt: the job after submission, or a caseworker's button. */
export type ExportTrigger = 'submitted' | 'staff';

export type ExportTables = {
  application_case_exports: {
    id: Generated<string>;
    case_id: string;
    adapter: string;
    format_version: number;
    status: ExportStatus;
    location: string | null;
    receipt_id: string | null;
    reason: string | null;
    error: string | null;
    trigger: ExportTrigger;
    actor_id: string | null;
    attempted_at: Generated<Date>;
  };
};

export type ExportRow = Selectable<ExportTables['application_case_exports']>;
