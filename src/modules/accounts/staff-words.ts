import type { TFunction } from 'i18next';
import type { Permissions } from '#kernel/auth/permissions.ts';
import type { FieldErrors } from '#kernel/html/page.ts';
import type { StaffProblem, StaffProblems } from './service.staff.ts';

/** A role's name in words, or its id for a role no installed module declares any more. */
export function roleLabel(t: TFunction, permissions: Permissions, role: string): string {
  const declared = permissions.role(role);
  return declared ? t(declared.label) : role;
}

function message(t: TFunction, permissions: Permissions, problem: StaffProblem): string {
  switch (problem.reason) {
    case 'email-invalid':
      return t('kernel:validation.email', { field: t('accounts:fields.email') });
    case 'email-taken':
      return t('accounts:errors.emailTaken');
    case 'name-required':
      return t('accounts:errors.nameRequired');
    case 'roles-required':
      return t('accounts:errors.rolesRequired');
    case 'scope-required':
    case 'scope-unknown': {
      const scope = permissions.role(problem.role)?.scope;
      const kind = scope ? permissions.scopeKind(scope) : undefined;
      const values = { role: roleLabel(t, permissions, problem.role), scope: kind ? t(kind.label) : '' };
      return t(problem.reason === 'scope-required' ? 'accounts:errors.scopeRequired' : 'accounts:errors.scopeUnknown', values);
    }
  }
}

/** The staff form's problems in the reader's language, by field. */
export function staffProblemMessages(t: TFunction, permissions: Permissions, problems: StaffProblems): FieldErrors {
  return Object.fromEntries(Object.entries(problems).map(([field, problem]) => [field, message(t, permissions, problem)]));
}
