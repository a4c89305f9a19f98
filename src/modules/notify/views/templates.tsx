import { rawText, type FormState } from '#kernel/forms/index.ts';
import type { PageContext } from '#kernel/html/page.ts';
import { Alert, ErrorSummary, Heading, PostForm, TextArea, TextField } from '#kernel/html/components.tsx';
import { formatDateTime } from '#kernel/html/format.ts';
import type { LetterBlock } from '#kernel/pdf/letter.ts';
import type { Template } from '../tables.ts';
import { builtInPlaceholders } from '../templates.ts';
import { staffLinks } from './messages.tsx';
import { MessageBody, NoticeBanner, StaffNav } from './parts.tsx';

interface TemplateRow {
  purpose: string;
  title_de: string;
  title_en: string;
  required_channel: string | null;
  version: number | null;
  changed_at: Date | null;
}

const title = (page: PageContext, template: Pick<Template, 'title_de' | 'title_en'>) => (page.lang === 'de' ? template.title_de : template.title_en);

export function TemplatesPage({ page, templates }: { page: PageContext; templates: TemplateRow[] }) {
  const { t, lang } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('notify:templates.intro')}>{t('notify:templates.title')}</Heading>
      <StaffNav page={page} links={staffLinks} />
      <div class="kern-table-responsive">
        <table class="kern-table">
          <thead class="kern-table__header">
            <tr>
              <th scope="col">{t('notify:templates.purpose')}</th>
              <th scope="col">{t('notify:templates.version')}</th>
              <th scope="col">{t('notify:templates.changed')}</th>
            </tr>
          </thead>
          <tbody class="kern-table__body">
            {templates.map((template) => (
              <tr key={template.purpose}>
                <td class="kern-table__cell">
                  <a class="kern-link" href={`/verwaltung/vorlagen/${template.purpose}`}>
                    {title(page, template)}
                  </a>
                  <div class="kern-body kern-body--small">
                    {template.purpose}
                    {template.required_channel ? ` · ${t('notify:templates.requires', { channel: t(`notify:channels.${template.required_channel}`) })}` : ''}
                  </div>
                </td>
                <td class="kern-table__cell">{template.version}</td>
                <td class="kern-table__cell">{template.changed_at ? formatDateTime(template.changed_at, lang) : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

interface VersionRow {
  version: number;
  created_at: Date;
  created_by: string;
  created_by_name: string | null;
}

export interface TemplatePageProps {
  page: PageContext;
  template: Template;
  /** The version shown; the form edits it and saves the next one. */
  shown: { version: number; current: number };
  versions: VersionRow[];
  /** The texts as typed or as stored, and their problems in words. */
  form: Pick<FormState, 'raw' | 'errors'>;
  preview?: { language: 'de' | 'en'; subject: string; blocks: LetterBlock[] }[];
  notice?: string;
}

export function TemplatePage({ page, template, shown, versions, form, preview, notice }: TemplatePageProps) {
  const { raw, errors } = form;
  const { t, lang } = page;
  const editing = shown.version === shown.current;
  return (
    <div class="kern-stack-lg">
      <Heading lead={`${template.purpose} · ${t('notify:templates.versionOf', { version: shown.version, current: shown.current })}`}>{title(page, template)}</Heading>
      <StaffNav page={page} links={staffLinks} />
      <NoticeBanner page={page} notice={notice} />
      {editing ? null : (
        <Alert kind="info" title={t('notify:templates.oldVersion', { version: shown.version })}>
          <p class="kern-body">{t('notify:templates.oldVersionHint')}</p>
        </Alert>
      )}
      <ErrorSummary page={page} errors={errors} />
      <section aria-labelledby="placeholders-heading">
        <h2 class="kern-heading-small" id="placeholders-heading">
          {t('notify:templates.placeholders')}
        </h2>
        <p class="kern-body">{t('notify:templates.placeholdersHint')}</p>
        <ul class="kern-list kern-list--bullet">
          {template.placeholders.map((placeholder) => (
            <li key={placeholder.name}>
              <code>{`((${placeholder.name}))`}</code> – {t(`notify:templates.types.${placeholder.type}`)}, {t('notify:templates.example', { example: placeholder.example })}
            </li>
          ))}
          {builtInPlaceholders.map((name) => (
            <li key={name}>
              <code>{`((${name}))`}</code> – {t(`notify:templates.builtIn.${name}`)}
            </li>
          ))}
        </ul>
      </section>
      {preview ? (
        <section aria-labelledby="preview-heading" class="kern-stack-md">
          <h2 class="kern-heading-medium" id="preview-heading">
            {t('notify:templates.preview')}
          </h2>
          {preview.map((part) => (
            <div class="kern-card" key={part.language} lang={part.language}>
              <div class="kern-card__container kern-stack-sm">
                <h3 class="kern-title">{`${t(`notify:languages.${part.language}`)}: ${part.subject}`}</h3>
                <MessageBody blocks={part.blocks} />
              </div>
            </div>
          ))}
        </section>
      ) : null}
      <PostForm page={page} action={`/verwaltung/vorlagen/${template.purpose}`}>
        <input type="hidden" name="basedOn" value={String(shown.current)} />
        {(['de', 'en'] as const).map((language) => (
          <fieldset class="kern-fieldset" key={language}>
            <legend class="kern-label">{t(`notify:languages.${language}`)}</legend>
            <div class="kern-fieldset__body kern-stack-sm">
              <TextField name={`subject_${language}`} label={t(`notify:templates.fields.subject_${language}`)} value={rawText(raw, `subject_${language}`)} maxLength={200} error={errors[`subject_${language}`]} />
              <TextArea name={`body_${language}`} label={t(`notify:templates.fields.body_${language}`)} hint={t('notify:templates.bodyHint')} value={rawText(raw, `body_${language}`)} rows={14} maxLength={10_000} error={errors[`body_${language}`]} />
            </div>
          </fieldset>
        ))}
        <div class="kern-button-group">
          <button type="submit" name="action" value="preview" class="kern-btn kern-btn--secondary">
            <span class="kern-label">{t('notify:templates.showPreview')}</span>
          </button>
          <button type="submit" name="action" value="save" class="kern-btn kern-btn--primary">
            <span class="kern-label">{t('notify:templates.save')}</span>
          </button>
        </div>
      </PostForm>
      <section aria-labelledby="versions-heading">
        <h2 class="kern-heading-small" id="versions-heading">
          {t('notify:templates.versions')}
        </h2>
        <ol class="kern-list" reversed>
          {versions.map((version) => (
            <li key={version.version}>
              <a class="kern-link" href={`/verwaltung/vorlagen/${template.purpose}/versionen/${version.version}`} aria-current={version.version === shown.version ? 'page' : undefined}>
                {t('notify:templates.versionLine', { version: version.version, when: formatDateTime(version.created_at, lang), who: version.created_by_name ?? version.created_by })}
              </a>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
