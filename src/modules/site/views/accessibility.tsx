import type { FieldErrors, PageContext } from '#kernel/html/page.ts';
import { Alert, ErrorSummary, Heading, PostForm, SubmitButton, TextArea, TextField } from '#kernel/html/components.tsx';
import type { FeedbackBody } from '../schemas.ts';

export function AccessibilityPage({ page, values, errors }: { page: PageContext; values: Partial<FeedbackBody>; errors: FieldErrors }) {
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
      <ErrorSummary page={page} errors={errors} />
      <PostForm page={page} action="/barrierefreiheit">
        <TextField name="page" label={t('site:accessibility.form.page')} hint={t('site:accessibility.form.pageHint')} value={values.page} optionalLabel={t('site:accessibility.form.optional')} maxLength={500} error={errors.page} />
        <TextArea name="message" label={t('site:accessibility.form.message')} value={values.message} maxLength={5000} error={errors.message} />
        <TextField name="name" label={t('site:accessibility.form.name')} value={values.name} autocomplete="name" optionalLabel={t('site:accessibility.form.optional')} maxLength={200} error={errors.name} />
        <TextField name="email" type="email" label={t('site:accessibility.form.email')} hint={t('site:accessibility.form.emailHint')} value={values.email} autocomplete="email" optionalLabel={t('site:accessibility.form.optional')} maxLength={254} error={errors.email} />
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
