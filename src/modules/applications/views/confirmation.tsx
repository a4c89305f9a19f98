import { Alert } from '#kernel/html/components.tsx';
import type { PageContext } from '#kernel/html/page.ts';

export interface ConfirmationProps {
  page: PageContext;
  title: string;
  reference: string;
  spelled: string;
  nextSteps: string;
  nextStepsLang?: string | undefined;
  receiptHref: string | null;
  /** How the confirmation reaches the person, if at all: e-mail, letter, or only this page. */
  confirmedBy: 'email' | 'letter' | 'account' | 'page';
  signedIn: boolean;
  /** The platform's words for the kind of form (`wordingContext`): a message rather than an application. */
  wording?: { context?: 'message' };
}

/**
 * The confirmation page: the reference large enough to read out, spelled for the phone, the receipt to keep,
 * and what happens next. A guest without e-mail keeps this page's receipt: nothing else reaches them online.
 */
export function ConfirmationPage(props: ConfirmationProps) {
  const { t } = props.page;
  return (
    <div class="kern-stack-lg">
      <div class="kern-alert kern-alert--success application-reference" role="status">
        <div class="kern-alert__header">
          <h1 class="kern-title">{t('applications:confirmation.title', props.wording)}</h1>
        </div>
        <div class="kern-alert__body kern-stack-sm">
          <p class="kern-body">{t('applications:confirmation.received', { ...props.wording, form: props.title })}</p>
          <p class="kern-body">
            {t('applications:confirmation.reference')}
            <br />
            <strong class="application-reference__code">{props.reference}</strong>
          </p>
          <p class="kern-body kern-body--small">
            {t('applications:confirmation.spelled')} {props.spelled}
          </p>
        </div>
      </div>
      {/* What to do with the reference belongs beside it, before what happens next. */}
      {props.signedIn ? (
        <p class="kern-body">
          <a class="kern-link" href="/konto/antraege">
            {t('applications:confirmation.follow', props.wording)}
          </a>
        </p>
      ) : (
        <Alert kind="info" title={t('applications:confirmation.keepTitle')}>
          <p class="kern-body">{t('applications:confirmation.keep', props.wording)}</p>
        </Alert>
      )}
      <div class="kern-stack-sm">
        {props.receiptHref ? (
          <p class="kern-body">
            <a class="kern-link" href={props.receiptHref} download>
              {t('applications:confirmation.receipt')}
            </a>
          </p>
        ) : null}
        <p class="kern-body">{t(`applications:confirmation.by.${props.confirmedBy}`)}</p>
      </div>
      <section aria-labelledby="next-steps" class="kern-stack-sm">
        <h2 id="next-steps" class="kern-heading-medium">
          {t('applications:confirmation.next')}
        </h2>
        <p class="kern-body" lang={props.nextStepsLang}>
          {props.nextSteps}
        </p>
      </section>
    </div>
  );
}
