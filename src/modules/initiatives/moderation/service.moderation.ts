import { recordAudit } from '#kernel/audit.ts';
import type { Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { initiativesPermissions } from '../permissions.ts';
import { initiativesDb } from '../repo.ts';
import { sendMaintainerApprovedJob, sendPublishedJob, sendQuestionJob, sendRejectedJob } from './jobs.ts';
import { heldEventCount, markEditReviewed, openQuestions, pendingMaintainers, staleEntries, unreviewedEdits, waitingProposals } from './repo.queue.ts';
import { activatePendingMaintainers, dropKeys, findInitiative, findMaintainer, maintainersOf, setMaintainer } from './repo.ts';
import { initiativeWorkflow, type ModeratorStep } from './workflow.ts';
import { consentHistory } from '#modules/accounts/index.ts';
import { proposerSubject, publishConsent } from './service.propose.ts';

/*
 * The moderators' side: the queue of what waits, an entry's whole record, and the steps (ask, publish,
 * reject, withdraw, an edit seen, a new maintainer approved or refused). Every step is audited; the
 * workflow's steps through the workflow, the others here.
 */

const moderate = initiativesPermissions.moderate;
const subjectType = 'initiatives.initiative';

export async function moderationQueue(ctx: KernelContext, actor: Actor, now = new Date()) {
  ctx.permissions.require(actor, moderate);
  const db = initiativesDb(ctx.db);
  const [proposals, questions, edits, maintainers, stale, held] = await Promise.all([
    waitingProposals(db),
    openQuestions(db),
    unreviewedEdits(db),
    pendingMaintainers(db),
    staleEntries(db, now),
    heldEventCount(db),
  ]);
  return { proposals, questions, edits, maintainers, stale, held };
}
export type ModerationQueue = Awaited<ReturnType<typeof moderationQueue>>;

/** The whole entry with its proposer and maintainers and its history; reading it is audited (it holds personal data). */
export async function entryForModerator(ctx: KernelContext, actor: Actor, id: string) {
  ctx.permissions.require(actor, moderate);
  const db = initiativesDb(ctx.db);
  const initiative = await findInitiative(db, id);
  if (!initiative) return undefined;
  const [maintainers, history] = await Promise.all([maintainersOf(db, id), initiativeWorkflow.history(ctx.db, id)]);
  // When each gave their consent to publish, as the ledger proves it.
  const consentedAt = new Map<string, Date>();
  for (const maintainer of maintainers) {
    const given = (await consentHistory(ctx.db, proposerSubject(maintainer.id))).filter((row) => row.purpose === publishConsent).at(-1);
    if (given?.decision === 'given') consentedAt.set(maintainer.id, given.recorded_at);
  }
  await recordAudit(ctx.db, { actor }, { action: 'initiatives.entry-viewed', subjectType, subjectId: id });
  return { initiative, maintainers, consentedAt, history, steps: initiativeWorkflow.allowedTransitions(ctx, actor, initiative) };
}
/** The logo of any entry, published or not, for the moderators to see what they publish. */
export async function logoForModerator(ctx: KernelContext, actor: Actor, id: string): Promise<{ fileId: string; slug: string } | undefined> {
  ctx.permissions.require(actor, moderate);
  const initiative = await findInitiative(initiativesDb(ctx.db), id);
  return initiative?.logo_file_id ? { fileId: initiative.logo_file_id, slug: initiative.slug } : undefined;
}

export type EntryForModerator = NonNullable<Awaited<ReturnType<typeof entryForModerator>>>;

export type StepResult = { ok: true } | { ok: false; reason: 'not-found' | 'invalid-transition' | 'note-required' };

/** A moderator's step on an entry, with the mail it causes in the same transaction. */
export async function takeStep(ctx: KernelContext, actor: Actor, id: string, step: ModeratorStep, note: string | null): Promise<StepResult> {
  const result = await initiativeWorkflow.transition(ctx, actor, { id, transition: step, note }, {
    apply: async (trx, initiative) => {
      const db = initiativesDb(trx);
      switch (step) {
        case 'ask':
          // A new question closes the links of an earlier one.
          await dropKeys(db, initiative.id, 'answer');
          await ctx.jobs.enqueue(trx, sendQuestionJob, { initiativeId: initiative.id });
          return;
        case 'publish': {
          const activated = await activatePendingMaintainers(db, initiative.id, new Date());
          await ctx.jobs.enqueue(trx, sendPublishedJob, { initiativeId: initiative.id });
          return { maintainersActivated: activated.length };
        }
        case 'reject':
          await dropKeys(db, initiative.id, 'answer');
          await ctx.jobs.enqueue(trx, sendRejectedJob, { initiativeId: initiative.id });
          return;
        case 'withdraw':
          return;
      }
    },
  });
  return result.ok ? { ok: true } : result;
}

/** The moderator has seen a maintainer's live edit. */
export async function markEditSeen(ctx: KernelContext, actor: Actor, id: string, now = new Date()): Promise<boolean> {
  ctx.permissions.require(actor, moderate);
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await markEditReviewed(initiativesDb(trx), id, now))) return false;
    await recordAudit(trx, { actor }, { action: 'initiatives.edit-reviewed', subjectType, subjectId: id });
    return true;
  });
}

export type MaintainerDecision = 'approve' | 'refuse';

/**
 * A new maintainer of a published entry: approved, they keep it current from now on (and are told so);
 * refused, they are removed. Only a maintainer still pending can be decided on.
 */
export async function decideMaintainer(ctx: KernelContext, actor: Actor, maintainerId: string, decision: MaintainerDecision, now = new Date()): Promise<{ ok: true } | { ok: false; reason: 'not-found' | 'decided' }> {
  ctx.permissions.require(actor, moderate);
  return ctx.db.transaction().execute(async (trx) => {
    const db = initiativesDb(trx);
    const maintainer = await findMaintainer(db, maintainerId);
    const initiative = maintainer ? await findInitiative(db, maintainer.initiative_id) : undefined;
    if (!maintainer || initiative?.status !== 'published') return { ok: false as const, reason: 'not-found' as const };
    if (maintainer.status !== 'pending') return { ok: false as const, reason: 'decided' as const };
    // A refused person's name and address serve nothing any more: they go, as when a maintainer is removed.
    await setMaintainer(db, maintainer.id, decision === 'approve' ? { status: 'active', approved_at: now } : { status: 'removed', name: null, email: null, user_id: null });
    if (decision === 'approve') await ctx.jobs.enqueue(trx, sendMaintainerApprovedJob, { maintainerId: maintainer.id });
    await recordAudit(trx, { actor }, { action: decision === 'approve' ? 'initiatives.maintainer-approved' : 'initiatives.maintainer-refused', subjectType, subjectId: initiative.id, dataSubjectId: maintainer.user_id, meta: { maintainerId: maintainer.id } });
    return { ok: true as const };
  });
}
