import { FormFields, type Option, type Raw } from '#kernel/forms/index.ts';
import type { DeclaredRole } from '#kernel/auth/roles.ts';
import { Alert, ErrorSummary, Heading, PostForm, SubmitButton } from '#kernel/html/components.tsx';
import type { FieldErrors, PageContext } from '#kernel/html/page.ts';
import { StaffTable } from '#kernel/html/staff-table.tsx';
import { newRequirementForm, requirementForm } from '../forms.ts';
import type { Requirement } from '../repo.ts';
import { titleOf } from '../service.ts';
import { requirementHref, requirementsPath } from './shared.tsx';

export const roleOptions = (roles: readonly DeclaredRole[]): Option[] => roles.map((role) => ({ value: role.id, label: role.label }));

function rolesInWords(page: PageContext, requirement: Requirement, roles: readonly DeclaredRole[]): string {
  if (requirement.roles.length === 0) return page.t('learning:training.requirements.everyone');
  return requirement.roles.map((id) => {
    const role = roles.find((declared) => declared.id === id);
    return role ? page.t(role.label) : id;
  }).join(', ');
}

/** The required trainings with whom they concern, how long they count and when reminders go. */
export function RequirementsPage({ page, requirements, roles, notice }: { page: PageContext; requirements: readonly Requirement[]; roles: readonly DeclaredRole[]; notice?: string | undefined }) {
  const { t, lang } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('learning:training.requirements.lead')}>{t('learning:training.requirements.title')}</Heading>
      {notice ? <Alert kind="success" title={notice} /> : null}
      <p>
        <a class="kern-link" href={`${requirementsPath}/neu`}>
          {t('learning:training.requirements.new')}
        </a>
      </p>
      <StaffTable
        caption={t('learning:training.requirements.title')}
        columns={[t('learning:training.columns.requirement'), t('learning:training.requirements.fields.roles'), t('learning:training.requirements.valid'), t('learning:training.requirements.remind'), t('learning:training.requirements.inForce')]}
      >
        {requirements.map((requirement) => (
          <tr key={requirement.key}>
            <td>
              <a class="kern-link" href={requirementHref(requirement.key)}>
                {titleOf(requirement, lang)}
              </a>
            </td>
            <td>{rolesInWords(page, requirement, roles)}</td>
            <td>{t('learning:training.requirements.months', { count: requirement.validMonths })}</td>
            <td>{t('learning:training.requirements.days', { count: requirement.remindDays })}</td>
            <td>{t(requirement.active ? 'learning:training.requirements.yes' : 'learning:training.requirements.no')}</td>
          </tr>
        ))}
      </StaffTable>
    </div>
  );
}

/** The form for a new required training (with its key) or for one that exists. */
export function RequirementFormPage({ page, title, action, isNew, raw, errors, roles }: { page: PageContext; title: string; action: string; isNew: boolean; raw: Raw; errors: FieldErrors; roles: readonly DeclaredRole[] }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('learning:training.requirements.formLead')}>{title}</Heading>
      <ErrorSummary page={page} errors={errors} />
      <PostForm page={page} action={action}>
        <FormFields page={page} form={isNew ? newRequirementForm : requirementForm} raw={raw} errors={errors} options={{ roles: roleOptions(roles) }} />
        <SubmitButton label={t('learning:training.requirements.save')} />
      </PostForm>
      <p>
        <a class="kern-link" href={requirementsPath}>
          {t('learning:training.requirements.back')}
        </a>
      </p>
    </div>
  );
}
