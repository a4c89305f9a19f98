import type { Db, Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import type { PersonalDataSource } from '#kernel/module.ts';
import { attemptsOfCases, exportDb } from './export/repo.ts';
import { applicationsDb } from './repo.forms.ts';

/*
 * A person's applications in their data download: drafts with every answer, and cases with the applicant's
 * details, answers, the messages exchanged and the documents sent later (a caseworker's internal notes are
 * the office's working papers, not data the person gave or was sent). Deleting the account deletes the
 * drafts; the cases stay with the office that decides them, until their retention period ends, no longer
 * linked to an account.
 */

async function exportApplications(db: Db, userId: string): Promise<Record<string, unknown>> {
  const adb = applicationsDb(db);
  const drafts = await adb
    .selectFrom('application_drafts as d')
    .innerJoin('application_form_versions as v', 'v.id', 'd.form_version_id')
    .select(['d.id', 'v.form_key', 'v.version', 'd.answers', 'd.guest_email', 'd.created_at', 'd.updated_at'])
    .where('d.user_id', '=', userId)
    .execute();
  const cases = await adb
    .selectFrom('application_cases')
    .select(['id', 'reference', 'form_key', 'status', 'channel', 'applicant', 'answers', 'submitted_at', 'closed_at', 'payment_status'])
    .where('user_id', '=', userId)
    .execute();
  const messages = cases.length
    ? await adb
        .selectFrom('application_messages')
        .select(['case_id', 'kind', 'body', 'author_name', 'created_at'])
        .where('case_id', 'in', cases.map((made) => made.id))
        .where('kind', '!=', 'note')
        .orderBy('created_at')
        .execute()
    : [];
  const documents = cases.length
    ? await adb.selectFrom('application_case_documents').select(['case_id', 'filename', 'media_type', 'bytes', 'created_at']).where('case_id', 'in', cases.map((made) => made.id)).orderBy('created_at').execute()
    : [];
  // Where each case went: the specialist systems that received the person's data (the recipients they may ask about).
  const exports = cases.length ? await attemptsOfCases(exportDb(db), cases.map((made) => made.id)) : [];
  return {
    drafts,
    cases: cases.map((made) => ({
      ...made,
      messages: messages.filter((message) => message.case_id === made.id),
      // Documents sent later: their names here, their content among the person's files.
      documents: documents.filter((document) => document.case_id === made.id).map(({ filename, media_type, bytes, created_at }) => ({ filename, media_type, bytes, created_at })),
      exports: exports.filter((attempt) => attempt.case_id === made.id).map(({ adapter, status, location, attempted_at }) => ({ adapter, status, location, attempted_at })),
    })),
  };
}

async function eraseApplications(db: Executor<KernelTables>, userId: string): Promise<void> {
  const adb = applicationsDb(db);
  await adb.deleteFrom('application_drafts').where('user_id', '=', userId).where('entered_by', 'is', null).execute();
  await adb.updateTable('application_cases').set({ user_id: null }).where('user_id', '=', userId).execute();
}

export const applicationsPersonalData: PersonalDataSource = {
  export: exportApplications,
  erase: eraseApplications,
};
