import type { SignedIn } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { messagesForApplicant } from './repo.messages.ts';
import { casesOfUser } from './repo.cases.ts';
import { draftsOfUser } from './repo.drafts.ts';
import { applicationsDb } from './repo.forms.ts';
import { followCase } from './service.follow.ts';
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
  return { ...followed, timeline };
}
