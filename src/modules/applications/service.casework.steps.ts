import { actorId, type Actor } from '#kernel/auth/actor.ts';
import { addDays, todayInBerlin } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import { formatDay } from '#kernel/dates.ts';
import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import { publishedService } from '#modules/catalog/index.ts';
import type { FormDefinition } from './definition/schema.ts';
import { applicationsPermissions } from './permissions.ts';
import { prescribedDelivery } from './procedures.ts';
import { caseWithForm, insertMessage } from './repo.casework.ts';
import { applicationsDb } from './repo.forms.ts';
import { insertInformationRequest } from './repo.follow.ts';
import { mayHandle } from './service.casework.ts';
import { letterPossible, reachOf, serviceTitle, tellApplicant, type CaseMessage, type Told } from './service.casework.notify.ts';
import type { CaseRow } from './tables.ts';
import { caseWorkflow, type ApplicantTransition, type CaseState } from './workflow.case.ts';

/** The steps of the back office; the applicant's own (`answer`, `withdraw`) are taken through their pages. */
export type CaseTransition = Exclude<keyof typeof caseWorkflow.definition.transitions, ApplicantTransition>;

export interface StepInput {
  /** The reason, the request or the decision, as the step asks for it. */
  note?: string | null;
  /** `requestInformation`: the day the applicant is asked to answer by, `YYYY-MM-DD`. */
  replyBy?: string | null;
  /** `approve`, `confirmRejection`: the position of the catalogue's fee, or `none`. */
  fee?: string | null;
}

/** A problem with what the caseworker entered, by the field it belongs to. */
export type StepProblem =
  | { field: 'note'; reason: 'required' }
  | { field: 'replyBy'; reason: 'required' }
  | { field: 'replyBy'; reason: 'too-early'; earliest: string }
  | { field: 'fee'; reason: 'unknown' };

export type StepRefusal = { ok: false; reason: 'not-found' | 'invalid-transition' | 'same-person' } | { ok: false; reason: 'invalid-input'; problems: StepProblem[] };

/** `told`: how the applicant heard of the step; `decisionByLetter` false when a decision found no address. */
export type StepResult = { ok: true; to: CaseState; told: Told | null; decisionByLetter?: boolean } | StepRefusal;

const decisions = new Set<CaseTransition>(['approve', 'confirmRejection']);

// The applicant sees a proposed rejection as "in progress", so the four-eyes steps change nothing they see
// and tell them nothing; every step that does change what they see is told.
const shownAs = (state: CaseState) => (state === 'rejection-proposed' ? 'in-progress' : state);

/** The fee of the decision: the catalogue's fee at the chosen position, none when the service has none. */
function chosenFee(fees: readonly { amountCents: number }[], choice: string | null | undefined): number | null {
  if (!choice || choice === 'none') return 0;
  const fee = /^\d{1,3}$/.test(choice) ? fees[Number(choice)] : undefined;
  return fee ? fee.amountCents : null;
}

/** A step's note where its workflow asks for one; a decision's text, which becomes the letter, always. */
const needsNote = (transition: CaseTransition) => caseWorkflow.definition.transitions[transition].note === 'required' || decisions.has(transition);

/** Every problem with the input at once, checked before anything is read or written. */
function checkInput(transition: CaseTransition, input: StepInput, now: Date): StepProblem[] {
  const problems: StepProblem[] = [];
  if (needsNote(transition) && !input.note?.trim()) problems.push({ field: 'note', reason: 'required' });
  if (transition !== 'requestInformation') return problems;
  const earliest = addDays(todayInBerlin(now), 1);
  if (!input.replyBy) problems.push({ field: 'replyBy', reason: 'required' });
  else if (input.replyBy < earliest) problems.push({ field: 'replyBy', reason: 'too-early', earliest });
  return problems;
}

/**
 * Takes one step of a case's workflow for a caseworker of its office, and tells the applicant in the same
 * transaction: a request for information with the day to answer by, a decision by letter with its fee, any
 * other change they can see as a new status. A rejection is confirmed only by someone other than the
 * person who proposed it (four eyes, read from the workflow's history under the case's lock).
 */
export async function takeStep(ctx: KernelContext, actor: Actor, caseId: string, transition: CaseTransition, input: StepInput, now = new Date()): Promise<StepResult> {
  ctx.permissions.require(actor, applicationsPermissions.handleCases, 'anywhere');
  const found = await caseWithForm(applicationsDb(ctx.db), caseId);
  if (!found || !mayHandle(ctx, actor, found.office_id)) return { ok: false, reason: 'not-found' };
  const problems = checkInput(transition, input, now);
  const service = decisions.has(transition) && found.service_slug ? await publishedService(ctx, found.service_slug) : null;
  const fee = decisions.has(transition) ? chosenFee(service?.content.fees ?? [], input.fee) : 0;
  if (fee === null) problems.push({ field: 'fee', reason: 'unknown' });
  if (problems.length > 0 || fee === null) return { ok: false, reason: 'invalid-input', problems };

  const outcome: { told: Told | null; decisionByLetter?: boolean } = { told: null };
  const result = await caseWorkflow.transition<{ ok: false; reason: 'same-person' }>(
    ctx,
    actor,
    { id: caseId, transition, note: input.note ?? null },
    {
      check: async (trx, made) => {
        if (transition !== 'confirmRejection') return undefined;
        const proposal = (await caseWorkflow.history(trx, made.id)).find((step) => step.transition === 'proposeRejection');
        return proposal && proposal.actor_id === actorId(actor) ? ({ ok: false, reason: 'same-person' } as const) : undefined;
      },
      apply: async (trx, made, change) => {
        if (shownAs(change.from) === shownAs(change.to)) return {};
        const step = (await caseWorkflow.history(trx, made.id)).length + 1;
        const cause = `applications:${transition}:${made.id}:${step}`;
        Object.assign(outcome, await tell(ctx, trx, { made, definition: found.definition, transition, to: change.to, note: change.note ?? '', replyBy: input.replyBy ?? null, fee, cause, actor }));
        const told = outcome.told!;
        return { told: told.told ? told.channels : told.reason, ...(transition === 'requestInformation' ? { replyBy: input.replyBy } : {}), ...(decisions.has(transition) ? { fee } : {}) };
      },
    },
  );
  if (result.ok) return { ok: true, to: result.change.to, ...outcome };
  // The workflow's own check of the note, for a note of blanks only.
  if (result.reason === 'note-required') return { ok: false, reason: 'invalid-input', problems: [{ field: 'note', reason: 'required' }] };
  return result;
}

interface Telling {
  made: CaseRow;
  definition: FormDefinition;
  transition: CaseTransition;
  to: CaseState;
  note: string;
  replyBy: string | null;
  fee: number;
  cause: string;
  actor: Actor;
}

/**
 * The message of a step. What the applicant is asked for and what was decided are also written on the
 * case's timeline, where an account holder reads them in "Meine Anträge".
 */
async function tell(ctx: KernelContext, trx: Executor<KernelTables>, step: Telling): Promise<{ told: Told; decisionByLetter?: boolean }> {
  const { made, definition } = step;
  const db = applicationsDb(trx);
  const reach = await reachOf(trx, made);
  const named = { caseReference: made.reference };
  const author = { authorId: actorId(step.actor), authorName: step.actor.kind === 'staff' ? step.actor.displayName : null };
  const statusChanged: CaseMessage = {
    purpose: 'case-status-changed',
    cause: step.cause,
    values: (language) => ({ ...named, service: serviceTitle(definition, language), status: ctx.i18n.getFixedT(language)(`applications:status.${step.to}`) }),
  };
  if (step.transition === 'requestInformation' && step.replyBy) {
    const replyBy = step.replyBy;
    const line = ctx.i18n.getFixedT(made.applicant.language)('applications:casework.replyByLine', { day: formatDay(replyBy) });
    await insertMessage(db, { caseId: made.id, kind: 'to-applicant', body: `${step.note}\n\n${line}`, ...author });
    // Kept apart with its day, for the reminder before it and the overdue mark after it (`service.reminder.ts`).
    await insertInformationRequest(db, made.id, replyBy);
    return {
      told: await tellApplicant(ctx, trx, made, reach, {
        purpose: 'case-information-requested',
        cause: step.cause,
        values: (language) => ({ ...named, service: serviceTitle(definition, language), request: step.note, replyBy }),
      }),
    };
  }
  // Status changes go the applicant's own way even where the procedure prescribes a letter for the result:
  // they carry the form's title and a status, none of the registered data the prescription protects, and
  // the account that applied already sees the case in "Meine Anträge"; paper for "in progress" would only
  // cost postage and arrive after the fact.
  if (!decisions.has(step.transition)) return { told: await tellApplicant(ctx, trx, made, reach, statusChanged) };
  const prescribed = prescribedDelivery(definition, made.applicant);
  const byLetter = letterPossible(reach, prescribed);
  // A prescribed decision reaches the registered address alone: the timeline the account reads says only
  // where it went, and the text stays with the office as an internal note.
  await insertMessage(db, { caseId: made.id, kind: prescribed ? 'note' : 'to-applicant', body: step.note, ...author });
  if (prescribed && byLetter) {
    const line = ctx.i18n.getFixedT(made.applicant.language)('applications:casework.decisionByLetterOnly');
    await insertMessage(db, { caseId: made.id, kind: 'to-applicant', body: line, ...author });
  }
  // A formal decision goes by letter (notify requires it) and, as a document, to an account's inbox as the
  // letter's PDF, its e-mail saying only that it is there. Without an address the step stands, the
  // applicant hears of the new status, and the case page asks staff to hand the decision over another way.
  if (!byLetter) return { told: await tellApplicant(ctx, trx, made, reach, statusChanged), decisionByLetter: false };
  const decision: CaseMessage = {
    purpose: 'decision-notice',
    cause: step.cause,
    values: (language) => ({ ...named, service: serviceTitle(definition, language), decision: step.note, fee: step.fee }),
    document: true,
    prescribed,
  };
  return { told: await tellApplicant(ctx, trx, made, reach, decision), decisionByLetter: true };
}
