import { Alert, Checkbox, ErrorSummary, Heading, PostForm, SubmitButton, TextField } from '#kernel/html/components.tsx';
import type { FieldErrors, PageContext } from '#kernel/html/page.ts';

/** Changing the password while signed in; other sessions end unless the box is cleared. */
export function ChangePasswordPage({ page, errors, endOtherSessions }: { page: PageContext; errors: FieldErrors; endOtherSessions: boolean }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('accounts:password.intro')}>{t('accounts:password.title')}</Heading>
      <ErrorSummary page={page} errors={errors} />
      <PostForm page={page} action="/konto/passwort">
        <TextField name="currentPassword" type="password" label={t('accounts:fields.currentPassword')} autocomplete="current-password" error={errors.currentPassword} />
        <TextField name="password" type="password" label={t('accounts:fields.newPassword')} hint={t('accounts:register.passwordHint')} autocomplete="new-password" error={errors.password} />
        <TextField name="passwordRepeat" type="password" label={t('accounts:fields.passwordRepeat')} autocomplete="new-password" error={errors.passwordRepeat} />
        <Checkbox name="endOtherSessions" label={t('accounts:password.endOtherSessions')} hint={t('accounts:password.endOtherSessionsHint')} checked={endOtherSessions} />
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
  values: { email?: string | undefined };
  errors: FieldErrors;
  currentEmail: string | null;
  pendingEmail: string | null;
  hasPassword: boolean;
}

export function ChangeEmailPage({ page, values, errors, currentEmail, pendingEmail, hasPassword }: ChangeEmailProps) {
  const { t } = page;
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
        <TextField name="email" type="email" label={t('accounts:fields.newEmail')} value={values.email} autocomplete="email" maxLength={254} error={errors.email} />
        {hasPassword ? (
          <TextField name="password" type="password" label={t('accounts:fields.currentPassword')} hint={t('accounts:emailChange.passwordHint')} autocomplete="current-password" error={errors.password} />
        ) : (
          <TextField name="confirm" label={t('accounts:emailChange.confirmLabel')} maxLength={40} error={errors.confirm} />
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
