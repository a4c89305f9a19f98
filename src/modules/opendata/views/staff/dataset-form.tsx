import { FormField, rawText, type Raw } from '#kernel/forms/index.ts';
import { ErrorSummary, Heading, PostForm, Select, SubmitButton } from '#kernel/html/components.tsx';
import type { FieldErrors, PageContext } from '#kernel/html/page.ts';
import { datasetForm } from '#modules/opendata/forms.staff.ts';
import type { Organization } from '#modules/opendata/model.ts';

const groups: { legend: string; fields: (keyof typeof datasetForm.fields)[] }[] = [
  { legend: 'opendata:staff.sections.basics', fields: ['title', 'name', 'organization', 'description', 'keywords', 'themes'] },
  { legend: 'opendata:staff.sections.use', fields: ['licence', 'attribution', 'contactName', 'contactEmail', 'contactUrl'] },
  { legend: 'opendata:staff.sections.scope', fields: ['frequency', 'temporalStart', 'temporalEnd', 'spatial', 'hvdCategory', 'conformsTo'] },
  { legend: 'opendata:staff.sections.english', fields: ['titleEn', 'descriptionEn'] },
];

/**
 * A dataset's metadata in four sections; the organisation is a list of those the person may publish for.
 * Shown again after a refusal with everything as it was typed and each problem at its field.
 */
export function DatasetFormPage(props: { page: PageContext; action: string; heading: string; raw: Raw; errors: FieldErrors; organizations: Organization[] }) {
  const { page, raw, errors } = props;
  const t = page.t;
  return (
    <>
      <Heading>{props.heading}</Heading>
      <ErrorSummary page={page} errors={errors} />
      <PostForm page={page} action={props.action}>
        {groups.map((group) => (
          <fieldset class="kern-fieldset" key={group.legend}>
            <legend class="kern-label">
              <h2 class="kern-heading-small">{t(group.legend)}</h2>
            </legend>
            <div class="kern-fieldset__body kern-stack-md">
              {group.fields.map((name) =>
                name === 'organization' ? (
                  <Select
                    key={name}
                    name="organization"
                    label={t('opendata:staff.fields.organization')}
                    error={errors.organization}
                    choices={props.organizations.map((organization) => ({ value: organization.name, label: organization.title }))}
                    value={rawText(raw, 'organization')}
                  />
                ) : (
                  <FormField key={name} page={page} form={datasetForm} name={name} raw={raw} errors={errors} />
                ),
              )}
            </div>
          </fieldset>
        ))}
        <SubmitButton label={t('opendata:staff.save')} />
      </PostForm>
    </>
  );
}
