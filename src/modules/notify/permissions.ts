import type { PermissionMap } from '#kernel/auth/permissions.ts';
import type { RoleDefinition } from '#kernel/auth/roles.ts';

/** Who may do what in notify. Machine clients get `notify.send` as a scope; no staff role holds it. */
export const notifyPermissions = {
  send: 'notify.send',
  viewMessages: 'notify.view-messages',
  editTemplates: 'notify.edit-templates',
  print: 'notify.print',
} as const;

/** The print room: prints the daily letters, posts them, and records what came back. */
export const printRoom = 'print-room';

export const notifyRoles: readonly RoleDefinition[] = [{ id: printRoom, label: 'notify:roles.printRoom.label', description: 'notify:roles.printRoom.description' }];

export const permissionMap: PermissionMap = {
  [notifyPermissions.send]: [],
  // The print room answers "did my letter go out?", and the administration watches failures.
  [notifyPermissions.viewMessages]: ['administrator', printRoom],
  [notifyPermissions.editTemplates]: ['editor'],
  // The print room downloads the daily batch and records what went out or came back.
  [notifyPermissions.print]: ['administrator', printRoom],
};
