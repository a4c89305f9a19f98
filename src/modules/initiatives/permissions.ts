import type { PermissionMap } from '#kernel/auth/permissions.ts';
import type { RoleDefinition } from '#kernel/auth/roles.ts';

/** Who may do what in the hub. */
export const initiativesPermissions = {
  /** The moderation queue: publish, ask back, reject, review maintainers' edits and new maintainers, feeds held back. */
  moderate: 'initiatives.moderate',
  /** The requests for an office's resources: read and answer them. */
  handleRequests: 'initiatives.handle-requests',
} as const;

export const moderator = 'initiative-moderator';
export const resourceKeeper = 'resource-keeper';

export const initiativesRoles: readonly RoleDefinition[] = [
  { id: moderator, label: 'initiatives:roles.moderator.label', description: 'initiatives:roles.moderator.description' },
  // Bound to an office: the keeper sees the requests for that office's resources only.
  { id: resourceKeeper, label: 'initiatives:roles.resourceKeeper.label', description: 'initiatives:roles.resourceKeeper.description', scope: 'office' },
];

export const permissionMap: PermissionMap = {
  [initiativesPermissions.moderate]: [moderator],
  [initiativesPermissions.handleRequests]: [resourceKeeper],
};
