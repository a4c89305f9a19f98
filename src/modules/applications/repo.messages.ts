import type { ApplicationsDb } from './repo.forms.ts';

/** Messages between the office and the applicant, oldest first; internal notes are left out. */
export async function messagesForApplicant(db: ApplicationsDb, caseId: string) {
  return db.selectFrom('application_messages').select(['id', 'kind', 'body', 'created_at']).where('case_id', '=', caseId).where('kind', '!=', 'note').orderBy('created_at').execute();
}
