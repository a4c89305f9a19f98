import { ErrorSummary, Heading, PostForm, SubmitButton, TextField, StatusNote } from '#kernel/html/components.tsx';
import type { FieldErrors, PageContext } from '#kernel/html/page.ts';

/** A guest asks for a link to continue later; the page says until when the draft is kept. */
export function SaveForLaterPage(props: { page: PageContext; action: string; backHref: string; email: string; errors: FieldErrors; keptUntil: string; sentTo: string | null }) {
  const { t } = props.page;
  return (
    <>
      <p>
        <a href={props.backHref} class="kern-link">
          {t('applications:flow.back')}
        </a>
      </p>
      <Heading lead={t('applications:save.lead', { day: props.keptUntil })}>{t('applications:save.title')}</Heading>
      <ErrorSummary page={props.page} errors={props.errors} />
      {props.sentTo ? (
        <StatusNote>
          <p>{t('applications:save.sent', { email: props.sentTo, day: props.keptUntil })}</p>
        </StatusNote>
      ) : null}
      <PostForm page={props.page} action={props.action}>
        <TextField name="email" type="email" autocomplete="email" label={t('applications:save.email')} hint={t('applications:save.emailHint')} value={props.email} error={props.errors.email} />
        <SubmitButton label={t('applications:save.send')} />
      </PostForm>
      <p>
        <a href={props.backHref}>{t('applications:save.continueNow')}</a>
      </p>
    </>
  );
}
