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
  // Bound to the office that runs the consultation desks the pilot serves (Team Digitalisierung): there they
  // hold the counter clerks' permission; registering people for courses belongs to no office, so any grant counts.
  { id: digitalPilot, label: 'learning:roles.pilot.label', description: 'learning:roles.pilot.description', scope: 'office' },
];

export const permissionMap: PermissionMap = {
  [learningPermissions.manageCourses]: [trainingCoordinator],
  [learningPermissions.registerForOthers]: [trainingCoordinator, digitalPilot],
  [learningPermissions.takeAttendance]: [trainer, trainingCoordinator],
  [learningPermissions.manageTraining]: [trainingCoordinator],
};

/**
 * What pilots do in other modules: they serve the consultation desks, a place of the appointments module, as
 * its counter clerks do, in the office their grant names (the places of other offices stay shut to them).
 */
export const alsoGrants: PermissionMap = {
  'appointments.serve-counters': [digitalPilot],
};
