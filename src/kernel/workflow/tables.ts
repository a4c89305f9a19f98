import type { Generated } from 'kysely';
import type { Timestamp } from '../db/tables.ts';

/** The kernel's history of workflow transitions; repos reach it through `db.withTables<WorkflowTables>()`. */
export type WorkflowTables = {
  workflow_history: {
    id: Generated<number>;
    /** The workflow's id (`catalog.entry`), so one table serves every workflow. */
    workflow: string;
    /** The instance's id as the owning module keys it; text, since not every module keys by uuid. */
    instance_id: string;
    transition: string;
    from_state: string;
    to_state: string;
    at: Timestamp;
    actor_id: string | null;
    actor_label: string;
    /** The person's name when they acted, so a history reads without a join to accounts; removed after a while. */
    actor_name: string | null;
    /** Why, as the person wrote it (a reason for a refusal, what an envelope said). */
    note: string | null;
  };
};
