import { defineWorkflow } from '#kernel/workflow/index.ts';
import { applicationsPermissions } from './permissions.ts';
import { lockCase, setCaseStatus } from './repo.cases.ts';
import { applicationsDb } from './repo.forms.ts';
import type { CaseRow } from './tables.ts';

export const caseStates = ['received', 'in-progress', 'information-requested', 'rejection-proposed', 'approved', 'rejected', 'closed', 'withdrawn'] as const;
export type CaseState = (typeof caseStates)[number];

const { handleCases } = applicationsPermissions;

/** The steps the applicant takes on their own case; the back office never offers them. */
export const applicantTransitions = ['answer', 'withdraw'] as const;
export type ApplicantTransition = (typeof applicantTransitions)[number];

/** Whether a step is the back office's, for narrowing the workflow's list to the steps staff take. */
export const byStaff = <T extends string>(name: T): name is Exclude<T, ApplicantTransition> => !(applicantTransitions as readonly string[]).includes(name);

/** Until a decision the applicant may take their application back; a proposed rejection is still undecided. */
export const withdrawable = ['received', 'in-progress', 'information-requested', 'rejection-proposed'] as const satisfies readonly CaseState[];

/**
 * A case from arrival to its end: received → in progress → (information requested → in progress) →
 * approved, or rejected after a second caseworker confirmed the proposal (four eyes) → closed. The office
 * of the case is the scope: a caseworker's role counts in their own office only. The applicant, who holds
 * no role, takes two steps as the case's party (`service.reply.ts`, `service.withdraw.ts`): answering a
 * request for information, which puts the case back in progress, and withdrawing it before a decision.
 */
export const caseWorkflow = defineWorkflow({
  id: 'applications.case',
  states: caseStates,
  transitions: {
    accept: { from: ['received'], to: 'in-progress', permission: handleCases, audit: 'applications.case-accepted' },
    requestInformation: { from: ['received', 'in-progress'], to: 'information-requested', permission: handleCases, audit: 'applications.information-requested', note: 'required' },
    resume: { from: ['information-requested'], to: 'in-progress', permission: handleCases, audit: 'applications.case-resumed' },
    approve: { from: ['in-progress'], to: 'approved', permission: handleCases, audit: 'applications.case-approved' },
    proposeRejection: { from: ['in-progress'], to: 'rejection-proposed', permission: handleCases, audit: 'applications.rejection-proposed', note: 'required' },
    confirmRejection: { from: ['rejection-proposed'], to: 'rejected', permission: handleCases, audit: 'applications.case-rejected', note: 'required' },
    returnRejection: { from: ['rejection-proposed'], to: 'in-progress', permission: handleCases, audit: 'applications.rejection-returned', note: 'required' },
    close: { from: ['approved', 'rejected'], to: 'closed', permission: handleCases, audit: 'applications.case-closed' },
    answer: { from: ['information-requested'], to: 'in-progress', party: true, audit: 'applications.information-answered' },
    withdraw: { from: withdrawable, to: 'withdrawn', party: true, audit: 'applications.case-withdrawn' },
  },
  idOf: (made: CaseRow) => made.id,
  stateOf: (made) => made.status as CaseState,
  load: (trx, id) => lockCase(applicationsDb(trx), id),
  moveTo: (trx, made, change) => setCaseStatus(applicationsDb(trx), made.id, change.to),
  scope: (made) => ({ kind: 'office', id: made.office_id }),
  subject: (made) => ({ subjectType: 'applications.case', dataSubjectId: made.user_id }),
  // The applicant reads the audit records about them: a proposal to reject, or a decision that must reach
  // them only by letter, is not theirs to read there. The history keeps every note for the office.
  auditNotes: false,
});
