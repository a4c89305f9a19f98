import { Alert, ErrorSummary, Heading, PostForm, SubmitButton, TextArea } from '#kernel/html/components.tsx';
import { FileField } from '#kernel/forms/index.ts';
import { formatDateTime, isoString } from '#kernel/html/format.ts';
import type { FieldErrors, PageContext } from '#kernel/html/page.ts';
import type { DefinitionProblem } from '../definition/check.ts';
import type { FormListing, VersionFacts } from '../service.design.ts';
import { problemMessage, problemPlace } from './design-words.ts';
import { langOf, textIn } from './text.ts';

export const designPath = '/verwaltung/formulare';
export const versionPath = (versionId: string) => `${designPath}/fassung/${versionId}`;

/** "Fassung 3, 12.12.2026, 10:15, von Petra Schmitz": a version, when and by whom. */
export function VersionLine({ page, facts }: { page: PageContext; facts: VersionFacts }) {
  const { t, lang } = page;
  return (
    <>
      <a class="kern-link" href={versionPath(facts.id)}>
        {t('applications:design.versionNumber', { version: facts.version })}
      </a>
      {', '}
      <time dateTime={isoString(facts.at)}>{formatDateTime(facts.at, lang)}</time>
      {facts.by ? `, ${t('applications:design.by', { name: facts.by })}` : ''}
    </>
  );
}

/** Every problem of a refused definition with its place in words and as a JSON pointer; nothing was saved. */
export function ProblemList({ page, problems, json }: { page: PageContext; problems: readonly DefinitionProblem[]; json: unknown }) {
  const { t } = page;
  return (
    <section aria-labelledby="problems-heading" class="kern-stack-sm">
      <h2 class="kern-heading-medium" id="problems-heading">
        {t('applications:design.problems.title', { count: problems.length })}
      </h2>
      <p class="kern-body">{t('applications:design.problems.lead')}</p>
      <ol class="kern-list kern-list--number">
        {problems.map((problem, index) => (
          <li key={`${problem.path}-${problem.code}-${index}`}>
            <strong>{problemPlace(t, json, problem.path)}</strong>: {problemMessage(t, problem)}{' '}
            <span class="kern-body--small">
              ({t('applications:design.problems.path')} <code>{problem.path === '' ? '/' : problem.path}</code>)
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

export interface UploadFormState {
  /** What was typed into the text box, shown again after a problem; a file cannot be. */
  text: string;
  errors: FieldErrors;
  problems?: { problems: readonly DefinitionProblem[]; json: unknown };
}

/** A definition as a file or as text; either becomes the form's next draft once it passes the checks. */
export function UploadForm({ page, state, textLabel }: { page: PageContext; state: UploadFormState; textLabel?: string }) {
  const { t } = page;
  return (
    <PostForm page={page} action={designPath} files>
      <FileField name="file" label={t('applications:design.upload.file')} hint={t('applications:design.upload.fileHint')} accept={['application/json', '.json']} error={state.errors.file} />
      <TextArea name="definition" label={textLabel ?? t('applications:design.upload.text')} hint={t('applications:design.upload.textHint')} value={state.text} rows={12} error={state.errors.definition} />
      <SubmitButton label={t('applications:design.upload.submit')} />
    </PostForm>
  );
}

export function DesignListPage({ page, forms, notice, upload }: { page: PageContext; forms: readonly FormListing[]; notice: string | null; upload: UploadFormState }) {
  const { t, lang } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('applications:design.lead')}>{t('applications:design.title')}</Heading>
      {notice ? <Alert kind="success" title={notice} /> : null}
      <ErrorSummary page={page} errors={upload.errors} />
      {forms.length === 0 ? (
        <p class="kern-body">{t('applications:design.noForms')}</p>
      ) : (
        <div class="kern-table-responsive">
          <table class="kern-table">
            <caption class="kern-title">{t('applications:design.table.caption')}</caption>
            <thead class="kern-table__header">
              <tr>
                <th scope="col">{t('applications:design.table.form')}</th>
                <th scope="col">{t('applications:design.table.published')}</th>
                <th scope="col">{t('applications:design.table.drafts')}</th>
              </tr>
            </thead>
            <tbody class="kern-table__body">
              {forms.map((form) => (
                <tr key={form.key}>
                  <th scope="row" class="kern-table__cell">
                    <span lang={langOf(form.title, lang)}>{textIn(form.title, lang)}</span>
                    <div class="kern-body kern-body--small">
                      <code>{form.key}</code> · {t('applications:design.table.versions', { count: form.versions })}
                    </div>
                  </th>
                  <td class="kern-table__cell">
                    {form.published ? (
                      <>
                        <VersionLine page={page} facts={form.published} />
                        <div class="kern-body kern-body--small">
                          <a class="kern-link" href={`${versionPath(form.published.id)}/definition.json`} download>
                            {t('applications:design.downloadCurrent')}
                          </a>
                        </div>
                      </>
                    ) : (
                      t('applications:design.table.notPublished')
                    )}
                  </td>
                  <td class="kern-table__cell">
                    {form.drafts.length === 0 ? (
                      t('applications:design.table.noDrafts')
                    ) : (
                      <ul class="kern-list">
                        {form.drafts.map((draft) => (
                          <li key={draft.id}>
                            <VersionLine page={page} facts={draft} />
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section aria-labelledby="upload-heading" class="kern-stack-md">
        <h2 class="kern-heading-medium" id="upload-heading">
          {t('applications:design.upload.title')}
        </h2>
        <p class="kern-body">{t('applications:design.upload.lead')}</p>
        {upload.problems ? <ProblemList page={page} problems={upload.problems.problems} json={upload.problems.json} /> : null}
        <UploadForm page={page} state={upload} />
      </section>
    </div>
  );
}
