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
}

/**
 * The confirmation page: the reference large enough to read out, spelled for the phone, the receipt to keep,
 * and what happens next. A guest without e-mail keeps this page's receipt: nothing else reaches them online.
 */
export function ConfirmationPage(props: ConfirmationProps) {
  const { t } = props.page;
  return (
    <>
      <div class="kern-alert kern-alert--success application-reference" role="status">
        <div class="kern-alert__header">
          <h1 class="kern-title">{t('applications:confirmation.title')}</h1>
        </div>
        <div class="kern-alert__body">
          <p>{t('applications:confirmation.received', { form: props.title })}</p>
          <p>
            {t('applications:confirmation.reference')}
            <br />
            <strong class="application-reference__code">{props.reference}</strong>
          </p>
          <p class="kern-body--small">
            {t('applications:confirmation.spelled')} {props.spelled}
          </p>
        </div>
      </div>
      {props.receiptHref ? (
        <p>
          <a href={props.receiptHref} download>
            {t('applications:confirmation.receipt')}
          </a>
        </p>
      ) : null}
      <p>{t(`applications:confirmation.by.${props.confirmedBy}`)}</p>
      <h2 class="kern-heading-medium">{t('applications:confirmation.next')}</h2>
      <p lang={props.nextStepsLang}>{props.nextSteps}</p>
      {props.signedIn ? (
        <p>
          <a href="/konto/antraege">{t('applications:confirmation.follow')}</a>
        </p>
      ) : (
        <Alert kind="info" title={t('applications:confirmation.keepTitle')}>
          <p>{t('applications:confirmation.keep')}</p>
        </Alert>
      )}
    </>
  );
}
