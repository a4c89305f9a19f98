import { Alert } from '#kernel/html/components.tsx';
import type { PageContext } from '#kernel/html/page.ts';
import type { Field, FormDefinition } from '../definition/schema.ts';
import { versionPath } from './design-list.tsx';
import { PageList, shownIf } from './design-version.tsx';
import { QuestionPage, type QuestionPageProps } from './question.tsx';
import { langOf, textIn } from './text.ts';

export interface DesignPreviewProps extends QuestionPageProps {
  versionId: string;
  version: number;
}

/** The questions of a page shown only for some answers, which a preview without answers leaves out. */
function conditionalFields(page: PageContext, definition: FormDefinition, fields: readonly Field[]) {
  const { lang } = page;
  const listed = fields.flatMap((field) => {
    const inGroup = field.type === 'group' ? field.fields.map((child) => ({ field: child, condition: shownIf(page, definition, child) })) : [];
    return [{ field, condition: shownIf(page, definition, field) }, ...inGroup].filter((item) => item.condition !== null);
  });
  if (listed.length === 0) return null;
  return (
    <>
      <p class="kern-body">{page.t('applications:design.preview.conditionalFields')}</p>
      <ul class="kern-list">
        {listed.map(({ field, condition }) => (
          <li key={field.id}>
            <span lang={langOf(field.label, lang)}>{textIn(field.label, lang)}</span>: {condition}
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * A page of a version exactly as the citizen's flow renders it (the same view, the same kernel form), under
 * a banner that says it is a preview where nothing is kept, and beside the list of all pages to jump to.
 */
export function DesignPreviewPage(props: DesignPreviewProps) {
  const { page, definition, question, versionId, version } = props;
  const { t } = page;
  const pageCondition = shownIf(page, definition, question);
  return (
    <div class="kern-stack-lg">
      <Alert kind="warning" title={t('applications:design.preview.banner', { version })}>
        <p class="kern-body">{t('applications:design.preview.bannerText')}</p>
        <p class="kern-body">
          <a class="kern-link" href={versionPath(versionId)}>
            {t('applications:design.preview.backToVersion', { version })}
          </a>
        </p>
      </Alert>
      <div class="kern-stack-md">
        <QuestionPage {...props} />
      </div>
      <nav aria-labelledby="preview-pages-heading" class="kern-stack-sm">
        <h2 class="kern-heading-medium" id="preview-pages-heading">
          {t('applications:design.preview.pages')}
        </h2>
        {pageCondition ? <p class="kern-body">{t('applications:design.preview.thisPage', { condition: pageCondition })}</p> : null}
        {conditionalFields(page, definition, question.fields)}
        <PageList page={page} definition={definition} versionId={versionId} current={question.id} />
      </nav>
    </div>
  );
}
