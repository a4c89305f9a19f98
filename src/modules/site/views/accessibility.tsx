import { FormFields, type FormState } from '#kernel/forms/index.ts';
import type { PageContext } from '#kernel/html/page.ts';
import { Alert, ErrorSummary, Heading, PostForm, SubmitButton } from '#kernel/html/components.tsx';
import { feedbackForm } from '../forms.ts';

export function AccessibilityPage({ page, form }: { page: PageContext; form: Pick<FormState, 'raw' | 'errors'> }) {
  const { t } = page;
  const section = (key: string, body: string) => (
    <>
      <h2 class="kern-heading-medium">{t(`site:accessibility.${key}`)}</h2>
      <p class="kern-body">{t(`site:accessibility.${body}`)}</p>
    </>
  );
  return (
    <div class="kern-stack-md">
      <Heading>{t('site:accessibility.title')}</Heading>
      <p class="kern-body">{t('site:accessibility.intro', { city: page.cityName })}</p>
      {section('statusHeading', 'status')}
      {section('limitsHeading', 'limits')}
      {section('preparedHeading', 'prepared')}
      <h2 class="kern-heading-medium" id="feedback-heading">
        {t('site:accessibility.feedbackHeading')}
      </h2>
      <p class="kern-body">{t('site:accessibility.feedbackIntro')}</p>
      <ErrorSummary page={page} errors={form.errors} />
      <PostForm page={page} action="/barrierefreiheit">
        <FormFields page={page} form={feedbackForm} raw={form.raw} errors={form.errors} />
        <SubmitButton label={t('site:accessibility.form.submit')} />
      </PostForm>
      {section('enforcementHeading', 'enforcement')}
    </div>
  );
}

export function FeedbackThanksPage({ page, reference }: { page: PageContext; reference: string }) {
  const { t } = page;
  return (
    <div class="kern-stack-md">
      <Heading>{t('site:accessibility.thanksTitle')}</Heading>
      <Alert kind="success" title={t('site:accessibility.thanksTitle')}>
        <p class="kern-body">{t('site:accessibility.thanks', { reference })}</p>
      </Alert>
    </div>
  );
}
