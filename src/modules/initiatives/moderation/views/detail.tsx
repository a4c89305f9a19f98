import type { ComponentChildren } from 'preact';
import { ErrorSummary, Heading, PostForm, SubmitButton, TextArea, StatusNote } from '#kernel/html/components.tsx';
import { formatDateTime } from '#kernel/html/format.ts';
import type { FieldErrors, PageContext } from '#kernel/html/page.ts';
import { districts, isDistrict } from '#modules/initiatives/vocabulary.ts';
import type { EntryForModerator } from '../service.moderation.ts';
import type { ModeratorStep } from '../workflow.ts';

function Item(props: { label: string; children: ComponentChildren }) {
  return (
    <div class="kern-description-list-item">
      <dt class="kern-description-list-item__key">{props.label}</dt>
      <dd class="kern-description-list-item__value">{props.children}</dd>
    </div>
  );
}

const list = (values: readonly string[], label: (value: string) => string, none: string) => (values.length > 0 ? values.map(label).join(', ') : none);

/** The whole entry for a moderator: what would be public, who proposed it, its history, and the steps allowed now. */
export function DetailPage(props: { page: PageContext; entry: EntryForModerator; stepErrors: FieldErrors; noteRaw: string; notice?: string | undefined }) {
  const { t } = props.page;
  const { initiative, maintainers, history, steps } = props.entry;
  const lang = props.page.lang;
  const dash = t('initiatives:moderation.detail.none');
  return (
    <>
      <Heading lead={t(`initiatives:moderation.status.${initiative.status}`)}>{initiative.name}</Heading>
      <ErrorSummary page={props.page} errors={props.stepErrors} />
      {props.notice ? (
        <StatusNote>
          <p>{props.notice}</p>
        </StatusNote>
      ) : null}
      {initiative.status === 'published' ? (
        <p>
          <a class="kern-link" href={`/initiativen/${initiative.slug}`}>
            {t('initiatives:moderation.detail.publicPage')}
          </a>
        </p>
      ) : null}
      <h2 class="kern-heading-medium">{t('initiatives:moderation.detail.entry')}</h2>
      <dl class="kern-description-list">
        <Item label={t('initiatives:moderation.fields.summary')}>{initiative.summary}</Item>
        <Item label={t('initiatives:moderation.fields.description')}>{initiative.description || dash}</Item>
        <Item label={t('initiatives:moderation.fields.providerKind')}>{t(`initiatives:providerKinds.${initiative.provider_kind}`)}</Item>
        <Item label={t('initiatives:moderation.fields.domains')}>{list(initiative.domains, (v) => t(`initiatives:domains.${v}`), dash)}</Item>
        <Item label={t('initiatives:moderation.fields.targetGroups')}>{list(initiative.target_groups, (v) => t(`initiatives:targetGroups.${v}`), dash)}</Item>
        <Item label={t('initiatives:moderation.fields.districts')}>{list(initiative.districts, (v) => (isDistrict(v) ? districts[v].name : v), t('initiatives:wholeTown'))}</Item>
        <Item label={t('initiatives:moderation.fields.website')}>{initiative.website ?? dash}</Item>
        <Item label={t('initiatives:moderation.fields.contactName')}>{initiative.contact_name ?? dash}</Item>
        <Item label={t('initiatives:moderation.fields.contactEmail')}>{initiative.contact_email ?? dash}</Item>
        <Item label={t('initiatives:moderation.fields.contactPhone')}>{initiative.contact_phone ?? dash}</Item>
        <Item label={t('initiatives:moderation.fields.accessibility')}>{list(initiative.accessibility, (v) => t(`initiatives:accessibility.${v}`), dash)}</Item>
        <Item label={t('initiatives:moderation.fields.accessibilityNote')}>{initiative.accessibility_note ?? dash}</Item>
        <Item label={t('initiatives:moderation.fields.languages')}>{list(initiative.languages, (v) => t(`initiatives:languages.${v}`, { defaultValue: v }), dash)}</Item>
        <Item label={t('initiatives:moderation.fields.meetingTimes')}>{initiative.meeting_times ?? dash}</Item>
        <Item label={t('initiatives:moderation.fields.logo')}>
          {initiative.logo_file_id ? (
            <>
              <img class="initiatives-logo" src={`/verwaltung/initiativen/${initiative.id}/logo`} alt="" /> {initiative.logo_alt ?? dash}
            </>
          ) : (
            dash
          )}
        </Item>
        <Item label={t('initiatives:moderation.fields.address')}>
          {initiative.address ?? dash}
          {initiative.latitude !== null ? ` (${initiative.latitude}, ${initiative.longitude})` : ''}
        </Item>
        {initiative.moderator_question ? <Item label={t('initiatives:moderation.detail.question')}>{initiative.moderator_question}</Item> : null}
        {initiative.proposer_answer ? <Item label={t('initiatives:moderation.detail.answer')}>{initiative.proposer_answer}</Item> : null}
        {initiative.reject_reason ? <Item label={t('initiatives:moderation.detail.rejectReason')}>{initiative.reject_reason}</Item> : null}
      </dl>
      <h2 class="kern-heading-medium">{t('initiatives:moderation.detail.maintainers')}</h2>
      {maintainers.length === 0 ? (
        <p>{dash}</p>
      ) : (
        <ul>
          {maintainers.map((m) => (
            <li key={m.id}>
              {t('initiatives:moderation.detail.maintainerLine', { name: m.name ?? '', email: m.email ?? '', status: t(`initiatives:moderation.maintainerStatus.${m.status}`) })}
              {m.email_confirmed_at ? '' : ` – ${t('initiatives:moderation.queue.unconfirmedAddress')}`}
              {props.entry.consentedAt.has(m.id) ? ` – ${t('initiatives:moderation.detail.consented', { when: formatDateTime(props.entry.consentedAt.get(m.id)!, props.page.lang) })}` : ''}
            </li>
          ))}
        </ul>
      )}
      {steps.length > 0 ? (
        <>
          <h2 class="kern-heading-medium">{t('initiatives:moderation.detail.steps')}</h2>
          {steps.map((step) => (
            <StepForm key={step} page={props.page} id={initiative.id} step={step as ModeratorStep} error={props.stepErrors[`note-${step}`]} raw={props.noteRaw} />
          ))}
        </>
      ) : null}
      <h2 class="kern-heading-medium">{t('initiatives:moderation.detail.history')}</h2>
      {history.length === 0 ? (
        <p>{dash}</p>
      ) : (
        <ol>
          {history.map((row) => (
            <li key={`${row.at.toISOString()}-${row.transition}`}>
              <time datetime={row.at.toISOString()}>{formatDateTime(row.at, lang)}</time>: {t(`initiatives:moderation.transitions.${row.transition}`, { defaultValue: row.transition })}
              {row.actor_name ? ` (${row.actor_name})` : ''}
              {row.note ? ` – ${row.note}` : ''}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

function StepForm(props: { page: PageContext; id: string; step: ModeratorStep; error: string | undefined; raw: string }) {
  const { t } = props.page;
  const noted = props.step !== 'publish';
  return (
    <PostForm page={props.page} action={`/verwaltung/initiativen/${props.id}/${props.step}`}>
      {noted ? (
        <TextArea name={`note-${props.step}`} label={t(`initiatives:moderation.detail.noteFor.${props.step}`)} hint={t('initiatives:moderation.detail.noteHint')} error={props.error} value={props.error ? props.raw : ''} />
      ) : null}
      <SubmitButton kind={props.step === 'publish' ? 'primary' : 'secondary'} label={t(`initiatives:moderation.detail.button.${props.step}`)} />
    </PostForm>
  );
}
