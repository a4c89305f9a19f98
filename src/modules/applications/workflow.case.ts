import { defineWorkflow } from '#kernel/workflow/index.ts';
import { applicationsPermissions } from './permissions.ts';
import { lockCase, setCaseStatus } from './repo.cases.ts';
import { applicationsDb } from './repo.forms.ts';
import type { CaseRow } from './tables.ts';

export const caseStates = ['received', 'in-progress', 'information-requested', 'rejection-proposed', 'approved', 'rejected', 'closed', 'withdrawn'] as const;
export type CaseState = (typeof caseStates)[number];

const { handleCases } = applicationsPermissions;

/**
 * A case from arrival to its end: received → in progress → (information requested → in progress) →
 * approved, or rejected after a second caseworker confirmed the proposal (four eyes) → closed. The office
 * of the case is the scope: a caseworker's role counts in their own office only.
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
  },
  idOf: (made: CaseRow) => made.id,
  stateOf: (made) => made.status as CaseState,
  load: (trx, id) => lockCase(applicationsDb(trx), id),
  moveTo: (trx, made, change) => setCaseStatus(applicationsDb(trx), made.id, change.to),
  scope: (made) => ({ kind: 'office', id: made.office_id }),
  subject: (made) => ({ subjectType: 'applications.case', dataSubjectId: made.user_id }),
});
