import { defineWorkflow } from '#kernel/workflow/index.ts';
import { initiativesPermissions } from '../permissions.ts';
import { initiativesDb } from '../repo.ts';
import { reindexInitiative } from '../search.ts';
import type { InitiativeRow, InitiativeStatus } from '../tables.ts';
import { lockInitiative, updateInitiative } from './repo.ts';

export const initiativeStates = ['unconfirmed', 'submitted', 'question', 'published', 'rejected', 'withdrawn'] as const satisfies readonly InitiativeStatus[];

const moderate = initiativesPermissions.moderate;

/** What each step writes into the entry beside its new status; the note is the moderator's or the proposer's words. */
function changesOf(transition: string, note: string | null, now: Date) {
  switch (transition) {
    case 'confirm':
      return { submitted_at: now };
    case 'ask':
      return { moderator_question: note };
    case 'answer':
      // Answered, the entry waits again, counted from the answer.
      return { proposer_answer: note, submitted_at: now };
    case 'publish':
      return { published_at: now, confirmed_current_at: now, edit_reviewed_at: now };
    case 'reject':
      return { reject_reason: note };
    default:
      return {};
  }
}

/**
 * An entry of the hub from proposal to publication. The proposer confirms their address and answers a
 * moderator's question as the entry's own party (by the key of the link mailed to them); moderators ask,
 * publish, reject and withdraw. The mails that go with each step are the use cases' (`service.*.ts`).
 */
export const initiativeWorkflow = defineWorkflow({
  id: 'initiatives.initiative',
  states: initiativeStates,
  transitions: {
    confirm: { from: ['unconfirmed'], to: 'submitted', party: true, audit: 'initiatives.proposal-confirmed' },
    ask: { from: ['submitted'], to: 'question', permission: moderate, audit: 'initiatives.question-asked', note: 'required' },
    answer: { from: ['question'], to: 'submitted', party: true, audit: 'initiatives.question-answered', note: 'required' },
    publish: { from: ['submitted'], to: 'published', permission: moderate, audit: 'initiatives.published' },
    reject: { from: ['submitted', 'question'], to: 'rejected', permission: moderate, audit: 'initiatives.rejected', note: 'required' },
    withdraw: { from: ['published'], to: 'withdrawn', permission: moderate, audit: 'initiatives.withdrawn', note: 'required' },
  },
  idOf: (item: InitiativeRow) => item.id,
  stateOf: (item) => item.status,
  load: (trx, id) => lockInitiative(initiativesDb(trx), id),
  moveTo: async (trx, item, change) => {
    const now = new Date();
    await updateInitiative(initiativesDb(trx), item.id, { status: change.to, ...changesOf(change.transition, change.note, now) }, now);
    // Going public or coming off changes what the platform-wide search finds, in the same transaction.
    if (change.from === 'published' || change.to === 'published') await reindexInitiative(trx, item.id);
  },
  subject: () => ({ subjectType: 'initiatives.initiative' }),
});

export type InitiativeTransition = keyof typeof initiativeWorkflow.definition.transitions;
/** The steps a moderator takes from the detail page, by the address segment of their form. */
export const moderatorSteps = ['ask', 'publish', 'reject', 'withdraw'] as const satisfies readonly InitiativeTransition[];
export type ModeratorStep = (typeof moderatorSteps)[number];
