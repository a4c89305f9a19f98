import Type from 'typebox';
import { formatDay } from '#kernel/dates.ts';
import { defineForm, type FormDef, type FormErrors, type LeafDef } from '#kernel/forms/index.ts';
import type { CaseTransition, StepProblem } from './service.casework.steps.ts';
import { longestText } from './service.casework.notes.ts';
import { caseChannels } from './tables.ts';
import { caseStates, caseWorkflow } from './workflow.case.ts';

/*
 * The back office's forms as data (`src/kernel/forms/README.md`): the list's filter read from the query, one
 * form per step of a case, and the note, message and assignment forms of the case page. The inputs of all
 * forms on the case page have names of their own, so that each error links to its field.
 */

const any = { value: '', label: 'applications:casework.filter.any' } as const;

/** The list's filter. The forms to choose from are the offices' own, so the service checks that one. */
export const caseFilterForm = defineForm({
  id: 'applications.case-filter',
  fields: {
    status: {
      kind: 'choice',
      label: 'applications:casework.filter.status',
      widget: 'select',
      options: [{ value: '', label: 'applications:casework.filter.open' }, ...caseStates.map((state) => ({ value: state, label: `applications:casework.status.${state}` }))],
    },
    form: { kind: 'choice', label: 'applications:casework.filter.form', widget: 'select', maxLength: 80 },
    channel: { kind: 'choice', label: 'applications:casework.filter.channel', widget: 'select', options: [any, ...caseChannels.map((channel) => ({ value: channel, label: `applications:channels.${channel}` }))] },
    assigned: {
      kind: 'choice',
      label: 'applications:casework.filter.assigned',
      widget: 'select',
      options: [any, { value: 'me', label: 'applications:casework.filter.me' }, { value: 'nobody', label: 'applications:casework.filter.nobody' }],
    },
    olderThan: { kind: 'integer', label: 'applications:casework.filter.olderThan', hint: 'applications:casework.filter.olderThanHint', min: 1, max: 3650 },
    page: { kind: 'integer', label: 'applications:casework.filter.page', min: 1, max: 100_000 },
  },
});

/** The German address of each step, as the case page posts it: `/verwaltung/antraege/<id>/schritte/<slug>`. */
export const stepSlugs: Record<CaseTransition, string> = {
  accept: 'annehmen',
  requestInformation: 'nachfordern',
  resume: 'fortsetzen',
  approve: 'bewilligen',
  proposeRejection: 'ablehnung-vorschlagen',
  confirmRejection: 'ablehnung-bestaetigen',
  returnRejection: 'ablehnung-zurueckgeben',
  close: 'abschliessen',
};

export const transitionOfSlug = (slug: string): CaseTransition | undefined => (Object.keys(stepSlugs) as CaseTransition[]).find((transition) => stepSlugs[transition] === slug);

const decisions = new Set<CaseTransition>(['approve', 'confirmRejection']);

/** Names of a step's inputs: each step's own, since several steps' forms share one page. */
export const stepInputs = (transition: CaseTransition) => ({ note: `${transition}Note`, replyBy: `${transition}ReplyBy`, fee: `${transition}Fee` });

/**
 * A step's form: a text where the workflow asks for a reason or the step writes to the applicant, a day to
 * answer by for a request, the fee for a decision. Whether a text must be given is the service's rule.
 */
function stepForm(transition: CaseTransition): FormDef {
  const names = stepInputs(transition);
  const fields: Record<string, LeafDef> = {};
  const writes = caseWorkflow.definition.transitions[transition].note === 'required' || decisions.has(transition);
  if (writes) fields[names.note] = { kind: 'textarea', label: `applications:casework.steps.${transition}.note`, hint: `applications:casework.steps.${transition}.noteHint`, maxLength: longestText };
  if (transition === 'requestInformation') fields[names.replyBy] = { kind: 'date', label: 'applications:casework.steps.requestInformation.replyBy' };
  if (decisions.has(transition)) fields[names.fee] = { kind: 'choice', label: 'applications:casework.fee', widget: 'select', maxLength: 10 };
  return defineForm({ id: `applications.step-${transition}`, fields });
}

export const stepForms = Object.fromEntries((Object.keys(stepSlugs) as CaseTransition[]).map((transition) => [transition, stepForm(transition)])) as Record<CaseTransition, FormDef>;

/** The service's problems with a step's input, as the forms library's reason codes by input name. */
export function stepErrors(transition: CaseTransition, problems: readonly StepProblem[]): FormErrors {
  const names = stepInputs(transition);
  const errors: FormErrors = {};
  for (const problem of problems) {
    if (problem.field === 'note') errors[names.note] = { code: `applications:casework.steps.${transition}.noteRequired` };
    else if (problem.field === 'fee') errors[names.fee] = { code: 'applications:casework.errors.unknownFee' };
    else if (problem.reason === 'required') errors[names.replyBy] = { code: 'applications:casework.errors.replyByRequired' };
    else errors[names.replyBy] = { code: 'applications:casework.errors.replyByTooEarly', values: { earliest: formatDay(problem.earliest) } };
  }
  return errors;
}

export const noteForm = defineForm({
  id: 'applications.case-note',
  fields: { note: { kind: 'textarea', label: 'applications:casework.note.label', hint: 'applications:casework.note.hint', maxLength: longestText } },
});

export const messageForm = defineForm({
  id: 'applications.case-message',
  fields: { message: { kind: 'textarea', label: 'applications:casework.message.label', hint: 'applications:casework.message.hint', maxLength: longestText } },
});

/** `me`, `nobody`, or a colleague's account id, which the service checks against the office's caseworkers. */
export const assignForm = defineForm({
  id: 'applications.case-assign',
  fields: { assignee: { kind: 'choice', label: 'applications:casework.assign.label', widget: 'select', required: true, maxLength: 40 } },
});

const Uuid = Type.String({ format: 'uuid' });
export const CaseFileParams = Type.Object({ caseId: Uuid, fileId: Type.String({ pattern: '^[0-9a-f]{64}$' }) });
export const StepParams = Type.Object({ caseId: Uuid, step: Type.String({ pattern: '^[a-z-]{1,40}$' }) });
export const NoticeQuery = Type.Object({ notice: Type.Optional(Type.String({ maxLength: 40 })), lang: Type.Optional(Type.String({ maxLength: 5 })) });
