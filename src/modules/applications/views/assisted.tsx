import { Alert, ErrorSummary, Heading, PostForm, RadioGroup, Select, SubmitButton, TextField, type ChoiceGroup } from '#kernel/html/components.tsx';
import type { FieldErrors, PageContext } from '#kernel/html/page.ts';
import { FormKey, rawText, type Raw } from '#kernel/forms/index.ts';
import type { AssistedChannel, EnteredCase, FormToEnter } from '../service.assisted.ts';
import { langOf, textIn } from './text.ts';

/**
 * Where a caseworker enters an application that came on paper, by phone or at the counter: which form,
 * how it came, and optionally the citizen's account to link it to. The form's own pages follow.
 */
export function AssistedStartPage(props: { page: PageContext; forms: FormToEnter[]; channels: readonly AssistedChannel[]; raw: Raw; errors: FieldErrors }) {
  const { page, raw, errors } = props;
  const { t, lang } = page;
  const offices = new Map<string, ChoiceGroup>();
  for (const form of props.forms) {
    const group = offices.get(form.office.id) ?? { label: form.office.title, choices: [] };
    group.choices.push({ value: form.key, label: textIn(form.title, lang) });
    offices.set(form.office.id, group);
  }
  return (
    <>
      <Heading lead={t('applications:assisted.lead')}>{t('applications:assisted.title')}</Heading>
      <ErrorSummary page={page} errors={errors} />
      {props.forms.length === 0 ? (
        <Alert kind="info" title={t('applications:assisted.noFormsTitle')}>
          <p>{t('applications:assisted.noForms')}</p>
        </Alert>
      ) : (
        <PostForm page={page} action="/verwaltung/antraege/neu">
          <FormKey raw={raw} />
          <Select
            name="formKey"
            label={t('applications:assisted.fields.form')}
            choices={[{ value: '', label: t('applications:assisted.fields.formChoose') }]}
            groups={[...offices.values()]}
            value={rawText(raw, 'formKey')}
            error={errors.formKey}
          />
          <RadioGroup
            name="channel"
            label={t('applications:assisted.fields.channel')}
            choices={props.channels.map((channel) => ({ value: channel, label: t(`applications:assisted.channels.${channel}`) }))}
            value={rawText(raw, 'channel')}
            error={errors.channel}
          />
          <TextField
            name="email"
            type="email"
            label={t('applications:assisted.fields.email')}
            optionalLabel={t('kernel:forms.optional')}
            hint={t('applications:assisted.fields.emailHint')}
            value={rawText(raw, 'email')}
            autocomplete="off"
            maxLength={254}
            error={errors.email}
          />
          <SubmitButton label={t('applications:assisted.submit')} />
        </PostForm>
      )}
      <h2 class="kern-heading-medium">{t('applications:assisted.afterTitle')}</h2>
      <p>{t('applications:assisted.after')}</p>
    </>
  );
}

/**
 * The case an entered application became, for the caseworker who entered it: the reference large and
 * spelled to read out on the phone, how the confirmation reaches the applicant, the receipt to print and
 * hand over, and the way to the case in the back office.
 */
export function EnteredCasePage(props: { page: PageContext; entered: EnteredCase; spelled: string; receiptHref: string | null; caseHref: string }) {
  const { page, entered } = props;
  const { t, lang } = page;
  const { made, form } = entered;
  return (
    <>
      <div class="kern-alert kern-alert--success application-reference" role="status">
        <div class="kern-alert__header">
          <h1 class="kern-title">{t('applications:assisted.entered.title')}</h1>
        </div>
        <div class="kern-alert__body">
          <p>
            {t('applications:assisted.entered.received', { channel: t(`applications:channels.${made.channel}`) })} <span lang={langOf(form.definition.title, lang)}>{textIn(form.definition.title, lang)}</span>
          </p>
          <p>
            {t('applications:confirmation.reference')}
            <br />
            <strong class="application-reference__code">{made.reference}</strong>
          </p>
          <p class="kern-body--small">
            {t('applications:confirmation.spelled')} {props.spelled}
          </p>
        </div>
      </div>
      <p>{t(`applications:assisted.entered.by.${entered.confirmedBy}`)}</p>
      <p>{made.user_id ? t('applications:assisted.entered.linked') : t('applications:assisted.entered.notLinked')}</p>
      <ul class="kern-list">
        {props.receiptHref ? (
          <li>
            <a href={props.receiptHref} download>
              {t('applications:assisted.entered.receipt')}
            </a>
          </li>
        ) : null}
        <li>
          <a href={props.caseHref}>{t('applications:assisted.entered.case')}</a>
        </li>
        <li>
          <a href="/verwaltung/antraege/neu">{t('applications:assisted.entered.another')}</a>
        </li>
      </ul>
    </>
  );
}
