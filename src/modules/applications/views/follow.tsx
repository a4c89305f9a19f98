import { FormFields, type FormDef, type Raw } from '#kernel/forms/index.ts';
import { Alert, Heading, PostForm, SubmitButton } from '#kernel/html/components.tsx';
import { formatDateTime, isoString } from '#kernel/html/format.ts';
import type { FieldErrors, PageContext } from '#kernel/html/page.ts';
import { formatDay } from '#kernel/dates.ts';

/*
 * The applicant's part of their case page: what the office waits for, the reply with documents, what they
 * sent later, and the way to withdraw; and the page that asks before a withdrawal.
 */

export interface FollowProps {
  mayReply: boolean;
  takesDocuments: boolean;
  /** The day the office asked for an answer by, `YYYY-MM-DD`, while it waits for one. */
  replyBy: string | null;
  mayWithdraw: boolean;
  documents: { filename: string; at: Date }[];
  /** The reply's form as shown: with the document fields while information is requested. */
  form: FormDef;
  action: string;
  withdrawHref: string;
  raw: Raw;
  errors: FieldErrors;
}

/** While the office waits: what it asked for is in the timeline; this says by when, at the top. */
export function RequestNotice({ page, replyBy }: { page: PageContext; replyBy: string | null }) {
  const { t } = page;
  return (
    <Alert kind="warning" title={t('applications:follow.request.title')}>
      <p class="kern-body">{replyBy ? t('applications:follow.request.byDay', { day: formatDay(replyBy) }) : t('applications:follow.request.noDay')}</p>
      <p class="kern-body">
        <a href="#reply">{t('applications:follow.request.link')}</a>
      </p>
    </Alert>
  );
}

export function FollowSections({ page, follow }: { page: PageContext; follow: FollowProps }) {
  const { t, lang } = page;
  return (
    <>
      {follow.documents.length > 0 ? (
        <section aria-labelledby="documents" class="kern-stack-sm">
          <h2 id="documents" class="kern-heading-medium">
            {t('applications:follow.documents.title')}
          </h2>
          <ul class="kern-list">
            {follow.documents.map((document) => (
              <li>
                {document.filename} – {t('applications:follow.documents.sent')} <time datetime={isoString(document.at)}>{formatDateTime(document.at, lang)}</time>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {follow.mayReply ? (
        <section aria-labelledby="reply" class="kern-stack-sm">
          <h2 id="reply" class="kern-heading-medium">
            {t(follow.takesDocuments ? 'applications:follow.reply.titleAnswer' : 'applications:follow.reply.title')}
          </h2>
          <p class="kern-body">{t(follow.takesDocuments ? 'applications:follow.reply.leadAnswer' : 'applications:follow.reply.lead')}</p>
          <PostForm page={page} action={follow.action} files={follow.takesDocuments}>
            <FormFields page={page} form={follow.form} raw={follow.raw} errors={follow.errors} />
            <SubmitButton label={t('applications:follow.reply.submit')} />
          </PostForm>
        </section>
      ) : null}
      {follow.mayWithdraw ? (
        <section aria-labelledby="withdraw" class="kern-stack-sm">
          <h2 id="withdraw" class="kern-heading-medium">
            {t('applications:follow.withdraw.title')}
          </h2>
          <p class="kern-body">{t('applications:follow.withdraw.lead')}</p>
          <p class="kern-body">
            <a href={follow.withdrawHref}>{t('applications:follow.withdraw.link')}</a>
          </p>
        </section>
      ) : null}
    </>
  );
}

/** "Are you sure?": what withdrawing means, the button that does it, and the way back. */
export function WithdrawPage({ page, title, reference, action, backHref }: { page: PageContext; title: string; reference: string; action: string; backHref: string }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('applications:mine.caseLead', { reference })}>{t('applications:follow.withdraw.confirmTitle')}</Heading>
      <p class="kern-body">{t('applications:follow.withdraw.confirmText', { title })}</p>
      <ul class="kern-list kern-list--bullet">
        <li>{t('applications:follow.withdraw.consequenceStop')}</li>
        <li>{t('applications:follow.withdraw.consequenceFinal')}</li>
        <li>{t('applications:follow.withdraw.consequenceTold')}</li>
      </ul>
      <PostForm page={page} action={action}>
        <SubmitButton label={t('applications:follow.withdraw.submit')} />
      </PostForm>
      <p class="kern-body">
        <a href={backHref}>{t('applications:follow.withdraw.back')}</a>
      </p>
    </div>
  );
}
