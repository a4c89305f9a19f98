import { FormField, FormFields, FormKey, rowFieldName, type Raw } from '#kernel/forms/index.ts';
import { Alert, ErrorSummary, Heading, PostForm, SubmitButton, TextArea, TextField } from '#kernel/html/components.tsx';
import { Island } from '#kernel/html/islands.tsx';
import type { FieldErrors, PageContext } from '#kernel/html/page.ts';
import { dictionaryForm, resourceForm, uploadForm } from '#modules/opendata/forms.staff.ts';
import type { Dataset, Resource, ResourceVersion } from '#modules/opendata/model.ts';
import { formatBytes } from '../portal-parts.tsx';
import { StaffTable } from '#kernel/html/staff-table.tsx';
import { formatInstant, Notice, StatusBadge } from './parts.tsx';
import { staffDictionaryPath, staffNewResourcePath, staffUploadPath, staffVersionPath } from './paths.ts';

export function NewResourcePage({ page, dataset, raw, errors }: { page: PageContext; dataset: Dataset; raw: Raw; errors: FieldErrors }) {
  return (
    <>
      <Heading lead={dataset.title}>{page.t('opendata:staff.resource.add')}</Heading>
      <ErrorSummary page={page} errors={errors} />
      <PostForm page={page} action={staffNewResourcePath(dataset.name)}>
        <FormFields page={page} form={resourceForm} raw={raw} errors={errors} />
        <SubmitButton label={page.t('opendata:staff.resource.create')} />
      </PostForm>
    </>
  );
}

export interface ResourcePageProps {
  page: PageContext;
  dataset: Dataset;
  resource: Resource;
  versions: ResourceVersion[];
  upload: { raw: Raw; errors: FieldErrors };
  dictionary: { raw: Raw; errors: FieldErrors };
  notice?: string;
}

/** A resource for its publisher: a new version's upload, every version so far, and the data dictionary. */
export function ResourcePage(props: ResourcePageProps) {
  const { page, dataset, resource } = props;
  const t = page.t;
  const errors = { ...props.upload.errors, ...props.dictionary.errors };
  return (
    <>
      <Heading lead={`${dataset.title} · ${resource.format}`}>{resource.title}</Heading>
      <ErrorSummary page={page} errors={errors} />
      <Notice page={page} code={props.notice} />
      {resource.description ? <p>{resource.description}</p> : null}
      {resource.externalUrl ? (
        <Alert kind="info" title={t('opendata:staff.upload.external')} />
      ) : (
        <section aria-labelledby="upload-title" class="kern-stack-sm">
          <h2 class="kern-heading-medium" id="upload-title">
            {t('opendata:staff.upload.title')}
          </h2>
          <PostForm page={page} action={staffUploadPath(dataset.name, resource.id)} files id="upload-form">
            <FormKey raw={props.upload.raw} />
            <FormField page={page} form={uploadForm} name="file" raw={props.upload.raw} errors={props.upload.errors} />
            <FormField page={page} form={uploadForm} name="note" raw={props.upload.raw} errors={props.upload.errors} />
            <p class="upload-progress" hidden aria-live="polite" data-sending={t('opendata:staff.upload.sending')} data-failed={t('opendata:staff.upload.failed')}>
              <progress max={100} value={0} />
              <span class="upload-progress__text" />
            </p>
            <SubmitButton label={t('opendata:staff.upload.submit')} />
          </PostForm>
          <Island name="opendata/upload-progress" />
        </section>
      )}
      <h2 class="kern-heading-medium">{t('opendata:staff.versions.title')}</h2>
      {props.versions.length === 0 ? (
        <p>{t('opendata:staff.noVersion')}</p>
      ) : (
        <StaffTable caption={t('opendata:staff.versions.title')} columns={[t('opendata:staff.versions.version'), t('opendata:staff.versions.file'), t('opendata:staff.versions.received'), t('opendata:staff.versions.status'), t('opendata:staff.versions.rows')]}>
          {props.versions.map((version) => (
            <tr key={version.id}>
              <td>
                <a class="kern-link" href={staffVersionPath(dataset.name, resource.id, version.version)}>
                  {t('opendata:staff.versionShort', { version: version.version })}
                </a>
              </td>
              <td>
                {version.filename} ({formatBytes(version.byteSize, page.lang)})
              </td>
              <td>{formatInstant(page, version.createdAt)}</td>
              <td>
                <StatusBadge page={page} status={version.status} />
              </td>
              <td>{version.rowCount ?? '–'}</td>
            </tr>
          ))}
        </StaffTable>
      )}
      <Dictionary {...props} />
    </>
  );
}

/** Each column's title, description and unit, as the portal shows and publishes them beside the data. */
function Dictionary({ page, dataset, resource, dictionary }: ResourcePageProps) {
  const t = page.t;
  const fields = resource.tableSchema?.fields ?? [];
  return (
    <section aria-labelledby="dictionary-title" class="kern-stack-sm">
      <h2 class="kern-heading-medium" id="dictionary-title">
        {t('opendata:staff.dictionary.heading')}
      </h2>
      {fields.length === 0 ? (
        <p>{t('opendata:staff.dictionary.none')}</p>
      ) : (
        <PostForm page={page} action={staffDictionaryPath(dataset.name, resource.id)}>
          {fields.slice(0, dictionaryForm.fields.column.max).map((field, index) => {
            const row = index + 1;
            const input = (child: string) => rowFieldName('column', row, child);
            return (
              <fieldset class="kern-fieldset" key={field.name}>
                <legend class="kern-label">{t('opendata:staff.dictionary.column', { name: field.name, type: t(`opendata:staff.types.${field.type}`) })}</legend>
                <div class="kern-fieldset__body kern-stack-sm">
                  <input type="hidden" name={input('name')} value={field.name} />
                  <TextField name={input('title')} label={t('opendata:staff.dictionary.title')} value={dictionary.raw[input('title')] as string | undefined} error={dictionary.errors[input('title')]} maxLength={200} />
                  <TextArea name={input('description')} label={t('opendata:staff.dictionary.description')} value={dictionary.raw[input('description')] as string | undefined} error={dictionary.errors[input('description')]} rows={2} maxLength={2000} />
                  <TextField name={input('unit')} label={t('opendata:staff.dictionary.unit')} hint={t('opendata:staff.dictionary.unitHint')} value={dictionary.raw[input('unit')] as string | undefined} error={dictionary.errors[input('unit')]} maxLength={50} width={4} />
                </div>
              </fieldset>
            );
          })}
          <SubmitButton label={t('opendata:staff.dictionary.save')} />
        </PostForm>
      )}
    </section>
  );
}
