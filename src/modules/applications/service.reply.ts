import { recordAudit } from '#kernel/audit.ts';
import { actorId, isSignedIn, type Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { Trx } from '#kernel/db/database.ts';
import type { FormFile } from '#kernel/forms/index.ts';
import { caseOwner, findCase, lockCase } from './repo.cases.ts';
import { insertMessage } from './repo.casework.ts';
import { insertDocument, markRequestsAnswered } from './repo.follow.ts';
import { applicationsDb } from './repo.forms.ts';
import { longestText } from './service.casework.notes.ts';
import { isApplicant, type CaseKey } from './service.follow.ts';
import type { CaseRow } from './tables.ts';
import { caseWorkflow } from './workflow.case.ts';

/*
 * The applicant writes to the office from their case page: a message onto the case's timeline, where the
 * caseworker reads it and the queue marks it as a new reply; while the office waits for information, with
 * documents, and the reply then puts the case back in progress (the workflow's `answer`, the applicant's
 * own step), which ends the pause of the processing clock.
 */

/** States in which nothing more is worked on: a reply would reach nobody. */
const ended = new Set(['closed', 'withdrawn']);

export interface ReplyInput {
  message: string;
  documents: readonly FormFile[];
}

export type ReplyProblem = { field: 'message'; reason: 'required' | 'too-long' };

export type ReplyResult =
  | { ok: true; answered: boolean; documents: number }
  | { ok: false; reason: 'not-found' | 'ended' | 'documents-not-requested' | 'file-refused' }
  | { ok: false; reason: 'invalid-input'; problems: ReplyProblem[] };

/** Whether the applicant may add documents to their reply now: only while the office waits for information. */
export const takesDocuments = (status: string) => status === 'information-requested';

/** Whether the applicant may write to the office about the case at all. */
export const takesReplies = (status: string) => !ended.has(status);

function checkInput(input: ReplyInput): ReplyProblem[] {
  const text = input.message.trim();
  if (!text && input.documents.length === 0) return [{ field: 'message', reason: 'required' }];
  return [...text].length > longestText ? [{ field: 'message', reason: 'too-long' }] : [];
}

/** A refusal raised inside a transaction so that everything written before it is rolled back. */
class Refused extends Error {
  constructor(readonly reason: 'file-refused') {
    super(reason);
  }
}

/**
 * Saves the applicant's reply: the message, the documents referenced by the case (personal data of the
 * applicant, kept and deleted with the case), and, while information was requested, the `answer` step.
 */
export async function replyToCase(ctx: KernelContext, actor: Actor, key: CaseKey, input: ReplyInput, now = new Date()): Promise<ReplyResult> {
  const found = await findCase(applicationsDb(ctx.db), key.caseId);
  if (!found || !isApplicant(actor, found, key.secretOf)) return { ok: false, reason: 'not-found' };
  const problems = checkInput(input);
  if (problems.length > 0) return { ok: false, reason: 'invalid-input', problems };
  if (!takesReplies(found.status)) return { ok: false, reason: 'ended' };
  if (input.documents.length > 0 && !takesDocuments(found.status)) return { ok: false, reason: 'documents-not-requested' };
  try {
    if (takesDocuments(found.status)) {
      const answered = await caseWorkflow.transition(ctx, actor, { id: found.id, transition: 'answer' }, { party: (_trx, made) => isApplicant(actor, made, key.secretOf), apply: (trx, made) => save(ctx, trx, actor, made, input, now, true) });
      if (answered.ok) return { ok: true, answered: true, documents: input.documents.length };
      if (answered.reason === 'not-found') return { ok: false, reason: 'not-found' };
      // The office resumed the case meanwhile: a message still reaches it, documents no longer have a request.
      if (input.documents.length > 0) return { ok: false, reason: 'documents-not-requested' };
    }
    return await ctx.db.transaction().execute(async (trx) => {
      const made = await lockCase(applicationsDb(trx), found.id);
      if (!made || !isApplicant(actor, made, key.secretOf)) return { ok: false, reason: 'not-found' } as const;
      if (!takesReplies(made.status)) return { ok: false, reason: 'ended' } as const;
      await save(ctx, trx, actor, made, input, now, false);
      return { ok: true, answered: false, documents: 0 } as const;
    });
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.reason };
    throw error;
  }
}

/** The reply's rows and its audit record, in the caller's transaction; what it returns joins the step's record. */
async function save(ctx: KernelContext, trx: Trx, actor: Actor, made: CaseRow, input: ReplyInput, now: Date, answering: boolean) {
  const db = applicationsDb(trx);
  const authorName = isSignedIn(actor) ? actor.displayName : made.applicant.name || null;
  const message = await insertMessage(db, { caseId: made.id, kind: 'from-applicant', body: input.message.trim(), authorId: actorId(actor), authorName });
  for (const { filename, file } of input.documents) {
    const added = await ctx.files.addRef(trx, { fileId: file.id, owner: caseOwner(made.id), personal: true, dataSubjectId: made.user_id });
    if (!added.ok) throw new Refused('file-refused');
    await insertDocument(db, { caseId: made.id, messageId: message.id, fileId: file.id, filename, mediaType: file.mediaType, bytes: file.size });
  }
  if (answering) await markRequestsAnswered(db, made.id, now);
  const meta = { documents: input.documents.length, answered: answering };
  await recordAudit(trx, { actor }, { action: 'applications.reply-received', subjectType: 'applications.case', subjectId: made.id, dataSubjectId: made.user_id, meta });
  return meta;
}
