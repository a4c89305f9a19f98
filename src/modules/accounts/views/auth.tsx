import type { ComponentChildren } from 'preact';
import { FormField, FormKey, type FormState } from '#kernel/forms/index.ts';
import type { PageContext } from '#kernel/html/page.ts';
import { Alert, ErrorSummary, Heading, PostForm, SubmitButton } from '#kernel/html/components.tsx';
import { codeForm, emailForm, loginForm, newPasswordForm, registerForm } from '../forms.ts';

interface FormProps {
  page: PageContext;
  /** What was typed and the problems in words (`formState`). */
  state: FormState;
}

export function Notice({ page, notice }: { page: PageContext; notice: string | undefined }) {
  return notice ? <Alert kind="success" title={page.t(notice)} /> : null;
}

export function LoginPage({ page, state, next, notice, oidcProvider }: FormProps & { next: string; notice?: string; oidcProvider?: string }) {
  const { t } = page;
  const field = { page, form: loginForm, raw: state.raw, errors: state.errors };
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('accounts:login.intro')}>{t('accounts:login.title')}</Heading>
      <Notice page={page} notice={notice} />
      <ErrorSummary page={page} errors={state.errors} />
      <PostForm page={page} action="/anmelden">
        <input type="hidden" name="next" value={next} />
        <FormField {...field} name="email" />
        <FormField {...field} name="password" />
        <SubmitButton label={t('accounts:login.submit')} />
      </PostForm>
      <ul class="kern-list">
        <li>
          <a class="kern-link" href="/passwort-vergessen">
            {t('accounts:login.forgot')}
          </a>
        </li>
        <li>
          {t('accounts:login.noAccount')}{' '}
          <a class="kern-link" href="/registrieren">
            {t('accounts:login.register')}
          </a>
        </li>
        <li>
          <a class="kern-link" href="/registrieren/erneut-senden">
            {t('accounts:login.resend')}
          </a>
        </li>
      </ul>
      {oidcProvider ? (
        <section aria-labelledby="oidc-heading">
          <h2 class="kern-heading-small" id="oidc-heading">
            {t('accounts:login.oidcHeading')}
          </h2>
          <a class="kern-btn kern-btn--secondary" href="/anmelden/oidc">
            <span class="kern-label">{t('accounts:login.oidcButton', { provider: oidcProvider })}</span>
          </a>
        </section>
      ) : null}
    </div>
  );
}

export function SecondFactorPage({ page, state }: FormProps) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('accounts:secondFactor.intro')}>{t('accounts:secondFactor.title')}</Heading>
      <ErrorSummary page={page} errors={state.errors} />
      <PostForm page={page} action="/anmelden/zweiter-faktor">
        <FormField page={page} form={codeForm} raw={{}} errors={state.errors} name="code" />
        <SubmitButton label={t('accounts:secondFactor.submit')} />
      </PostForm>
    </div>
  );
}

export function EnrolPage({ page, state, secret, uri }: FormProps & { secret: string; uri: string }) {
  const { t } = page;
  const grouped = secret.match(/.{1,4}/g)?.join(' ') ?? secret;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('accounts:secondFactor.enrolIntro')}>{t('accounts:secondFactor.enrolTitle')}</Heading>
      <ErrorSummary page={page} errors={state.errors} />
      <p class="kern-body">{t('accounts:secondFactor.enrolKey')}</p>
      <p class="kern-body kern-body--large">
        <code data-secret={secret}>{grouped}</code>
      </p>
      <p class="kern-body">
        {t('accounts:secondFactor.enrolUri')}{' '}
        <a class="kern-link" href={uri}>
          {uri.split('?')[0]}
        </a>
      </p>
      <p class="kern-body">{t('accounts:secondFactor.enrolCode')}</p>
      <PostForm page={page} action="/anmelden/zweiter-faktor/einrichten">
        <FormField page={page} form={codeForm} raw={{}} errors={state.errors} name="code" />
        <SubmitButton label={t('accounts:secondFactor.submit')} />
      </PostForm>
    </div>
  );
}

/** Shown once, right after the authenticator is set up; only the codes' hashes are kept. */
export function RecoveryCodesPage({ page, codes }: { page: PageContext; codes: readonly string[] }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('accounts:recoveryCodes.intro')}>{t('accounts:recoveryCodes.title')}</Heading>
      <Alert kind="warning" title={t('accounts:recoveryCodes.onceTitle')}>
        <p class="kern-body">{t('accounts:recoveryCodes.once')}</p>
      </Alert>
      <ol class="kern-list kern-list--number">
        {codes.map((code) => (
          <li key={code}>
            <code data-recovery-code>{code}</code>
          </li>
        ))}
      </ol>
      <p class="kern-body">
        <a class="kern-btn kern-btn--primary" href="/verwaltung">
          <span class="kern-label">{t('accounts:recoveryCodes.continue')}</span>
        </a>
      </p>
    </div>
  );
}

/** The mailed confirmation link's page: the button, not the link, confirms. */
export function ConfirmEmailPage({ page, token }: { page: PageContext; token: string }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('accounts:confirm.intro')}>{t('accounts:confirm.title')}</Heading>
      <PostForm page={page} action="/registrieren/bestaetigen">
        <input type="hidden" name="token" value={token} />
        <SubmitButton label={t('accounts:confirm.submit')} />
      </PostForm>
    </div>
  );
}

export function RegisterPage({ page, state }: FormProps) {
  const { t } = page;
  const field = { page, form: registerForm, raw: state.raw, errors: state.errors };
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('accounts:register.intro')}>{t('accounts:register.title')}</Heading>
      <ErrorSummary page={page} errors={state.errors} />
      <PostForm page={page} action="/registrieren">
        <FormKey raw={state.raw} />
        <FormField {...field} name="displayName" />
        <FormField {...field} name="email" />
        <FormField {...field} name="password" />
        <FormField {...field} name="passwordRepeat" />
        <p class="kern-body">
          <a class="kern-link" href="/datenschutz">
            {t('accounts:register.privacyLink')}
          </a>
        </p>
        <FormField {...field} name="privacy" />
        <SubmitButton label={t('accounts:register.submit')} />
      </PostForm>
    </div>
  );
}

/** A page that only tells something: a confirmation, or why a link did not work. */
export function MessagePage({ page, title, kind = 'info', children }: { page: PageContext; title: string; kind?: 'info' | 'success' | 'danger'; children: ComponentChildren }) {
  return (
    <div class="kern-stack-lg">
      <Heading>{title}</Heading>
      <Alert kind={kind} title={title}>
        {children}
      </Alert>
      <p class="kern-body">
        <a class="kern-link" href="/">
          {page.t('kernel:errors.notFound.next')}
        </a>
      </p>
    </div>
  );
}

export function EmailRequestPage({ page, state, title, intro, action, submit }: FormProps & { title: string; intro: string; action: string; submit: string }) {
  return (
    <div class="kern-stack-lg">
      <Heading lead={intro}>{title}</Heading>
      <ErrorSummary page={page} errors={state.errors} />
      <PostForm page={page} action={action}>
        <FormField page={page} form={emailForm} raw={state.raw} errors={state.errors} name="email" />
        <SubmitButton label={submit} />
      </PostForm>
    </div>
  );
}

export function NewPasswordPage({ page, state, action, title, intro }: FormProps & { action: string; title: string; intro?: string }) {
  const { t } = page;
  const field = { page, form: newPasswordForm, raw: state.raw, errors: state.errors };
  return (
    <div class="kern-stack-lg">
      <Heading lead={intro}>{title}</Heading>
      <ErrorSummary page={page} errors={state.errors} />
      <PostForm page={page} action={action}>
        <FormField {...field} name="token" />
        <FormField {...field} name="password" />
        <FormField {...field} name="passwordRepeat" />
        <SubmitButton label={t('accounts:reset.newSubmit')} />
      </PostForm>
    </div>
  );
}
