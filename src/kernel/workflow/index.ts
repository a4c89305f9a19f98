export { emit, type Change, type Emission, type TransitionDefinition, type WorkflowDefinition } from './define.ts';
export { defineWorkflow, Workflow, type TransitionInput, type TransitionRefusal, type TransitionResult, type TransitionSteps } from './workflow.ts';
export { deleteHistoryOf, movesOf, type HistoryRow } from './repo.ts';
