import type { TFunction } from 'i18next';
import type { ComponentChildren } from 'preact';
import { Alert, Heading, PostForm, SubmitButton } from '#kernel/html/components.tsx';
import { formatDateTime, isoString } from '#kernel/html/format.ts';
import type { PageContext } from '#kernel/html/page.ts';
import { conditionInWords } from '../pdf/condition-words.ts';
import type { Field, FormDefinition, Page } from '../definition/schema.ts';
import type { CatalogueProblem, DesignVersion } from '../service.design-version.ts';
import { UploadForm, versionPath, type UploadFormState } from './design-list.tsx';
import { shownIfLabels } from './design-words.ts';
import { langOf, textIn } from './text.ts';

/** A page's or question's condition as the designer reads it; null for one always shown. */
export function shownIf(page: PageContext, definition: FormDefinition, item: Page | Field): string | null {
  const { t, lang } = page;
  return item.when ? conditionInWords(item.when, { definition, lang, easy: false, labels: shownIfLabels(t), yes: t('applications:definition.answers.yes'), no: t('applications:definition.answers.no') }) : null;
}

export function catalogueProblemText(t: TFunction, problem: CatalogueProblem): string {
  return t(`applications:design.catalogue.${problem.reason}`, 'slug' in problem ? { slug: problem.slug } : {});
}

/** The form's pages in order, each a link to its preview, with the condition of those not always shown. */
export function PageList({ page, definition, versionId, current }: { page: PageContext; definition: FormDefinition; versionId: string; current?: string }) {
  const { lang } = page;
  return (
    <ol class="kern-list kern-list--number">
      {definition.pages.map((item) => {
        const condition = shownIf(page, definition, item);
        const title = <span lang={langOf(item.title, lang)}>{textIn(item.title, lang)}</span>;
        return (
          <li key={item.id}>
            {item.id === current ? (
              <strong aria-current="page">{title}</strong>
            ) : (
              <a class="kern-link" href={`${versionPath(versionId)}/vorschau/${item.id}`}>
                {title}
              </a>
            )}
            {condition ? <div class="kern-body kern-body--small">{condition}</div> : null}
          </li>
        );
      })}
    </ol>
  );
}

function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="kern-description-list-item">
      <dt class="kern-description-list-item__key">{label}</dt>
      <dd class="kern-description-list-item__value">{children}</dd>
    </div>
  );
}

const when = (at: Date, lang: 'de' | 'en') => <time dateTime={isoString(at)}>{formatDateTime(at, lang)}</time>;

export interface DesignVersionPageProps {
  page: PageContext;
  found: DesignVersion;
  notice: string | null;
  /** Why a publication just now was refused, in words. */
  refusal: string | null;
  edit: UploadFormState;
}

/** One version: its facts, its pages to preview, its printable form and JSON, its publication and an edit as text. */
export function DesignVersionPage({ page, found, notice, refusal, edit }: DesignVersionPageProps) {
  const { t, lang } = page;
  const { row, form, receiving } = found;
  const { definition } = form;
  const base = versionPath(row.id);
  const by = (name: string | null) => (name ? `, ${t('applications:design.by', { name })}` : '');
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('applications:design.version.lead', { version: row.version, status: t(`applications:design.status.${row.status}`) })}>
        <span lang={langOf(definition.title, lang)}>{textIn(definition.title, lang)}</span>
      </Heading>
      {notice ? <Alert kind="success" title={notice} /> : null}
      {refusal ? (
        <Alert kind="danger" title={t('applications:design.publish.refused')}>
          <p class="kern-body">{refusal}</p>
        </Alert>
      ) : null}
      <dl class="kern-description-list">
        <Fact label={t('applications:design.version.key')}>
          <code>{row.form_key}</code>
        </Fact>
        <Fact label={t('applications:design.version.status')}>{t(`applications:design.status.${row.status}`)}</Fact>
        <Fact label={t('applications:design.version.uploaded')}>
          {when(row.created_at, lang)}
          {by(found.uploadedBy)}
        </Fact>
        {row.published_at ? (
          <Fact label={t('applications:design.version.publishedAt')}>
            {when(row.published_at, lang)}
            {by(found.publishedBy)}
          </Fact>
        ) : null}
        <Fact label={t('applications:design.version.receiving')}>{receiving.ok ? receiving.office.title : catalogueProblemText(t, receiving)}</Fact>
        {found.published ? (
          <Fact label={t('applications:design.version.current')}>
            <a class="kern-link" href={versionPath(found.published.id)}>
              {t('applications:design.versionNumber', { version: found.published.version })}
            </a>
          </Fact>
        ) : null}
      </dl>
      {row.status === 'draft' ? (
        <section aria-labelledby="publish-heading" class="kern-stack-sm">
          <h2 class="kern-heading-medium" id="publish-heading">
            {t('applications:design.publish.title')}
          </h2>
          {receiving.ok ? (
            <>
              <p class="kern-body">{found.published ? t('applications:design.publish.replaces', { version: found.published.version }) : t('applications:design.publish.first')}</p>
              <PostForm page={page} action={`${base}/veroeffentlichen`}>
                <SubmitButton label={t('applications:design.publish.submit', { version: row.version })} />
              </PostForm>
            </>
          ) : (
            <Alert kind="warning" title={t('applications:design.publish.blocked')}>
              <p class="kern-body">{catalogueProblemText(t, receiving)}</p>
            </Alert>
          )}
        </section>
      ) : null}
      <section aria-labelledby="pages-heading" class="kern-stack-sm">
        <h2 class="kern-heading-medium" id="pages-heading">
          {t('applications:design.preview.pages')}
        </h2>
        <p class="kern-body">{t('applications:design.preview.pagesLead')}</p>
        <PageList page={page} definition={definition} versionId={row.id} />
        <ul class="kern-list">
          <li>
            <a class="kern-link" href={`${base}/formular.pdf`}>
              {t('applications:design.printable')}
            </a>
          </li>
          <li>
            <a class="kern-link" href={`${base}/definition.json`} download>
              {t('applications:design.download')}
            </a>
          </li>
        </ul>
      </section>
      <section aria-labelledby="edit-heading" class="kern-stack-sm">
        <h2 class="kern-heading-medium" id="edit-heading">
          {t('applications:design.edit.title')}
        </h2>
        <p class="kern-body">{t('applications:design.edit.lead', { version: row.version })}</p>
        <UploadForm page={page} state={edit} textLabel={t('applications:design.edit.text')} />
      </section>
    </div>
  );
}
