/*
 * What the rest of the learning module may use of staff training: the courses record a completion when a
 * trainer marks a staff member as attended, the open data declares the figures, a staff course names the training it fulfils, the manifest seeds the demo.
 */
export { recordCourseCompletion, withdrawCourseCompletion, type CourseCompletion, type CourseCompletionResult } from './service.record.ts';
export { trainingFigures, type RequirementFigures } from './service.ts';
export { requirementsInForce } from './service.requirements.ts';
export { seedTraining } from './seed.ts';
export { trainingAuditSubjects } from './audit.ts';
