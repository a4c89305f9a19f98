import type { Answers } from './definition/answers.ts';
import type { ApplicationsDb } from './repo.forms.ts';
import type { CaseChannel, DraftRow } from './tables.ts';

export async function insertDraft(
  db: ApplicationsDb,
  draft: { formVersionId: string; userId: string | null; secretHash: string | null; answers: Answers; channel: CaseChannel; enteredBy: string | null },
): Promise<DraftRow> {
  return db
    .insertInto('application_drafts')
    .values({
      form_version_id: draft.formVersionId,
      user_id: draft.userId,
      secret_hash: draft.secretHash,
      answers: JSON.stringify(draft.answers),
      channel: draft.channel,
      entered_by: draft.enteredBy,
      updated_at: new Date(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findDraft(db: ApplicationsDb, id: string): Promise<DraftRow | undefined> {
  return db.selectFrom('application_drafts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the draft while it is saved or turned into a case, so two tabs take turns. */
export async function lockDraft(db: ApplicationsDb, id: string): Promise<DraftRow | undefined> {
  return db.selectFrom('application_drafts').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function saveDraftAnswers(db: ApplicationsDb, id: string, answers: Answers, lastPage: string): Promise<void> {
  await db.updateTable('application_drafts').set({ answers: JSON.stringify(answers), last_page: lastPage, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function setGuestEmail(db: ApplicationsDb, id: string, email: string): Promise<void> {
  await db.updateTable('application_drafts').set({ guest_email: email, resume_sent_at: new Date(), updated_at: new Date() }).where('id', '=', id).execute();
}

export async function setResumeHash(db: ApplicationsDb, id: string, resumeHash: string): Promise<void> {
  await db.updateTable('application_drafts').set({ resume_hash: resumeHash }).where('id', '=', id).execute();
}

/** A guest came back through the resume link: their browser gets a new secret, the link keeps working. */
export async function setSecretHash(db: ApplicationsDb, id: string, secretHash: string): Promise<void> {
  await db.updateTable('application_drafts').set({ secret_hash: secretHash, updated_at: new Date() }).where('id', '=', id).execute();
}

/** Deletes a draft and returns it, locked for the rest of the transaction: the one read a submission needs. */
export async function takeDraft(db: ApplicationsDb, id: string): Promise<DraftRow | undefined> {
  return db.deleteFrom('application_drafts').where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deleteDraft(db: ApplicationsDb, id: string): Promise<void> {
  await db.deleteFrom('application_drafts').where('id', '=', id).execute();
}

/** A person's drafts, newest first, with the form's title and key. */
export async function draftsOfUser(db: ApplicationsDb, userId: string) {
  return db
    .selectFrom('application_drafts as d')
    .innerJoin('application_form_versions as v', 'v.id', 'd.form_version_id')
    .select(['d.id', 'd.updated_at', 'd.last_page', 'v.definition', 'v.form_key'])
    .where('d.user_id', '=', userId)
    .where('d.entered_by', 'is', null)
    .orderBy('d.updated_at', 'desc')
    .execute();
}

/** The draft of a form a person last worked on, to offer "continue" on the form's start page. */
export async function latestDraftOf(db: ApplicationsDb, userId: string, formKey: string) {
  return db
    .selectFrom('application_drafts as d')
    .innerJoin('application_form_versions as v', 'v.id', 'd.form_version_id')
    .select(['d.id', 'd.last_page'])
    .where('d.user_id', '=', userId)
    .where('d.entered_by', 'is', null)
    .where('v.form_key', '=', formKey)
    .orderBy('d.updated_at', 'desc')
    .executeTakeFirst();
}
