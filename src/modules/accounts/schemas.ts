import Type, { type Static } from 'typebox';

const csrf = { _csrf: Type.Optional(Type.String()) };
const text = (title: string, maxLength = 200) => Type.String({ maxLength, title });
const optionalText = (title: string, maxLength = 200) => Type.Optional(text(title, maxLength));

export const LoginBody = Type.Object({
  ...csrf,
  email: text('accounts:fields.email', 254),
  password: text('accounts:fields.password', 1024),
  next: Type.Optional(Type.String({ maxLength: 500 })),
});
export type LoginBody = Static<typeof LoginBody>;

export const RegisterBody = Type.Object({
  ...csrf,
  displayName: text('accounts:fields.displayName'),
  email: text('accounts:fields.email', 254),
  password: text('accounts:fields.password', 1024),
  passwordRepeat: text('accounts:fields.passwordRepeat', 1024),
  privacy: Type.Optional(Type.String({ maxLength: 10, title: 'accounts:fields.privacy' })),
});
export type RegisterBody = Static<typeof RegisterBody>;

export const CodeBody = Type.Object({ ...csrf, code: text('accounts:fields.code', 20) });
export type CodeBody = Static<typeof CodeBody>;

export const EmailBody = Type.Object({ ...csrf, email: text('accounts:fields.email', 254) });
export type EmailBody = Static<typeof EmailBody>;

export const TokenQuery = Type.Object({
  token: Type.Optional(Type.String({ maxLength: 100 })),
  lang: Type.Optional(Type.String()),
});
export type TokenQuery = Static<typeof TokenQuery>;

export const TokenBody = Type.Object({ ...csrf, token: Type.String({ maxLength: 100 }) });
export type TokenBody = Static<typeof TokenBody>;

export const NewPasswordBody = Type.Object({
  ...csrf,
  token: Type.String({ maxLength: 100 }),
  password: text('accounts:fields.newPassword', 1024),
  passwordRepeat: text('accounts:fields.passwordRepeat', 1024),
});
export type NewPasswordBody = Static<typeof NewPasswordBody>;

export const NextQuery = Type.Object({
  next: Type.Optional(Type.String({ maxLength: 500 })),
  notice: Type.Optional(Type.String({ maxLength: 40 })),
  lang: Type.Optional(Type.String()),
});
export type NextQuery = Static<typeof NextQuery>;

export const PreferencesBody = Type.Object({
  ...csrf,
  displayName: text('accounts:fields.displayName'),
  preferredChannel: Type.Union([Type.Literal('digital'), Type.Literal('letter'), Type.Literal('both')], { title: 'accounts:fields.preferredChannel' }),
  language: Type.Union([Type.Literal('de'), Type.Literal('en')], { title: 'accounts:fields.language' }),
  simplifiedLanguage: Type.Optional(Type.String({ maxLength: 5 })),
  street: optionalText('accounts:fields.street'),
  houseNumber: optionalText('accounts:fields.houseNumber', 20),
  postalCode: optionalText('accounts:fields.postalCode', 10),
  city: optionalText('accounts:fields.city'),
});
export type PreferencesBody = Static<typeof PreferencesBody>;

export const ChangePasswordBody = Type.Object({
  ...csrf,
  currentPassword: text('accounts:fields.currentPassword', 1024),
  password: text('accounts:fields.newPassword', 1024),
  passwordRepeat: text('accounts:fields.passwordRepeat', 1024),
  endOtherSessions: Type.Optional(Type.String({ maxLength: 5 })),
});
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const ChangeEmailBody = Type.Object({
  ...csrf,
  email: text('accounts:fields.newEmail', 254),
  password: optionalText('accounts:fields.currentPassword', 1024),
  confirm: optionalText('accounts:fields.confirm', 40),
});
export type ChangeEmailBody = Static<typeof ChangeEmailBody>;

export const DeleteBody = Type.Object({
  ...csrf,
  password: optionalText('accounts:fields.password', 1024),
  confirm: optionalText('accounts:fields.confirm', 40),
});
export type DeleteBody = Static<typeof DeleteBody>;

const roleFields = {
  roles: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 30, title: 'accounts:fields.roles' })),
};
/** A role bound to a scope comes with a select `scope-<role>`; the roles are the modules', so the names are a pattern. */
const scopeFields = { patternProperties: { '^scope-[a-z0-9-]{1,40}$': Type.String({ maxLength: 100, title: 'accounts:fields.scope' }) } };

export const StaffBody = Type.Object(
  {
    ...csrf,
    displayName: text('accounts:fields.displayName'),
    email: text('accounts:fields.email', 254),
    ...roleFields,
  },
  scopeFields,
);
export type StaffBody = Static<typeof StaffBody>;

export const RolesBody = Type.Object({ ...csrf, ...roleFields }, scopeFields);
export type RolesBody = Static<typeof RolesBody>;

export const UserParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export type UserParams = Static<typeof UserParams>;

/** The audit log's filter: from/to as typed (read by `parseDay`), a declared action or module, person's e-mail. */
export const AuditQuery = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 20, title: 'accounts:auditLog.from' })),
  to: Type.Optional(Type.String({ maxLength: 20, title: 'accounts:auditLog.to' })),
  action: Type.Optional(Type.String({ maxLength: 80, title: 'accounts:auditLog.action' })),
  person: Type.Optional(Type.String({ maxLength: 254, title: 'accounts:auditLog.person' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, title: 'accounts:auditLog.page' })),
  lang: Type.Optional(Type.String()),
});
export type AuditQuery = Static<typeof AuditQuery>;
