import type { RoleGrant } from '#kernel/auth/actor.ts';
import type { FieldErrors, PageContext } from '#kernel/html/page.ts';
import type { StaffLink } from '#kernel/module.ts';
import { ErrorSummary, Heading, PostForm, Select, SubmitButton, TextField } from '#kernel/html/components.tsx';
import { formatDateTime } from '#kernel/html/format.ts';
import { scopeField, type RoleChoice } from '../service.staff.ts';
import type { User } from '../tables.ts';
import { Notice } from './auth.tsx';

/** A grant in words: the role's name, and where it holds for a role bound to a scope. */
export interface GrantWords {
  key: string;
  text: string;
}

export function StaffDashboard({ page, grants, links }: { page: PageContext; grants: readonly GrantWords[]; links: readonly StaffLink[] }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('accounts:staff.dashboardIntro')}>{t('accounts:staff.dashboardTitle')}</Heading>
      <h2 class="kern-heading-small">{t('accounts:staff.yourRoles')}</h2>
      <ul class="kern-list kern-list--bullet">
        {grants.map((grant) => (
          <li key={grant.key}>{grant.text}</li>
        ))}
      </ul>
      {links.length > 0 ? (
        <nav aria-labelledby="tasks-heading">
          <h2 class="kern-heading-small" id="tasks-heading">
            {t('accounts:staff.tasks')}
          </h2>
          <ul class="kern-list">
            {links.map((link) => (
              <li key={link.path}>
                <a class="kern-link" href={link.path}>
                  {t(link.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}

interface StaffRow {
  id: string;
  display_name: string;
  email: string | null;
  disabled_at: Date | null;
  totp_confirmed_at: Date | null;
  last_login_at: Date | null;
}

export function StaffListPage({ page, staff, notice }: { page: PageContext; staff: StaffRow[]; notice?: string }) {
  const { t, lang } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('accounts:staff.intro')}>{t('accounts:staff.title')}</Heading>
      <Notice page={page} notice={notice} />
      <p>
        <a class="kern-btn kern-btn--primary" href="/verwaltung/mitarbeitende/neu">
          <span class="kern-label">{t('accounts:staff.new')}</span>
        </a>
      </p>
      <div class="kern-table-responsive">
        <table class="kern-table">
          <thead class="kern-table__header">
            <tr>
              <th scope="col">{t('accounts:staff.name')}</th>
              <th scope="col">{t('accounts:staff.email')}</th>
              <th scope="col">{t('accounts:staff.status')}</th>
              <th scope="col">{t('accounts:staff.lastLogin')}</th>
            </tr>
          </thead>
          <tbody class="kern-table__body">
            {staff.map((member) => (
              <tr key={member.id}>
                <td class="kern-table__cell">
                  <a class="kern-link" href={`/verwaltung/mitarbeitende/${member.id}`}>
                    {member.display_name}
                  </a>
                </td>
                <td class="kern-table__cell">{member.email}</td>
                <td class="kern-table__cell">{statusOf(page, member)}</td>
                <td class="kern-table__cell">{member.last_login_at ? formatDateTime(member.last_login_at, lang) : t('accounts:staff.never')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function statusOf(page: PageContext, member: Pick<StaffRow, 'disabled_at' | 'totp_confirmed_at'>): string {
  if (member.disabled_at) return page.t('accounts:staff.disabled');
  return member.totp_confirmed_at ? page.t('accounts:staff.active') : page.t('accounts:staff.noSecondFactor');
}

/** What the roles part of the form shows: the roles ticked and, for a role bound to a scope, the one chosen. */
export interface RoleValues {
  roles: readonly string[];
  scopes: Readonly<Record<string, string | undefined>>;
}

export function roleValuesOf(grants: readonly RoleGrant[]): RoleValues {
  return { roles: grants.map((grant) => grant.role), scopes: Object.fromEntries(grants.flatMap((grant) => (grant.scopeId ? [[grant.role, grant.scopeId]] : []))) };
}

function RoleChoices({ page, choices, values, errors }: { page: PageContext; choices: readonly RoleChoice[]; values: RoleValues; errors: FieldErrors }) {
  const { t } = page;
  return (
    <fieldset class={`kern-fieldset${errors.roles ? ' kern-fieldset--error' : ''}`} aria-describedby={errors.roles ? 'roles-error' : undefined}>
      <legend class="kern-label">{t('accounts:fields.roles')}</legend>
      {errors.roles ? (
        <p class="kern-error" id="roles-error">
          <span class="kern-icon kern-icon--danger kern-icon--default" aria-hidden="true" />
          <span class="kern-body">{errors.roles}</span>
        </p>
      ) : null}
      <div class="kern-fieldset__body">
        {choices.map(({ role, scope }, index) => {
          const id = index === 0 ? 'roles' : `roles-${role.id}`;
          const label = t(role.label);
          return (
            <div class="kern-stack-sm" key={role.id}>
              <div class="kern-form-check">
                <input class="kern-form-check__checkbox" type="checkbox" id={id} name="roles" value={role.id} checked={values.roles.includes(role.id)} aria-describedby={`${id}-hint`} />
                <label class="kern-label" for={id}>
                  {label}
                </label>
                <div class="kern-hint" id={`${id}-hint`}>
                  {t(role.description)}
                </div>
              </div>
              {scope ? (
                <Select
                  name={scopeField(role.id)}
                  label={t('accounts:staff.scopeFor', { scope: t(scope.label), role: label })}
                  hint={t('accounts:staff.scopeHint', { role: label })}
                  value={values.scopes[role.id] ?? ''}
                  choices={[{ value: '', label: t('accounts:staff.scopeNone') }, ...scope.options.map((option) => ({ value: option.id, label: option.label }))]}
                  error={errors[scopeField(role.id)]}
                />
              ) : null}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** What the new staff form shows again after a refusal: what was typed and chosen. */
export interface NewStaffValues extends RoleValues {
  displayName?: string;
  email?: string;
}

export function StaffNewPage({ page, choices, values, errors }: { page: PageContext; choices: readonly RoleChoice[]; values: NewStaffValues; errors: FieldErrors }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading>{t('accounts:staff.new')}</Heading>
      <ErrorSummary page={page} errors={errors} />
      <PostForm page={page} action="/verwaltung/mitarbeitende/neu">
        <TextField name="displayName" label={t('accounts:fields.displayName')} value={values.displayName} maxLength={200} error={errors.displayName} />
        <TextField name="email" type="email" label={t('accounts:fields.email')} value={values.email} maxLength={254} error={errors.email} />
        <RoleChoices page={page} choices={choices} values={values} errors={errors} />
        <SubmitButton label={t('accounts:staff.create')} />
      </PostForm>
    </div>
  );
}

interface DetailProps {
  page: PageContext;
  user: User;
  choices: readonly RoleChoice[];
  values: RoleValues;
  /** Grants of roles no installed module offers any more: shown, and kept when the roles are saved. */
  retired: readonly string[];
  errors: FieldErrors;
  notice?: string;
}

export function StaffDetailPage({ page, user, choices, values, retired, errors, notice }: DetailProps) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={`${user.email ?? ''} · ${statusOf(page, user)}`}>{user.display_name}</Heading>
      <Notice page={page} notice={notice} />
      <ErrorSummary page={page} errors={errors} />
      <h2 class="kern-heading-medium">{t('accounts:staff.rolesHeading')}</h2>
      <PostForm page={page} action={`/verwaltung/mitarbeitende/${user.id}/rollen`}>
        <RoleChoices page={page} choices={choices} values={values} errors={errors} />
        {retired.length > 0 ? <p class="kern-body">{t('accounts:staff.retiredRoles', { roles: retired.join(', ') })}</p> : null}
        <SubmitButton label={t('accounts:staff.saveRoles')} />
      </PostForm>
      <PostForm page={page} action={`/verwaltung/mitarbeitende/${user.id}/${user.disabled_at ? 'aktivieren' : 'deaktivieren'}`}>
        <SubmitButton kind="secondary" label={t(user.disabled_at ? 'accounts:staff.enable' : 'accounts:staff.disable')} />
      </PostForm>
      <PostForm page={page} action={`/verwaltung/mitarbeitende/${user.id}/zweiter-faktor`}>
        <SubmitButton kind="tertiary" label={t('accounts:staff.resetSecondFactor')} />
      </PostForm>
    </div>
  );
}
