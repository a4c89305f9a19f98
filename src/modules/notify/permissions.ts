import type { PermissionMap } from '#kernel/auth/permissions.ts';

/** Who may do what in notify. Machine clients get `notify.send` as a scope; no staff role holds it. */
export const notifyPermissions = {
  send: 'notify.send',
  viewMessages: 'notify.view-messages',
  editTemplates: 'notify.edit-templates',
  print: 'notify.print',
} as const;

export const permissionMap: PermissionMap = {
  [notifyPermissions.send]: [],
  // The citizens' office answers "did my letter go out?" and the administration watches failures.
  [notifyPermissions.viewMessages]: ['administrator', 'appointments-desk'],
  [notifyPermissions.editTemplates]: ['editor'],
  // The citizens' office runs the print room: it downloads the daily batch and records what went out or came back.
  [notifyPermissions.print]: ['administrator', 'appointments-desk'],
};
