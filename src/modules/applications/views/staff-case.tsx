import type { ComponentChildren } from 'preact';
import { formatPhone } from '#kernel/forms/phone.ts';
import { Alert, ErrorSummary, Heading } from '#kernel/html/components.tsx';
import { formatDateTime, isoString, telHref } from '#kernel/html/format.ts';
import type { PageContext } from '#kernel/html/page.ts';
import type { StaffCase } from '../service.casework.ts';
import { letterPossible } from '../service.casework.notify.ts';
import { CaseExport } from '../export/view.tsx';
import { AssignForm, CaseActions, WriteForms, type Posted } from './staff-actions.tsx';
import { ReplyByNotice } from './staff-follow.tsx';

const When = ({ at, lang }: { at: Date; lang: 'de' | 'en' }) => <time datetime={isoString(at)}>{formatDateTime(at, lang)}</time>;

function Item({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="kern-description-list-item">
      <dt class="kern-description-list-item__key">{label}</dt>
      <dd class="kern-description-list-item__value">{children}</dd>
    </div>
  );
}

/** Who applied, how to reach them, and whether messages reach them at all. */
function Applicant({ page, made }: { page: PageContext; made: StaffCase }) {
  const { t } = page;
  const { applicant } = made.made;
  const address = applicant.postalAddress;
  const reach = made.reach;
  return (
    <section class="kern-stack-sm" aria-labelledby="case-applicant">
      <h2 class="kern-heading-medium" id="case-applicant">
        {t('applications:casework.applicant.title')}
      </h2>
      <dl class="kern-description-list">
        <Item label={t('applications:casework.applicant.name')}>{applicant.name || t('applications:casework.noName')}</Item>
        <Item label={t('applications:casework.applicant.email')}>{applicant.email ?? '–'}</Item>
        <Item label={t('applications:casework.applicant.phone')}>{applicant.phone ? <a href={telHref(applicant.phone)}>{formatPhone(applicant.phone)}</a> : '–'}</Item>
        <Item label={t('applications:casework.applicant.address')}>{address ? `${address.street} ${address.houseNumber}, ${address.postalCode} ${address.city}` : '–'}</Item>
        <Item label={t('applications:casework.applicant.language')}>{t(`applications:casework.languages.${applicant.language}`)}</Item>
        <Item label={t('applications:casework.applicant.channel')}>{t(`applications:channels.${made.made.channel}`)}</Item>
        <Item label={t('applications:casework.applicant.reach')}>
          {reach.by === 'account'
            ? t(`applications:casework.preference.${reach.profile.preferredChannel}`)
            : reach.by === 'guest'
              ? t(reach.email ? 'applications:casework.preference.guestEmail' : 'applications:casework.preference.guestLetter')
              : t('applications:casework.preference.none')}
        </Item>
      </dl>
      {made.prescribed ? <p class="kern-body">{t('applications:casework.decisionByLetterOnly')}</p> : null}
    </section>
  );
}

/** The processing-time clock beside the form's target; a case past its target says so in words, not only in colour. */
function Clock({ page, made }: { page: PageContext; made: StaffCase }) {
  const { t } = page;
  const { clock, targetDays } = made;
  const late = targetDays !== null && clock.days > targetDays;
  return (
    <section class="kern-stack-xs" aria-labelledby="case-clock">
      <h2 class="kern-heading-medium" id="case-clock">
        {t('applications:casework.clock.title')}
      </h2>
      <p class="kern-body case-clock">
        {t(clock.running ? 'applications:casework.clock.running' : 'applications:casework.clock.stopped', { count: clock.days })}
        {clock.pausedDays > 0 ? ` ${t('applications:casework.clock.paused', { count: clock.pausedDays })}` : ''}
      </p>
      <p class="kern-body">
        {targetDays === null ? t('applications:casework.clock.noTarget') : t('applications:casework.clock.target', { count: targetDays })}
        {late ? (
          <>
            {' '}
            <span class="kern-badge kern-badge--warning">
              <span class="kern-label kern-label--small">{t('applications:casework.clock.late')}</span>
            </span>
          </>
        ) : null}
      </p>
    </section>
  );
}

function Answers({ page, made }: { page: PageContext; made: StaffCase }) {
  const { t } = page;
  return (
    <section class="kern-stack-sm" aria-labelledby="case-answers">
      <h2 class="kern-heading-medium" id="case-answers">
        {t('applications:casework.case.answers')}
      </h2>
      {made.sections.map((section) => (
        <div class="kern-stack-xs" key={section.page.id}>
          <h3 class="kern-heading-small">{section.title}</h3>
          {section.rows.length === 0 ? (
            <p class="kern-body">{t('applications:check.notAnswered')}</p>
          ) : (
            <dl class="kern-description-list">
              {section.rows.map((row) => (
                <Item key={`${row.fieldId}-${row.row ?? 0}`} label={row.label}>
                  {row.text.map((line, index) => (index === 0 ? line : [<br />, line]))}
                </Item>
              ))}
            </dl>
          )}
        </div>
      ))}
    </section>
  );
}

function Files({ page, made }: { page: PageContext; made: StaffCase }) {
  const { t } = page;
  return (
    <section class="kern-stack-sm" aria-labelledby="case-files">
      <h2 class="kern-heading-medium" id="case-files">
        {t('applications:casework.case.files')}
      </h2>
      {made.files.length === 0 ? (
        <p class="kern-body">{t('applications:casework.case.noFiles')}</p>
      ) : (
        <ul class="kern-list">
          {made.files.map((file) => (
            <li key={file.fileId}>
              <a class="kern-link" href={`/verwaltung/antraege/${made.made.id}/dateien/${file.fileId}`} download>
                {file.filename}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** What happened, newest first; internal notes are marked as such in words. */
function Timeline({ page, made }: { page: PageContext; made: StaffCase }) {
  const { t, lang } = page;
  return (
    <section class="kern-stack-sm" aria-labelledby="case-timeline">
      <h2 class="kern-heading-medium" id="case-timeline">
        {t('applications:casework.case.timeline')}
      </h2>
      <ol class="kern-list application-timeline">
        {made.timeline.map((entry, index) => (
          <li key={index} class={entry.kind === 'note' ? 'application-timeline__note' : undefined}>
            <When at={entry.at} lang={lang} />
            {': '}
            {entry.kind === 'step' ? t('applications:casework.timeline.step', { step: t(`applications:casework.steps.${entry.transition}.done`), status: t(`applications:casework.status.${entry.to}`) }) : t(`applications:casework.timeline.${entry.kind}`)}
            {entry.kind === 'note' ? (
              <>
                {' '}
                <strong class="kern-badge kern-badge--info">
                  <span class="kern-label kern-label--small">{t('applications:casework.timeline.internal')}</span>
                </strong>
              </>
            ) : null}
            {entry.by ? ` – ${entry.by}` : ''}
            {entry.text ? <p class="application-timeline__body">{entry.text}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

export interface CaseProps {
  page: PageContext;
  made: StaffCase;
  title: string;
  notice?: { kind: 'success' | 'warning' | 'danger'; text: string } | undefined;
  posted?: Posted | undefined;
}

/** One case for a caseworker of its office: who, where it stands, what to do next, what they sent, what happened. */
export function StaffCasePage({ page, made, title, notice, posted }: CaseProps) {
  const { t } = page;
  const decisionPending = made.actions.some((transition) => transition === 'approve' || transition === 'confirmRejection');
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('applications:casework.case.lead', { reference: made.made.reference, status: t(`applications:casework.status.${made.made.status}`) })}>{title}</Heading>
      {notice ? <Alert kind={notice.kind} title={notice.text} /> : null}
      <ErrorSummary page={page} errors={posted?.errors ?? {}} />
      {made.reach.by === 'none' ? (
        <Alert kind="warning" title={t('applications:casework.unreachable.title')}>
          <p class="kern-body">{t('applications:casework.unreachable.body')}</p>
        </Alert>
      ) : decisionPending && !letterPossible(made.reach, made.prescribed) ? (
        <Alert kind="warning" title={t('applications:casework.noAddress.title')}>
          <p class="kern-body">{t('applications:casework.noAddress.body')}</p>
        </Alert>
      ) : null}
      <Clock page={page} made={made} />
      <ReplyByNotice page={page} replyBy={made.replyBy} />
      <Applicant page={page} made={made} />
      <CaseActions page={page} made={made} posted={posted} />
      <AssignForm page={page} made={made} posted={posted} />
      <Answers page={page} made={made} />
      <Files page={page} made={made} />
      <CaseExport page={page} caseId={made.made.id} state={made.exports} />
      <WriteForms page={page} made={made} posted={posted} />
      <Timeline page={page} made={made} />
    </div>
  );
}
