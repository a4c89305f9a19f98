import type { ComponentChildren } from 'preact';
import type { FieldErrors, PageContext } from '#kernel/html/page.ts';
import { Alert, Checkbox, ErrorSummary, Heading, PostForm, SubmitButton, TextField } from '#kernel/html/components.tsx';
import type { RegisterBody } from '../schemas.ts';

interface FormProps<T> {
  page: PageContext;
  values: Partial<T>;
  errors: FieldErrors;
}

export function Notice({ page, notice }: { page: PageContext; notice: string | undefined }) {
  return notice ? <Alert kind="success" title={page.t(notice)} /> : null;
}

export function LoginPage({ page, values, errors, next, notice, oidcProvider }: FormProps<{ email: string }> & { next: string; notice?: string; oidcProvider?: string }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('accounts:login.intro')}>{t('accounts:login.title')}</Heading>
      <Notice page={page} notice={notice} />
      <ErrorSummary page={page} errors={errors} />
      <PostForm page={page} action="/anmelden">
        <input type="hidden" name="next" value={next} />
        <TextField name="email" type="email" label={t('accounts:fields.email')} value={values.email} autocomplete="username" maxLength={254} error={errors.email} />
        <TextField name="password" type="password" label={t('accounts:fields.password')} autocomplete="current-password" error={errors.password} />
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

export function SecondFactorPage({ page, errors }: { page: PageContext; errors: FieldErrors }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('accounts:secondFactor.intro')}>{t('accounts:secondFactor.title')}</Heading>
      <ErrorSummary page={page} errors={errors} />
      <PostForm page={page} action="/anmelden/zweiter-faktor">
        <CodeField page={page} error={errors.code} />
        <SubmitButton label={t('accounts:secondFactor.submit')} />
      </PostForm>
    </div>
  );
}

function CodeField({ page, error }: { page: PageContext; error: string | undefined }) {
  const t = page.t;
  return <TextField name="code" label={t('accounts:fields.code')} hint={t('accounts:secondFactor.hint')} inputmode="numeric" autocomplete="one-time-code" maxLength={20} error={error} />;
}

export function EnrolPage({ page, errors, secret, uri }: { page: PageContext; errors: FieldErrors; secret: string; uri: string }) {
  const { t } = page;
  const grouped = secret.match(/.{1,4}/g)?.join(' ') ?? secret;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('accounts:secondFactor.enrolIntro')}>{t('accounts:secondFactor.enrolTitle')}</Heading>
      <ErrorSummary page={page} errors={errors} />
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
        <CodeField page={page} error={errors.code} />
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

export function RegisterPage({ page, values, errors }: FormProps<RegisterBody>) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('accounts:register.intro')}>{t('accounts:register.title')}</Heading>
      <ErrorSummary page={page} errors={errors} />
      <PostForm page={page} action="/registrieren">
        <TextField name="displayName" label={t('accounts:fields.displayName')} value={values.displayName} autocomplete="name" maxLength={200} error={errors.displayName} />
        <TextField name="email" type="email" label={t('accounts:fields.email')} value={values.email} autocomplete="email" maxLength={254} error={errors.email} />
        <TextField name="password" type="password" label={t('accounts:fields.password')} hint={t('accounts:register.passwordHint')} autocomplete="new-password" error={errors.password} />
        <TextField name="passwordRepeat" type="password" label={t('accounts:fields.passwordRepeat')} autocomplete="new-password" error={errors.passwordRepeat} />
        <p class="kern-body">
          <a class="kern-link" href="/datenschutz">
            {t('accounts:register.privacyLink')}
          </a>
        </p>
        <Checkbox name="privacy" value="yes" label={t('accounts:register.privacyLabel')} checked={values.privacy === 'yes'} error={errors.privacy} />
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

export function EmailRequestPage({ page, values, errors, title, intro, action, submit }: FormProps<{ email: string }> & { title: string; intro: string; action: string; submit: string }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={intro}>{title}</Heading>
      <ErrorSummary page={page} errors={errors} />
      <PostForm page={page} action={action}>
        <TextField name="email" type="email" label={t('accounts:fields.email')} value={values.email} autocomplete="email" maxLength={254} error={errors.email} />
        <SubmitButton label={submit} />
      </PostForm>
    </div>
  );
}

export function NewPasswordPage({ page, errors, token, action, title, intro }: { page: PageContext; errors: FieldErrors; token: string; action: string; title: string; intro?: string }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={intro}>{title}</Heading>
      <ErrorSummary page={page} errors={errors} />
      <PostForm page={page} action={action}>
        <input type="hidden" name="token" value={token} />
        <TextField name="password" type="password" label={t('accounts:fields.newPassword')} hint={t('accounts:register.passwordHint')} autocomplete="new-password" error={errors.password} />
        <TextField name="passwordRepeat" type="password" label={t('accounts:fields.passwordRepeat')} autocomplete="new-password" error={errors.passwordRepeat} />
        <SubmitButton label={t('accounts:reset.newSubmit')} />
      </PostForm>
    </div>
  );
}
