import { answerForm } from '../forms.ts';
import { FormFields, type Raw } from '#kernel/forms/index.ts';
import { ErrorSummary, Heading, PostForm, SubmitButton } from '#kernel/html/components.tsx';
import type { FieldErrors, PageContext } from '#kernel/html/page.ts';

/** The moderator's question and the field for the answer. */
export function AnswerPage(props: { page: PageContext; initiative: string; question: string; action: string; raw: Raw; errors: FieldErrors }) {
  const { t } = props.page;
  return (
    <>
      <Heading lead={props.initiative}>{t('initiatives:moderation.answer.title')}</Heading>
      <ErrorSummary page={props.page} errors={props.errors} />
      <h2 class="kern-heading-medium">{t('initiatives:moderation.answer.question')}</h2>
      <blockquote class="initiative-question">
        {props.question.split('\n').map((line, index) => (
          <p key={index}>{line}</p>
        ))}
      </blockquote>
      <PostForm page={props.page} action={props.action}>
        <FormFields page={props.page} form={answerForm} raw={props.raw} errors={props.errors} />
        <SubmitButton label={t('initiatives:moderation.answer.submit')} />
      </PostForm>
    </>
  );
}
