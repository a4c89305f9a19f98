import type { PermissionMap } from '#kernel/auth/permissions.ts';
import type { RoleDefinition } from '#kernel/auth/roles.ts';

/** Who may do what with application forms and cases. */
export const applicationsPermissions = {
  designForms: 'applications.design-forms',
  handleCases: 'applications.handle-cases',
} as const;

export const formDesigner = 'form-designer';
export const caseworker = 'caseworker';

export const applicationsRoles: readonly RoleDefinition[] = [
  { id: formDesigner, label: 'applications:roles.formDesigner.label', description: 'applications:roles.formDesigner.description' },
  // A caseworker works for one office and sees only its cases.
  { id: caseworker, label: 'applications:roles.caseworker.label', description: 'applications:roles.caseworker.description', scope: 'office' },
];

export const permissionMap: PermissionMap = {
  [applicationsPermissions.designForms]: [formDesigner],
  [applicationsPermissions.handleCases]: [caseworker],
};
