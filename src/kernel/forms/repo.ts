import type { ColumnType } from 'kysely';
import type { AnyExecutor, Executor } from '../db/database.ts';
import type { Timestamp } from '../db/tables.ts';

export interface FormSubmissionsTables {
  form_submissions: {
    scope_hash: string;
    form_id: string;
    key: string;
    /** The first submit's outcome (JSON); null while its work runs. */
    outcome: ColumnType<unknown, string | null, string | null>;
    created_at: Timestamp;
  };
}

function submissionsDb(db: AnyExecutor): Executor<FormSubmissionsTables> {
  return db;
}

export interface SubmissionKey {
  scopeHash: string;
  formId: string;
  key: string;
}

const byKey = (submission: SubmissionKey) => ({ scope_hash: submission.scopeHash, form_id: submission.formId, key: submission.key });

/** Claims a key for a submit about to do its work; false when another submit with the key came first. */
export async function claimSubmission(db: AnyExecutor, submission: SubmissionKey, now: Date): Promise<boolean> {
  const inserted = await submissionsDb(db)
    .insertInto('form_submissions')
    .values({ ...byKey(submission), outcome: null, created_at: now })
    .onConflict((conflict) => conflict.columns(['scope_hash', 'form_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The recorded outcome: `undefined` when the key is unknown, `null` while the first submit still works. */
export async function findOutcome(db: AnyExecutor, submission: SubmissionKey): Promise<unknown> {
  const row = await submissionsDb(db)
    .selectFrom('form_submissions')
    .select('outcome')
    .where('scope_hash', '=', submission.scopeHash)
    .where('form_id', '=', submission.formId)
    .where('key', '=', submission.key)
    .executeTakeFirst();
  return row ? row.outcome : undefined;
}

export async function recordOutcome(db: AnyExecutor, submission: SubmissionKey, outcome: unknown): Promise<void> {
  await submissionsDb(db)
    .updateTable('form_submissions')
    .set({ outcome: JSON.stringify(outcome) })
    .where('scope_hash', '=', submission.scopeHash)
    .where('form_id', '=', submission.formId)
    .where('key', '=', submission.key)
    .execute();
}

/** Gives a key back when its work did not go through, so that the form can be sent again with it. */
export async function releaseSubmission(db: AnyExecutor, submission: SubmissionKey): Promise<void> {
  await submissionsDb(db)
    .deleteFrom('form_submissions')
    .where('scope_hash', '=', submission.scopeHash)
    .where('form_id', '=', submission.formId)
    .where('key', '=', submission.key)
    .where('outcome', 'is', null)
    .execute();
}

export async function purgeSubmissionsBefore(db: AnyExecutor, cutoff: Date): Promise<number> {
  const result = await submissionsDb(db).deleteFrom('form_submissions').where('created_at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
