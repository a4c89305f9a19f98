import type { PermissionMap } from '#kernel/auth/permissions.ts';
import type { RoleDefinition } from '#kernel/auth/roles.ts';

/** Who may do what with courses, consultation hours and staff training. */
export const learningPermissions = {
  /** The course catalogue: courses, sessions, calling a session off; every session's registrations and lists. */
  manageCourses: 'learning.manage-courses',
  /** Registering someone for a course who calls or comes by, and seeing the calls to make for those moved up. */
  registerForOthers: 'learning.register-for-others',
  /** The attendance list of a session: a trainer sees and marks those of their own sessions only. */
  takeAttendance: 'learning.take-attendance',
  /** Staff training: the required trainings per role, everyone's records and who is due. */
  manageTraining: 'learning.manage-training',
} as const;

export const trainer = 'trainer';
export const trainingCoordinator = 'training-coordinator';
export const digitalPilot = 'digital-pilot';

export const learningRoles: readonly RoleDefinition[] = [
  { id: trainer, label: 'learning:roles.trainer.label', description: 'learning:roles.trainer.description' },
  { id: trainingCoordinator, label: 'learning:roles.coordinator.label', description: 'learning:roles.coordinator.description' },
  { id: digitalPilot, label: 'learning:roles.pilot.label', description: 'learning:roles.pilot.description' },
];

export const permissionMap: PermissionMap = {
  [learningPermissions.manageCourses]: [trainingCoordinator],
  [learningPermissions.registerForOthers]: [trainingCoordinator, digitalPilot],
  [learningPermissions.takeAttendance]: [trainer, trainingCoordinator],
  [learningPermissions.manageTraining]: [trainingCoordinator],
};
