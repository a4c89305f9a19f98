import { sql } from 'kysely';
import type { ApplicationsDb } from './repo.forms.ts';

/*
 * What follows a sent application: the requests for information with their reply-by day, and the
 * documents the applicant sent later. Days are read as `YYYY-MM-DD` text, never as a Date that a time
 * zone could move by one.
 */

const replyByText = sql<string>`to_char(reply_by, 'YYYY-MM-DD')`.as('reply_by');

export async function insertInformationRequest(db: ApplicationsDb, caseId: string, replyBy: string): Promise<void> {
  await db.insertInto('application_information_requests').values({ case_id: caseId, reply_by: replyBy }).execute();
}

/** The newest request of a case not answered yet, if any. */
export async function openRequestOf(db: ApplicationsDb, caseId: string) {
  return db
    .selectFrom('application_information_requests')
    .select(['id', 'requested_at', 'reminded_at', replyByText])
    .where('case_id', '=', caseId)
    .where('answered_at', 'is', null)
    .orderBy('requested_at', 'desc')
    .executeTakeFirst();
}

/** Every open request of a case counts as answered by the applicant's reply. */
export async function markRequestsAnswered(db: ApplicationsDb, caseId: string, at: Date): Promise<void> {
  await db.updateTable('application_information_requests').set({ answered_at: at }).where('case_id', '=', caseId).where('answered_at', 'is', null).execute();
}

/**
 * Requests to remind of: the newest of a case still waiting for information, unanswered, not reminded,
 * whose day is between `from` and `until` (both `YYYY-MM-DD`, inclusive), a hundred at a time.
 */
export async function requestsToRemind(db: ApplicationsDb, from: string, until: string) {
  return db
    .selectFrom('application_information_requests as r')
    .innerJoin('application_cases as c', 'c.id', 'r.case_id')
    .select(['r.id', 'r.case_id', sql<string>`to_char(r.reply_by, 'YYYY-MM-DD')`.as('reply_by')])
    .where('c.status', '=', 'information-requested')
    .where('r.answered_at', 'is', null)
    .where('r.reminded_at', 'is', null)
    .where(sql<boolean>`r.reply_by between ${from}::date and ${until}::date`)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('application_information_requests as later').select('later.id').whereRef('later.case_id', '=', 'r.case_id').whereRef('later.requested_at', '>', 'r.requested_at'))))
    .orderBy('r.reply_by')
    .limit(100)
    .execute();
}

/** Marks a request reminded unless another run did it first; false then. */
export async function markReminded(db: ApplicationsDb, requestId: string, at: Date): Promise<boolean> {
  const updated = await db.updateTable('application_information_requests').set({ reminded_at: at }).where('id', '=', requestId).where('reminded_at', 'is', null).executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

export interface NewDocument {
  caseId: string;
  messageId: string;
  fileId: string;
  filename: string;
  mediaType: string;
  bytes: number;
}

export async function insertDocument(db: ApplicationsDb, document: NewDocument): Promise<void> {
  await db
    .insertInto('application_case_documents')
    .values({ case_id: document.caseId, message_id: document.messageId, file_id: document.fileId, filename: document.filename, media_type: document.mediaType, bytes: document.bytes })
    .execute();
}

/** The documents sent later for a case, oldest first. */
export async function documentsOf(db: ApplicationsDb, caseId: string) {
  return db.selectFrom('application_case_documents').select(['id', 'message_id', 'file_id', 'filename', 'media_type', 'bytes', 'created_at']).where('case_id', '=', caseId).orderBy('created_at').execute();
}

/**
 * For the queue: of the given cases, which have a reply the office has not answered (the newest thing
 * written on the case, notes included, is the applicant's), and which wait for an answer past its day.
 */
export async function followFlags(db: ApplicationsDb, caseIds: readonly string[], today: string) {
  if (caseIds.length === 0) return { replied: new Set<string>(), overdue: new Map<string, string>() };
  const replied = await db
    .selectFrom('application_messages as m')
    .select('m.case_id')
    .distinctOn('m.case_id')
    .where('m.case_id', 'in', [...caseIds])
    .orderBy('m.case_id')
    .orderBy('m.created_at', 'desc')
    .select('m.kind')
    .execute();
  const overdue = await db
    .selectFrom('application_information_requests as r')
    .innerJoin('application_cases as c', 'c.id', 'r.case_id')
    .select(['r.case_id', sql<string>`to_char(r.reply_by, 'YYYY-MM-DD')`.as('reply_by')])
    .where('r.case_id', 'in', [...caseIds])
    .where('c.status', '=', 'information-requested')
    .where('r.answered_at', 'is', null)
    .where(sql<boolean>`r.reply_by < ${today}::date`)
    .execute();
  return {
    replied: new Set(replied.filter((row) => row.kind === 'from-applicant').map((row) => row.case_id)),
    overdue: new Map(overdue.map((row) => [row.case_id, row.reply_by])),
  };
}
