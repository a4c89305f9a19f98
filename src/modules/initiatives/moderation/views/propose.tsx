import { FormFields, type Raw } from '#kernel/forms/index.ts';
import { ErrorSummary, Heading, PostForm, SubmitButton } from '#kernel/html/components.tsx';
import type { FieldErrors, PageContext } from '#kernel/html/page.ts';
import { proposeForm } from '../forms.ts';

/** The proposal form: what is public and what is not is said at each field and above the form. */
export function ProposePage(props: { page: PageContext; raw: Raw; errors: FieldErrors }) {
  const { t } = props.page;
  return (
    <>
      <Heading lead={t('initiatives:moderation.propose.lead')}>{t('initiatives:moderation.propose.title')}</Heading>
      <ErrorSummary page={props.page} errors={props.errors} />
      <p>{t('initiatives:moderation.propose.how')}</p>
      <PostForm page={props.page} action="/initiativen/vorschlagen">
        <FormFields page={props.page} form={proposeForm} raw={props.raw} errors={props.errors} />
        <SubmitButton label={t('initiatives:moderation.propose.submit')} />
      </PostForm>
    </>
  );
}

