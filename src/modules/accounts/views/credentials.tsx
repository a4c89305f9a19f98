import { FormField, rawText, type FormState } from '#kernel/forms/index.ts';
import { Alert, ErrorSummary, Heading, PostForm, SubmitButton, TextField } from '#kernel/html/components.tsx';
import type { PageContext } from '#kernel/html/page.ts';
import { changeEmailForm, changePasswordForm } from '../forms.ts';

/** Changing the password while signed in; other sessions end unless the box is cleared. */
export function ChangePasswordPage({ page, state }: { page: PageContext; state: FormState }) {
  const { t } = page;
  const field = { page, form: changePasswordForm, raw: state.raw, errors: state.errors };
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('accounts:password.intro')}>{t('accounts:password.title')}</Heading>
      <ErrorSummary page={page} errors={state.errors} />
      <PostForm page={page} action="/konto/passwort">
        <FormField {...field} name="currentPassword" />
        <FormField {...field} name="password" />
        <FormField {...field} name="passwordRepeat" />
        <FormField {...field} name="endOtherSessions" />
        <SubmitButton label={t('accounts:password.submit')} />
      </PostForm>
    </div>
  );
}

/** For an account that signs in only through an external provider: nothing to change, one way to set one. */
export function NoPasswordPage({ page }: { page: PageContext }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading>{t('accounts:password.setTitle')}</Heading>
      <p class="kern-body">{t('accounts:password.none')}</p>
      <p class="kern-body">
        <a class="kern-link" href="/passwort-vergessen">
          {t('accounts:password.setLink')}
        </a>
      </p>
    </div>
  );
}

interface ChangeEmailProps {
  page: PageContext;
  state: FormState;
  currentEmail: string | null;
  pendingEmail: string | null;
  hasPassword: boolean;
}

/** The new address, and one of two ways to confirm, whichever the account has: its password, or a word typed in. */
export function ChangeEmailPage({ page, state, currentEmail, pendingEmail, hasPassword }: ChangeEmailProps) {
  const { t } = page;
  const { raw, errors } = state;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('accounts:emailChange.intro')}>{t('accounts:emailChange.title')}</Heading>
      <ErrorSummary page={page} errors={errors} />
      <p class="kern-body">
        {t('accounts:emailChange.current')} <strong>{currentEmail ?? t('accounts:emailChange.noCurrent')}</strong>
      </p>
      {pendingEmail ? (
        <Alert kind="info" title={t('accounts:emailChange.pendingTitle')}>
          <p class="kern-body">{t('accounts:emailChange.pending', { email: pendingEmail })}</p>
        </Alert>
      ) : null}
      <PostForm page={page} action="/konto/e-mail">
        <FormField page={page} form={changeEmailForm} raw={raw} errors={errors} name="email" />
        {hasPassword ? (
          <TextField name="password" type="password" label={t('accounts:fields.currentPassword')} hint={t('accounts:emailChange.passwordHint')} autocomplete="current-password" error={errors.password} />
        ) : (
          <TextField name="confirm" label={t('accounts:emailChange.confirmLabel')} value={rawText(raw, 'confirm')} maxLength={40} error={errors.confirm} />
        )}
        <SubmitButton label={t('accounts:emailChange.submit')} />
      </PostForm>
    </div>
  );
}

/** The mailed link's page: the button, not the link, changes the address (mail scanners open links). */
export function ConfirmEmailChangePage({ page, token }: { page: PageContext; token: string }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('accounts:emailChange.confirmIntro')}>{t('accounts:emailChange.confirmTitle')}</Heading>
      <PostForm page={page} action="/e-mail-bestaetigen">
        <input type="hidden" name="token" value={token} />
        <SubmitButton label={t('accounts:emailChange.confirmSubmit')} />
      </PostForm>
    </div>
  );
}
