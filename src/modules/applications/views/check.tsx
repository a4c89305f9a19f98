import { Checkbox, ErrorSummary, Heading, PostForm, SubmitButton } from '#kernel/html/components.tsx';
import type { FieldErrors, PageContext } from '#kernel/html/page.ts';
import type { FormDefinition } from '../definition/schema.ts';
import { wordingContext } from '../definition/texts.ts';
import type { EasyChoice } from '../http.easy.ts';
import { EasySwitch } from './easy-switch.tsx';
import { langOf, textIn } from './text.ts';

export interface CheckSection {
  pageId: string;
  title: string;
  rows: { fieldId: string; label: string; text: string[] }[];
}

/** "Check your answers": every answer page by page, each with a link to change it, then the declaration. */
export function CheckPage(props: { page: PageContext; definition: FormDefinition; sections: CheckSection[]; changeHref: (pageId: string) => string; action: string; errors: FieldErrors; backHref: string; printHref: string; easy: EasyChoice }) {
  const { page, definition } = props;
  const { t, lang } = page;
  const easy = props.easy.on;
  const wording = wordingContext(definition);
  return (
    <div class="kern-stack-lg">
      <p>
        <a href={props.backHref} class="kern-link">
          {t('applications:flow.back')}
        </a>
      </p>
      <Heading lead={t('applications:check.lead', wording)}>{t('applications:check.title')}</Heading>
      <EasySwitch page={page} easy={props.easy} />
      <ErrorSummary page={page} errors={props.errors} />
      {props.sections.map((section) => (
        <section aria-labelledby={`section-${section.pageId}`} class="kern-stack-sm application-check__section">
          <h2 id={`section-${section.pageId}`} class="kern-heading-medium">
            {section.title}
          </h2>
          <dl class="kern-description-list">
            {section.rows.map((row) => (
              <div class="kern-description-list-item">
                <dt class="kern-description-list-item__key">{row.label}</dt>
                <dd class="kern-description-list-item__value">
                  {row.text.length === 0 ? t('applications:check.notAnswered') : row.text.map((line, index) => (index === 0 ? line : [<br />, line]))}
                </dd>
              </div>
            ))}
          </dl>
          <p class="kern-body">
            <a class="kern-link" href={props.changeHref(section.pageId)}>
              {t('applications:check.change')}
              <span class="kern-sr-only"> {t('applications:check.changeWhat', { what: section.title })}</span>
            </a>
          </p>
        </section>
      ))}
      <section aria-labelledby="declaration" class="kern-stack-sm">
        <h2 id="declaration" class="kern-heading-medium">
          {t('applications:check.declarationTitle')}
        </h2>
        <p class="kern-body" lang={langOf(definition.declaration, lang, easy)}>
          {textIn(definition.declaration, lang, easy)}
        </p>
        <PostForm page={page} action={props.action}>
          <Checkbox name="declared" label={t('applications:check.declared')} checked={false} error={props.errors.declared} />
          <SubmitButton label={t('applications:check.submit', wording)} />
        </PostForm>
        <p class="kern-body">
          <a class="kern-link" href={props.printHref}>
            {t('applications:check.print', wording)}
          </a>
        </p>
      </section>
    </div>
  );
}
