import type { ComponentChildren } from 'preact';
import { FormField, FormKey, rawText, type Raw } from '#kernel/forms/index.ts';
import { Alert, ErrorSummary, FieldError, Heading, PostForm, Select, SubmitButton } from '#kernel/html/components.tsx';
import type { FieldErrors, PageContext } from '#kernel/html/page.ts';
import { meetingText, whereText } from '#modules/learning/courses/facts.ts';
import { lang } from '#modules/learning/courses/views/parts.tsx';
import type { SessionFacts } from '#modules/learning/courses/service.notices.ts';
import type { Course } from '#modules/learning/courses/tables.ts';
import { sessionForm } from '../forms.ts';
import type { Trainer } from '../service.sessions.ts';
import { staffSessionPath } from '#modules/learning/courses/views/staff.tsx';
import { courseEditHref } from './paths.ts';

/*
 * A session's form: its meetings (five empty rows to start with; rows left empty are ignored), where it
 * takes place, how many places and the minimum with the day it must be reached by, and who leads it. Once
 * people registered, the meetings and the place are shown as they are, carried along unchanged, with
 * why and what to do instead; once the minimum was decided, the minimum and the deadline too.
 */

export interface SessionState {
  /** Placed and waiting together. */
  people: number;
  decided: boolean;
}

interface Props {
  page: PageContext;
  course: Course;
  raw: Raw;
  errors: FieldErrors;
  trainers: readonly Trainer[];
  action: string;
  /** The session being changed, with who is in it; absent for a new one. */
  existing?: { facts: SessionFacts; state: SessionState } | undefined;
}

/** Inputs carried along unchanged where the page shows their values as text. */
function Carried({ raw, names }: { raw: Raw; names: readonly string[] }) {
  return (
    <>
      {names.map((name) => {
        const value = rawText(raw, name);
        return value === undefined ? null : <input key={name} type="hidden" name={name} value={value} />;
      })}
    </>
  );
}

const meetingInputs = (raw: Raw) => Object.keys(raw).filter((name) => /^meeting\d+(Date|From|To)$/.test(name));

function TrainerSelect({ page, raw, errors, trainers, current }: Pick<Props, 'page' | 'raw' | 'errors' | 'trainers'> & { current: string | null }) {
  const { t } = page;
  const choices = trainers.map((person) => ({ value: person.userId, label: person.name }));
  // Someone who no longer holds the role still leads the sessions given to them, until changed.
  if (current && !choices.some((choice) => choice.value === current)) choices.push({ value: current, label: t('learning:courseEditing.fields.formerTrainer') });
  return (
    <Select
      name="trainer"
      label={t('learning:courseEditing.fields.trainer')}
      hint={t('learning:courseEditing.fields.trainerHint')}
      optionalLabel={t('kernel:forms.optional')}
      error={errors.trainer}
      choices={[{ value: '', label: t('learning:courseEditing.fields.noTrainer') }, ...choices]}
      value={rawText(raw, 'trainer') ?? ''}
    />
  );
}

function Fieldset({ legend, children }: { legend: string; children: ComponentChildren }) {
  return (
    <fieldset class="kern-fieldset">
      <legend class="kern-label">{legend}</legend>
      <div class="kern-fieldset__body kern-stack-sm">{children}</div>
    </fieldset>
  );
}

export function SessionFormPage({ page, course, raw, errors, trainers, action, existing }: Props) {
  const { t } = page;
  const language = lang(page);
  const props = { page, form: sessionForm, raw, errors };
  const locked = (existing?.state.people ?? 0) > 0;
  const decided = existing?.state.decided ?? false;
  const title = existing ? t('learning:courseEditing.session.edit') : t('learning:courseEditing.session.new');
  return (
    <div class="kern-stack-lg">
      <Heading lead={course.title}>{title}</Heading>
      <ErrorSummary page={page} errors={errors} />
      {locked && existing ? (
        <Alert kind="info" title={t('learning:courseEditing.session.lockedTitle', { count: existing.state.people })}>
          <p class="kern-body">{t('learning:courseEditing.session.lockedText')}</p>
          <p class="kern-body">
            <a class="kern-link" href={staffSessionPath(existing.facts.session.id)}>
              {t('learning:courseEditing.session.toCallOff')}
            </a>
          </p>
        </Alert>
      ) : null}
      <PostForm page={page} action={action}>
        <FormKey raw={raw} />
        {locked && existing ? (
          <Fieldset legend={t('learning:courseEditing.session.whenWhere')}>
            <FieldError name="meeting" error={errors.meeting} />
            <FieldError name="place" error={errors.place} />
            <ul class="kern-list" id="meeting">
              {existing.facts.meetings.map((meeting) => (
                <li key={meeting.starts_at.toISOString()}>{meetingText(meeting, language)}</li>
              ))}
            </ul>
            <p class="kern-body" id="place">
              {whereText(existing.facts.session, language)}
            </p>
            <Carried raw={raw} names={[...meetingInputs(raw), 'place', 'address', 'onlineUrl']} />
          </Fieldset>
        ) : (
          <>
            <Fieldset legend={t('learning:courseEditing.session.meetings')}>
              <p class="kern-body">{t('learning:courseEditing.fields.meetingHint')}</p>
              <FormField {...props} name="meeting" />
            </Fieldset>
            <Fieldset legend={t('learning:courseEditing.session.where')}>
              <p class="kern-body">{t('learning:courseEditing.session.whereHint')}</p>
              <FormField {...props} name="place" />
              <FormField {...props} name="address" />
              <FormField {...props} name="onlineUrl" />
            </Fieldset>
          </>
        )}
        <Fieldset legend={t('learning:courseEditing.session.places')}>
          <FormField {...props} name="capacity" />
          {decided ? (
            <>
              <FieldError name="minParticipants" error={errors.minParticipants} />
              <p class="kern-body" id="minParticipants">
                {t('learning:courseEditing.session.decided', { minimum: rawText(raw, 'minParticipants') ?? '' })}
              </p>
              <Carried raw={raw} names={['minParticipants', 'decideByDate', 'decideByTime']} />
            </>
          ) : (
            <>
              <FormField {...props} name="minParticipants" />
              <FormField {...props} name="decideByDate" />
              <FormField {...props} name="decideByTime" />
            </>
          )}
        </Fieldset>
        <TrainerSelect page={page} raw={raw} errors={errors} trainers={trainers} current={existing?.facts.session.trainer_user_id ?? null} />
        <SubmitButton label={t(existing ? 'learning:courseEditing.session.save' : 'learning:courseEditing.session.create')} />
      </PostForm>
      <p>
        <a class="kern-link" href={courseEditHref(course.id)}>
          {t('learning:courseEditing.session.back')}
        </a>
      </p>
    </div>
  );
}
