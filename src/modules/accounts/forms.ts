import type { DeclaredRole } from '#kernel/auth/roles.ts';
import { defineForm, type LeafDef } from '#kernel/forms/index.ts';
import { passwordMaxLength, passwordMinLength } from './passwords.ts';
import { scopeField } from './service.staff.ts';

/*
 * The accounts' forms as data (`src/kernel/forms/README.md`): the routes read them, the views render them,
 * the services take their typed values and answer with reason codes by field.
 */

/** A password being chosen: the length rules are checked while the form is read, the rest by `passwordProblem`. */
const newPassword = (label: string, hint?: string) =>
  ({
    kind: 'password',
    label,
    hint,
    required: true,
    minLength: passwordMinLength,
    maxLength: passwordMaxLength,
    autocomplete: 'new-password',
    messages: { 'too-short': 'accounts:errors.passwordTooShort', 'too-long': 'accounts:errors.passwordTooLong' },
  }) as const;

const repeat = { kind: 'password', label: 'accounts:fields.passwordRepeat', required: true, maxLength: passwordMaxLength, autocomplete: 'new-password' } as const;
const displayName = { kind: 'text', label: 'accounts:fields.displayName', required: true, maxLength: 200, autocomplete: 'name', messages: { required: 'accounts:errors.nameRequired' } } as const;
const token = { kind: 'hidden', required: true, maxLength: 100 } as const;

export const registerForm = defineForm({
  id: 'accounts.register',
  once: true,
  fields: {
    displayName,
    email: { kind: 'email', label: 'accounts:fields.email', required: true, autocomplete: 'email' },
    password: newPassword('accounts:fields.password', 'accounts:register.passwordHint'),
    passwordRepeat: repeat,
    privacy: { kind: 'checkbox', label: 'accounts:register.privacyLabel', value: 'yes', required: true, messages: { required: 'accounts:errors.privacyRequired' } },
  },
});

export const loginForm = defineForm({
  id: 'accounts.login',
  fields: {
    email: { kind: 'email', label: 'accounts:fields.email', required: true, autocomplete: 'username' },
    password: { kind: 'password', label: 'accounts:fields.password', required: true, autocomplete: 'current-password' },
    next: { kind: 'hidden', maxLength: 500 },
  },
});

export const codeForm = defineForm({
  id: 'accounts.code',
  fields: { code: { kind: 'text', label: 'accounts:fields.code', hint: 'accounts:secondFactor.hint', required: true, maxLength: 20, autocomplete: 'one-time-code', inputmode: 'numeric' } },
});

export const tokenForm = defineForm({ id: 'accounts.token', fields: { token } });

export const emailForm = defineForm({
  id: 'accounts.email',
  fields: { email: { kind: 'email', label: 'accounts:fields.email', required: true, autocomplete: 'email' } },
});

export const newPasswordForm = defineForm({
  id: 'accounts.new-password',
  fields: { token, password: newPassword('accounts:fields.newPassword', 'accounts:register.passwordHint'), passwordRepeat: repeat },
});

const channels = (['digital', 'letter', 'both'] as const).map((value) => ({ value, label: `accounts:channels.${value}` }));

export const preferencesForm = defineForm({
  id: 'accounts.preferences',
  fields: {
    displayName,
    preferredChannel: { kind: 'choice', label: 'accounts:fields.preferredChannel', hint: 'accounts:preferences.channelHint', required: true, options: channels },
    language: {
      kind: 'choice',
      label: 'accounts:fields.language',
      required: true,
      widget: 'select',
      options: [
        { value: 'de', label: 'accounts:account.languages.de' },
        { value: 'en', label: 'accounts:account.languages.en' },
      ],
    },
    simplifiedLanguage: { kind: 'checkbox', label: 'accounts:fields.simplifiedLanguage' },
    street: { kind: 'text', label: 'accounts:fields.street', maxLength: 200, autocomplete: 'address-line1' },
    houseNumber: { kind: 'text', label: 'accounts:fields.houseNumber', maxLength: 20 },
    postalCode: { kind: 'text', label: 'accounts:fields.postalCode', maxLength: 10, autocomplete: 'postal-code' },
    city: { kind: 'text', label: 'accounts:fields.city', maxLength: 200, autocomplete: 'address-level2' },
  },
});

export const changePasswordForm = defineForm({
  id: 'accounts.change-password',
  fields: {
    currentPassword: { kind: 'password', label: 'accounts:fields.currentPassword', required: true, autocomplete: 'current-password' },
    password: newPassword('accounts:fields.newPassword', 'accounts:register.passwordHint'),
    passwordRepeat: repeat,
    endOtherSessions: { kind: 'checkbox', label: 'accounts:password.endOtherSessions', hint: 'accounts:password.endOtherSessionsHint' },
  },
});

/** Either the current password or, for an account without one, the confirmation word; the service decides which. */
export const changeEmailForm = defineForm({
  id: 'accounts.change-email',
  fields: {
    email: { kind: 'email', label: 'accounts:fields.newEmail', required: true, autocomplete: 'email' },
    password: { kind: 'password', label: 'accounts:fields.currentPassword', hint: 'accounts:emailChange.passwordHint', autocomplete: 'current-password' },
    confirm: { kind: 'text', label: 'accounts:emailChange.confirmLabel', maxLength: 40 },
  },
});

export const deleteForm = defineForm({
  id: 'accounts.delete',
  fields: {
    password: { kind: 'password', label: 'accounts:delete.passwordLabel', autocomplete: 'current-password' },
    confirm: { kind: 'text', label: 'accounts:delete.confirmLabel', maxLength: 40 },
  },
});

/** The audit log's filter, read from the query: days as people write them, a declared action, an account's address. */
export const auditFilterForm = defineForm({
  id: 'accounts.audit-filter',
  fields: {
    from: { kind: 'date', label: 'accounts:auditLog.from' },
    to: { kind: 'date', label: 'accounts:auditLog.to' },
    action: { kind: 'text', label: 'accounts:auditLog.action', hint: 'accounts:auditLog.actionHint', maxLength: 80 },
    person: { kind: 'text', label: 'accounts:auditLog.person', hint: 'accounts:auditLog.personHint', maxLength: 254 },
    page: { kind: 'integer', label: 'accounts:auditLog.page', min: 1, max: 10_000 },
  },
});

/**
 * The staff forms: the roles to grant, and for each role bound to a scope a select `scope-<role>`, built
 * from the roles the installed modules declare; creating an account asks for name and address as well.
 * Which roles and scopes exist is the service's to check, with its own reason codes.
 */
export function staffForms(roles: readonly DeclaredRole[]) {
  const roleFields: Record<string, LeafDef> = { roles: { kind: 'choices', label: 'accounts:fields.roles', maxItems: 30 } };
  for (const role of roles) if (role.scope) roleFields[scopeField(role.id)] = { kind: 'choice', label: 'accounts:fields.scope' };
  return {
    create: defineForm({ id: 'accounts.staff-create', fields: { displayName, email: { kind: 'email', label: 'accounts:fields.email', required: true }, ...roleFields } }),
    roles: defineForm({ id: 'accounts.staff-roles', fields: roleFields }),
  };
}
