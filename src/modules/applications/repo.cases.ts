import type { Answers } from './definition/answers.ts';
import type { ApplicationsDb } from './repo.forms.ts';
import type { Applicant, CaseChannel, CaseRow } from './tables.ts';

/** The owner under which the file store keeps a case's files (receipt, uploads, documents sent later). */
export const caseOwner = (id: string) => ({ module: 'applications', kind: 'case', id });

export interface NewCase {
  reference: string;
  draftId: string | null;
  formVersionId: string;
  formKey: string;
  serviceSlug: string | null;
  officeId: string;
  userId: string | null;
  secretHash: string | null;
  applicant: Applicant;
  answers: Answers;
  status: string;
  channel: CaseChannel;
  enteredBy: string | null;
  receiptFileId: string | null;
  retentionDays: number;
}

/** Writes a new case; undefined when its reference is taken already, for the caller to draw another. */
export async function insertCase(db: ApplicationsDb, row: NewCase): Promise<CaseRow | undefined> {
  return db
    .insertInto('application_cases')
    .values({
      reference: row.reference,
      draft_id: row.draftId,
      form_version_id: row.formVersionId,
      form_key: row.formKey,
      service_slug: row.serviceSlug,
      office_id: row.officeId,
      user_id: row.userId,
      secret_hash: row.secretHash,
      applicant: JSON.stringify(row.applicant),
      answers: JSON.stringify(row.answers),
      status: row.status,
      channel: row.channel,
      entered_by: row.enteredBy,
      receipt_file_id: row.receiptFileId,
      updated_at: new Date(),
      retention_days: row.retentionDays,
    })
    .onConflict((conflict) => conflict.column('reference').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findCase(db: ApplicationsDb, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('application_cases').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The case a draft became: a repeated submission finds it instead of making a second one. */
export async function findCaseOfDraft(db: ApplicationsDb, draftId: string): Promise<CaseRow | undefined> {
  return db.selectFrom('application_cases').selectAll().where('draft_id', '=', draftId).executeTakeFirst();
}

/** A person's cases, newest first. */
export async function casesOfUser(db: ApplicationsDb, userId: string) {
  return db
    .selectFrom('application_cases as c')
    .innerJoin('application_form_versions as v', 'v.id', 'c.form_version_id')
    .select(['c.id', 'c.reference', 'c.status', 'c.submitted_at', 'c.updated_at', 'v.definition'])
    .where('c.user_id', '=', userId)
    .orderBy('c.submitted_at', 'desc')
    .execute();
}

/** Records a case's receipt unless it has one already; false when another render was quicker. */
export async function setReceiptIfNone(db: ApplicationsDb, id: string, fileId: string): Promise<boolean> {
  const updated = await db.updateTable('application_cases').set({ receipt_file_id: fileId }).where('id', '=', id).where('receipt_file_id', 'is', null).executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

export async function lockCase(db: ApplicationsDb, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('application_cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** A closed case starts its retention period; any other status clears it again. */
export async function setCaseStatus(db: ApplicationsDb, id: string, status: string): Promise<void> {
  await db
    .updateTable('application_cases')
    .set({ status, updated_at: new Date(), closed_at: status === 'closed' || status === 'withdrawn' ? new Date() : null })
    .where('id', '=', id)
    .execute();
}
