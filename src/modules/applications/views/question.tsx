import { Alert, ErrorSummary, Heading, PostForm, SubmitButton } from '#kernel/html/components.tsx';
import { FormFields, type FormDef, type Raw } from '#kernel/forms/index.ts';
import type { FieldErrors, PageContext } from '#kernel/html/page.ts';
import type { FormDefinition, Page } from '../definition/schema.ts';
import { wordingContext } from '../definition/texts.ts';
import type { EasyChoice } from '../http.easy.ts';
import { EasySwitch } from './easy-switch.tsx';
import { SessionTimeout } from './session-timeout.tsx';
import { langOf, textIn } from './text.ts';

export interface QuestionPageProps {
  page: PageContext;
  definition: FormDefinition;
  question: Page;
  form: FormDef;
  raw: Raw;
  errors: FieldErrors;
  action: string;
  backHref: string;
  /** Labels of the fields filled in from the account, shown for the person to check. */
  prefilled: string[];
  /** Where "save and continue later" leads; absent for staff entering an application. */
  saveHref?: string;
  /** The day the draft will be deleted if nobody continues it, already formatted. */
  keptUntil: string;
  step: { number: number; of: number };
  /** For a signed-in person: how long the session lasts without activity, and this page's address. */
  session?: { idleMinutes: number; back: string } | undefined;
  /** Leichte Sprache: whether the form's texts are shown in it, and the switch; absent in the designers' preview. */
  easy?: EasyChoice;
}

/** One question or one group of questions; the kernel renders the fields from the page's definition. */
export function QuestionPage(props: QuestionPageProps) {
  const { page, question, definition } = props;
  const { t, lang } = page;
  const easy = props.easy?.on ?? false;
  const files = question.fields.some((field) => field.type === 'file' || (field.type === 'group' && field.fields.some((child) => child.type === 'file')));
  return (
    <div class="kern-stack-md">
      <p>
        <a href={props.backHref} class="kern-link">
          {t('applications:flow.back')}
        </a>
      </p>
      <div>
        <p class="kern-preline">
          {textIn(definition.title, lang, easy)} · {t('applications:flow.step', props.step)}
        </p>
        <Heading>{textIn(question.title, lang, easy)}</Heading>
      </div>
      {props.easy ? <EasySwitch page={page} easy={props.easy} /> : null}
      {/* After the heading (a page starts with its h1), before anything else the page says. */}
      <ErrorSummary page={page} errors={props.errors} />
      {question.intro ? (
        <p class="kern-body" lang={langOf(question.intro, lang, easy)}>
          {textIn(question.intro, lang, easy)}
        </p>
      ) : null}
      {props.prefilled.length > 0 ? (
        <Alert kind="info" title={t('applications:flow.prefilledTitle')}>
          <p class="kern-body">{t('applications:flow.prefilled', { ...wordingContext(props.definition), fields: props.prefilled.join(', ') })}</p>
        </Alert>
      ) : null}
      <PostForm page={page} action={props.action} files={files}>
        <FormFields page={page} form={props.form} raw={props.raw} errors={props.errors} />
        <div class="kern-stack-sm">
          <SubmitButton label={t('applications:flow.continue')} />
          {/* Without JavaScript, another row of a group (a second dog) comes by saving and showing the page again. */}
          {question.fields.some((field) => field.type === 'group') ? (
            <button type="submit" name="_weitere" value="1" class="kern-btn kern-btn--secondary">
              <span class="kern-label">{t('applications:flow.addRow')}</span>
            </button>
          ) : null}
        </div>
      </PostForm>
      {props.session ? <SessionTimeout page={page} idleMinutes={props.session.idleMinutes} back={props.session.back} /> : null}
      <p class="kern-body--small">
        {t('applications:flow.keptUntil', { day: props.keptUntil })}
        {props.saveHref ? (
          <>
            {' '}
            <a class="kern-link" href={props.saveHref}>
              {t('applications:flow.saveForLater')}
            </a>
          </>
        ) : null}
      </p>
    </div>
  );
}
