import { auditActionLabel, auditActorLabel } from '#kernel/audit.ts';
import { FormField, rawText, type FormState } from '#kernel/forms/index.ts';
import type { PageContext } from '#kernel/html/page.ts';
import { ErrorSummary, Heading, PostForm, SubmitButton, TextField } from '#kernel/html/components.tsx';
import { formatDateTime, isoString } from '#kernel/html/format.ts';
import type { AccountLink } from '#kernel/module.ts';
import { browserWords } from '../devices.ts';
import { preferencesForm } from '../forms.ts';
import type { User } from '../tables.ts';
import { Notice } from './auth.tsx';

export function AccountPage({ page, user, notice, moduleLinks }: { page: PageContext; user: User; notice?: string; moduleLinks: readonly AccountLink[] }) {
  const { t } = page;
  const address = user.street ? `${user.street} ${user.house_number ?? ''}, ${user.postal_code ?? ''} ${user.city ?? ''}` : t('accounts:account.noAddress');
  const links = [
    ...moduleLinks.map((link) => [link.path, link.label]),
    ['/konto/einstellungen', 'accounts:account.edit'],
    ...(user.kind === 'citizen' ? [['/konto/e-mail', 'accounts:account.changeEmail']] : []),
    ['/konto/passwort', user.password_hash ? 'accounts:account.changePassword' : 'accounts:account.setPassword'],
    ['/konto/sitzungen', 'accounts:account.sessions'],
    ['/konto/daten', 'accounts:account.data'],
    ...(user.kind === 'staff' ? [['/verwaltung', 'accounts:account.staffArea']] : []),
  ];
  return (
    <div class="kern-stack-lg">
      <Heading>{t('accounts:account.greeting', { name: user.display_name })}</Heading>
      <Notice page={page} notice={notice} />
      <section aria-labelledby="profile-heading">
        <h2 class="kern-heading-medium" id="profile-heading">
          {t('accounts:account.profileHeading')}
        </h2>
        <dl class="kern-description-list">
          <Entry label={t('accounts:account.email')} value={user.email ?? '–'} />
          <Entry label={t('accounts:account.channel')} value={t(`accounts:channels.${user.preferred_channel}`)} />
          <Entry label={t('accounts:account.language')} value={`${t(`accounts:account.languages.${user.language}`)}${user.simplified_language ? ` · ${t('accounts:account.simplified')}` : ''}`} />
          <Entry label={t('accounts:account.address')} value={address} />
        </dl>
      </section>
      <ul class="kern-list">
        {links.map(([href, label]) => (
          <li key={href}>
            <a class="kern-link" href={href}>
              {t(label!)}
            </a>
          </li>
        ))}
      </ul>
      {/* Rarely wanted and not to be hit by mistake: last, small, apart from the everyday links. */}
      {user.kind === 'citizen' ? (
        <p class="kern-body kern-body--small account-delete">
          <a class="kern-link kern-link--small" href="/konto/loeschen">
            {t('accounts:account.delete')}
          </a>
        </p>
      ) : null}
    </div>
  );
}

function Entry({ label, value }: { label: string; value: string }) {
  return (
    <div class="kern-description-list-item">
      <dt class="kern-description-list-item__key">{label}</dt>
      <dd class="kern-description-list-item__value">{value}</dd>
    </div>
  );
}

/**
 * The address is asked for as needed: with letters chosen (in what was saved, or what was just sent) its
 * fields are required and say so; otherwise they are marked as needed only for letters. Without JavaScript
 * the page cannot follow the choice as it is made, so the hints say the rule in words.
 */
export function PreferencesPage({ page, state, addressRequired: required }: { page: PageContext; state: FormState; addressRequired: boolean }) {
  const { t } = page;
  const { raw, errors } = state;
  const field = { page, form: preferencesForm, raw, errors };
  const address = required ? { required: true } : { optionalLabel: t('accounts:preferences.addressOptional') };
  return (
    <div class="kern-stack-lg">
      <Heading>{t('accounts:preferences.title')}</Heading>
      <ErrorSummary page={page} errors={errors} />
      <PostForm page={page} action="/konto/einstellungen">
        <FormField {...field} name="displayName" />
        <FormField {...field} name="preferredChannel" />
        <FormField {...field} name="language" />
        <FormField {...field} name="simplifiedLanguage" />
        <fieldset class="kern-fieldset" aria-describedby="address-hint">
          <legend class="kern-label">{t(required ? 'accounts:preferences.addressLegendRequired' : 'accounts:preferences.addressLegend')}</legend>
          <div class="kern-hint" id="address-hint">
            {t(required ? 'accounts:preferences.addressHintRequired' : 'accounts:preferences.addressHint')}
          </div>
          <div class="kern-fieldset__body kern-stack-sm">
            <TextField name="street" label={t('accounts:fields.street')} value={rawText(raw, 'street')} autocomplete="address-line1" {...address} maxLength={200} error={errors.street} />
            <TextField name="houseNumber" label={t('accounts:fields.houseNumber')} value={rawText(raw, 'houseNumber')} {...address} maxLength={20} width={4} error={errors.houseNumber} />
            <TextField name="postalCode" label={t('accounts:fields.postalCode')} value={rawText(raw, 'postalCode')} autocomplete="postal-code" inputmode="numeric" {...address} maxLength={10} width={4} error={errors.postalCode} />
            <TextField name="city" label={t('accounts:fields.city')} value={rawText(raw, 'city')} autocomplete="address-level2" {...address} maxLength={200} error={errors.city} />
          </div>
        </fieldset>
        <SubmitButton label={t('accounts:preferences.submit')} />
      </PostForm>
    </div>
  );
}

interface SessionRow {
  token_hash: string;
  created_at: Date;
  last_seen_at: Date;
  user_agent: string | null;
  current: boolean;
}

export function SessionsPage({ page, sessions, notice }: { page: PageContext; sessions: SessionRow[]; notice?: string }) {
  const { t, lang } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('accounts:sessions.intro')}>{t('accounts:sessions.title')}</Heading>
      {notice ? <Notice page={page} notice={notice} /> : null}
      <div class="kern-table-responsive">
        <table class="kern-table">
          <thead class="kern-table__header">
            <tr>
              <th scope="col">{t('accounts:sessions.device')}</th>
              <th scope="col">{t('accounts:sessions.since')}</th>
              <th scope="col">{t('accounts:sessions.lastSeen')}</th>
            </tr>
          </thead>
          <tbody class="kern-table__body">
            {sessions.map((session) => (
              <tr key={session.token_hash}>
                <td class="kern-table__cell">
                  {(session.user_agent && browserWords(t, session.user_agent)) ?? t('accounts:sessions.unknownDevice')}
                  {session.current ? <strong> ({t('accounts:sessions.current')})</strong> : null}
                </td>
                <td class="kern-table__cell">
                  <time datetime={isoString(session.created_at)}>{formatDateTime(session.created_at, lang)}</time>
                </td>
                <td class="kern-table__cell">
                  <time datetime={isoString(session.last_seen_at)}>{formatDateTime(session.last_seen_at, lang)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <PostForm page={page} action="/konto/sitzungen/beenden">
        <SubmitButton kind="secondary" label={t('accounts:sessions.endOthers')} />
      </PostForm>
    </div>
  );
}

interface AccessRow {
  at: Date;
  actor_label: string;
  /** The acting account's name while it exists. */
  actor_name: string | null;
  action: string;
  subject_type: string;
  reason: string | null;
}

export function DataPage({ page, access }: { page: PageContext; access: AccessRow[] }) {
  const { t, lang } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('accounts:data.intro')}>{t('accounts:data.title')}</Heading>
      <p class="kern-body data-actions">
        <a class="kern-btn kern-btn--primary" href="/konto/daten/ansehen">
          <span class="kern-label">{t('accounts:data.view')}</span>
        </a>{' '}
        <a class="kern-btn kern-btn--secondary" href="/konto/daten.json" download="meine-daten.json">
          <span class="kern-icon kern-icon--download kern-icon--default" aria-hidden="true" />
          <span class="kern-label">{t('accounts:data.download')}</span>
        </a>
      </p>
      <section aria-labelledby="access-heading">
        <h2 class="kern-heading-medium" id="access-heading">
          {t('accounts:data.accessHeading')}
        </h2>
        <p class="kern-body">{t('accounts:data.accessIntro')}</p>
        {access.length === 0 ? (
          <p class="kern-body">{t('accounts:data.accessNone')}</p>
        ) : (
          <div class="kern-table-responsive">
            <table class="kern-table">
              <thead class="kern-table__header">
                <tr>
                  <th scope="col">{t('accounts:data.when')}</th>
                  <th scope="col">{t('accounts:data.who')}</th>
                  <th scope="col">{t('accounts:data.what')}</th>
                </tr>
              </thead>
              <tbody class="kern-table__body">
                {access.map((entry, index) => (
                  <tr key={index}>
                    <td class="kern-table__cell">
                      <time datetime={isoString(entry.at)}>{formatDateTime(entry.at, lang)}</time>
                    </td>
                    <td class="kern-table__cell">{entry.actor_name ?? auditActorLabel(t, entry.actor_label)}</td>
                    <td class="kern-table__cell">
                      {auditActionLabel(t, entry.action)}
                      {entry.reason ? ` – ${entry.reason}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

/** One of two ways to confirm, whichever the account has: its password, or the word typed in. */
export function DeletePage({ page, state, hasPassword }: { page: PageContext; state: FormState; hasPassword: boolean }) {
  const { t } = page;
  const { raw, errors } = state;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('accounts:delete.intro')}>{t('accounts:delete.title')}</Heading>
      <ErrorSummary page={page} errors={errors} />
      <PostForm page={page} action="/konto/loeschen">
        {hasPassword ? (
          <TextField name="password" type="password" label={t('accounts:delete.passwordLabel')} autocomplete="current-password" error={errors.password} />
        ) : (
          <TextField name="confirm" label={t('accounts:delete.confirmLabel')} value={rawText(raw, 'confirm')} maxLength={40} error={errors.confirm} />
        )}
        <SubmitButton label={t('accounts:delete.submit')} />
      </PostForm>
    </div>
  );
}
