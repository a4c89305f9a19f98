import type { SignedIn } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { messagesForApplicant } from './repo.messages.ts';
import { casesOfUser } from './repo.cases.ts';
import { draftsOfUser } from './repo.drafts.ts';
import { applicationsDb } from './repo.forms.ts';
import { followCase } from './service.follow.ts';
import { documentsOf, openRequestOf } from './repo.follow.ts';
import { takesDocuments, takesReplies } from './service.reply.ts';
import { mayWithdraw } from './service.withdraw.ts';
import type { CaseRow } from './tables.ts';
import { caseWorkflow } from './workflow.case.ts';

/** "Meine Anträge": the person's drafts to continue and their cases, newest first. */
export async function myApplications(ctx: KernelContext, actor: SignedIn) {
  const db = applicationsDb(ctx.db);
  const [drafts, cases] = await Promise.all([draftsOfUser(db, actor.userId), casesOfUser(db, actor.userId)]);
  return { drafts, cases };
}

export interface TimelineEntry {
  at: Date;
  kind: 'submitted' | 'status' | 'message-to' | 'message-from';
  /** The new status, for a status change. */
  status?: string;
  body?: string;
}

const internalSteps = new Set(['proposeRejection', 'returnRejection']);

/**
 * One case as its applicant follows it: the answers, the receipt, and a timeline of what happened (sent,
 * every change of status, every message either way). A caseworker's internal notes are not in it.
 */
export async function myCase(ctx: KernelContext, actor: SignedIn, caseId: string) {
  const followed = await followCase(ctx, actor, caseId, () => undefined);
  if (!followed) return null;
  const { made } = followed;
  const history = await caseWorkflow.history(ctx.db, made.id);
  const messages = await messagesForApplicant(applicationsDb(ctx.db), made.id);
  const timeline: TimelineEntry[] = [
    { at: made.submitted_at, kind: 'submitted' as const },
    // The four-eyes steps are the office's deliberation: to the applicant the case is in progress throughout.
    ...history.filter((row) => !internalSteps.has(row.transition)).map((row) => ({ at: row.at, kind: 'status' as const, status: row.to_state })),
    ...messages.map((message) => ({ at: message.created_at, kind: message.kind === 'to-applicant' ? ('message-to' as const) : ('message-from' as const), body: message.body })),
  ].sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime());
  return { ...followed, timeline, ...(await whatTheyCanDo(ctx, made)) };
}

/**
 * What the applicant can do on their case now: reply (until it is closed or withdrawn), send documents
 * with the reply while information is requested (with the day asked for), withdraw it until it is decided.
 */
async function whatTheyCanDo(ctx: KernelContext, made: CaseRow) {
  const db = applicationsDb(ctx.db);
  const request = takesDocuments(made.status) ? await openRequestOf(db, made.id) : undefined;
  const documents = await documentsOf(db, made.id);
  return {
    mayReply: takesReplies(made.status),
    takesDocuments: takesDocuments(made.status),
    replyBy: request?.reply_by ?? null,
    mayWithdraw: mayWithdraw(made.status),
    documents: documents.map((document) => ({ filename: document.filename, at: document.created_at })),
  };
}
