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

/** A page that says what happened, with a way on. */
export function Notice(props: { title: string; text: string; links?: { href: string; label: string }[] }) {
  return (
    <>
      <Heading>{props.title}</Heading>
      <div class="kern-alert kern-alert--success" role="status">
        <div class="kern-alert__body">
          <p>{props.text}</p>
        </div>
      </div>
      {props.links?.map((link) => (
        <p key={link.href}>
          <a href={link.href} class="kern-link">
            {link.label}
          </a>
        </p>
      ))}
    </>
  );
}

/** Asks before a link from a mail changes anything: mail scanners follow links, people press buttons. */
export function Ask(props: { page: PageContext; title: string; text: string; button: string; action: string }) {
  return (
    <>
      <Heading>{props.title}</Heading>
      <p>{props.text}</p>
      <PostForm page={props.page} action={props.action}>
        <SubmitButton label={props.button} />
      </PostForm>
    </>
  );
}
