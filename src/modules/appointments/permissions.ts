import type { PermissionMap } from '#kernel/auth/permissions.ts';
import type { RoleDefinition } from '#kernel/auth/roles.ts';

/** Who may do what with a place's calendar and its bookings. */
export const appointmentsPermissions = {
  /** The day's bookings and waiting numbers at the counters, booking for a caller, blocking times, the figures. */
  serveCounters: 'appointments.serve-counters',
} as const;

export const counterClerk = 'counter-clerk';

export const appointmentsRoles: readonly RoleDefinition[] = [
  // Bound to an office: the clerk sees the places of that office only (a video or phone place has none and
  // is for clerks bound to no office).
  { id: counterClerk, label: 'appointments:roles.counterClerk.label', description: 'appointments:roles.counterClerk.description', scope: 'office' },
];

export const permissionMap: PermissionMap = {
  [appointmentsPermissions.serveCounters]: [counterClerk],
};
