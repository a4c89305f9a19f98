import { FormFields, type Raw } from '#kernel/forms/index.ts';
import { Alert, ErrorSummary, Heading, PostForm, SubmitButton, TextArea } from '#kernel/html/components.tsx';
import { formatDateTime, telHref } from '#kernel/html/format.ts';
import type { FieldErrors, PageContext } from '#kernel/html/page.ts';
import { phoneRegistrationForm } from '../forms.ts';
import type { SessionView } from '../service.catalogue.ts';
import type { StaffRegistration, StaffSession, StaffSessionRow } from '../service.staff.ts';
import type { Course } from '../tables.ts';
import { SessionFacts, lang } from './parts.tsx';

/*
 * The staff's course pages: the sessions with their figures and open calls; one session's list of people
 * (placed, then waiting, with what they need and how to reach them), the calls to make, the attendance to
 * take, cancelling for someone, calling the session off; and registering someone who calls.
 */

export const staffPath = '/verwaltung/kurse';
export const staffSessionPath = (id: string) => `${staffPath}/${id}`;

/** The coordinator's pages to keep the courses and their dates (`editing/`). */
export const courseEditingPath = `${staffPath}/angebote`;

export function StaffSessionsPage({ page, rows, canEdit = false }: { page: PageContext; rows: StaffSessionRow[]; canEdit?: boolean }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading>{t('learning:courses.staff.title')}</Heading>
      {canEdit ? (
        <p class="kern-body">
          <a class="kern-link" href={courseEditingPath}>
            {t('learning:courseEditing.list.title')}
          </a>
        </p>
      ) : null}
      {rows.length === 0 ? <p class="kern-body">{t('learning:courses.staff.none')}</p> : null}
      <div class="kern-table-responsive">
        <table class="kern-table">
          <caption class="kern-table__caption">{t('learning:courses.staff.caption')}</caption>
          <thead class="kern-table__head">
            <tr class="kern-table__row">
              <th class="kern-table__header" scope="col">{t('learning:courses.staff.when')}</th>
              <th class="kern-table__header" scope="col">{t('learning:courses.staff.course')}</th>
              <th class="kern-table__header" scope="col">{t('learning:courses.staff.placed')}</th>
              <th class="kern-table__header" scope="col">{t('learning:courses.staff.waiting')}</th>
              <th class="kern-table__header" scope="col">{t('learning:courses.staff.calls')}</th>
              <th class="kern-table__header" scope="col">{t('learning:courses.staff.status')}</th>
            </tr>
          </thead>
          <tbody class="kern-table__body">
            {rows.map((row) => (
              <tr key={row.id} class="kern-table__row">
                <td class="kern-table__cell">{formatDateTime(row.starts_at, lang(page))}</td>
                <td class="kern-table__cell">
                  <a class="kern-link" href={staffSessionPath(row.id)}>
                    {row.title}
                  </a>
                </td>
                <td class="kern-table__cell">{t('learning:courses.staff.ofCapacity', { placed: row.placed, capacity: row.capacity, minimum: row.min_participants })}</td>
                <td class="kern-table__cell">{row.waiting}</td>
                <td class="kern-table__cell">{row.calls}</td>
                <td class="kern-table__cell">{t(`learning:courses.staff.statuses.${row.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Contact({ page, registration }: { page: PageContext; registration: StaffRegistration }) {
  const address = registration.postal_address;
  return (
    <>
      {registration.phone ? (
        <a class="kern-link" href={telHref(registration.phone)}>
          {registration.phone}
        </a>
      ) : null}
      {registration.email ? <span> {registration.email}</span> : null}
      {address ? <span> {`${address.street} ${address.houseNumber}, ${address.postalCode} ${address.city}`}</span> : null}
      {registration.user_id ? <span> {page.t('learning:courses.staff.account')}</span> : null}
    </>
  );
}

function needsText(page: PageContext, registration: StaffRegistration): string {
  const needs = registration.support_needs.map((need) => page.t(`learning:courses.needs.${need}`));
  return [...needs, registration.support_note].filter(Boolean).join('; ') || '–';
}

export interface SessionActions {
  attendance: boolean;
  forOthers: boolean;
  manage: boolean;
}

export function StaffSessionPage({ page, data, actions, notice, error }: { page: PageContext; data: StaffSession; actions: SessionActions; notice?: string | undefined; error?: string | undefined }) {
  const { t } = page;
  const { facts } = data;
  const placed = data.registrations.filter((row) => row.status === 'placed');
  const waiting = data.registrations.filter((row) => row.status === 'waiting');
  const calls = data.registrations.filter((row) => row.call_requested_at && !row.called_at);
  const id = facts.session.id;
  const view: SessionView = { ...facts.session, meetings: facts.meetings, placed: placed.length, waiting: waiting.length, free: Math.max(0, facts.session.capacity - placed.length) };
  const started = facts.session.starts_at <= new Date();
  return (
    <div class="kern-stack-lg">
      <Heading lead={t(`learning:courses.staff.statuses.${facts.session.status}`)}>{facts.course.title}</Heading>
      {notice ? <Alert kind="success" title={notice} /> : null}
      {error ? <Alert kind="danger" title={error} /> : null}
      <SessionFacts page={page} course={facts.course} session={view} />
      {actions.forOthers && facts.session.status === 'open' && !started ? (
        <p class="kern-body">
          <a class="kern-link" href={`${staffSessionPath(id)}/anmelden`}>
            {t('learning:courses.staff.registerSomeone')}
          </a>
        </p>
      ) : null}
      {calls.length > 0 && actions.forOthers ? (
        <section aria-labelledby="anrufe" class="kern-stack-sm">
          <h2 class="kern-heading-medium" id="anrufe">
            {t('learning:courses.staff.callsTitle')}
          </h2>
          <p class="kern-body">{t('learning:courses.staff.callsText')}</p>
          <ul class="kern-list">
            {calls.map((row) => (
              <li key={row.id} class="kern-stack-xs">
                <span>
                  {row.displayName} ({row.reference}, {t(`learning:courses.staff.registrationStatus.${row.status}`)}): <Contact page={page} registration={row} />
                </span>
                <PostForm page={page} action={`${staffSessionPath(id)}/anrufe/${row.id}`}>
                  <SubmitButton label={t('learning:courses.staff.called', { name: row.displayName })} kind="secondary" />
                </PostForm>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="teilnehmende" class="kern-stack-sm">
        <h2 class="kern-heading-medium" id="teilnehmende">
          {t('learning:courses.staff.placedTitle', { count: placed.length, capacity: facts.session.capacity })}
        </h2>
        {actions.attendance && started && facts.session.status !== 'cancelled' ? (
          <PostForm page={page} action={`${staffSessionPath(id)}/teilnahme`}>
            <fieldset class="kern-fieldset">
              <legend class="kern-label">{t('learning:courses.staff.attendanceLegend')}</legend>
              <div class="kern-fieldset__body">
                {placed.map((row) => (
                  <div key={row.id} class="kern-form-check">
                    <input class="kern-form-check__input" type="checkbox" id={`anwesend-${row.id}`} name="anwesend" value={row.id} checked={row.attended === true} />
                    <label class="kern-label" for={`anwesend-${row.id}`}>
                      {row.displayName} ({needsText(page, row)})
                    </label>
                    {row.certificateCode ? (
                      <a class="kern-link" href={`${staffPath}/bescheinigungen/${row.certificateCode}.pdf`}>
                        {t('learning:courses.staff.certificate', { code: row.certificateCode, name: row.displayName })}
                      </a>
                    ) : null}
                  </div>
                ))}
              </div>
            </fieldset>
            <SubmitButton label={t('learning:courses.staff.saveAttendance')} />
          </PostForm>
        ) : (
          <People page={page} rows={placed} canCancel={actions.forOthers && !started && facts.session.status === 'open'} sessionId={id} />
        )}
      </section>
      <section aria-labelledby="warteliste" class="kern-stack-sm">
        <h2 class="kern-heading-medium" id="warteliste">
          {t('learning:courses.staff.waitingTitle', { count: waiting.length })}
        </h2>
        <People page={page} rows={waiting} canCancel={actions.forOthers && !started && facts.session.status === 'open'} sessionId={id} />
      </section>
      {actions.manage && facts.session.status === 'open' && !started ? (
        <section aria-labelledby="absagen" class="kern-stack-sm">
          <h2 class="kern-heading-medium" id="absagen">
            {t('learning:courses.staff.callOffTitle')}
          </h2>
          <PostForm page={page} action={`${staffSessionPath(id)}/absagen`}>
            <TextArea name="grund" label={t('learning:courses.staff.callOffReason')} hint={t('learning:courses.staff.callOffHint')} maxLength={500} />
            <SubmitButton label={t('learning:courses.staff.callOff')} kind="secondary" />
          </PostForm>
        </section>
      ) : null}
    </div>
  );
}

function People({ page, rows, canCancel, sessionId }: { page: PageContext; rows: StaffRegistration[]; canCancel: boolean; sessionId: string }) {
  const { t } = page;
  if (rows.length === 0) return <p class="kern-body">{t('learning:courses.staff.nobody')}</p>;
  return (
    <ol class="kern-list">
      {rows.map((row) => (
        <li key={row.id} class="kern-stack-xs">
          <span>
            <strong>{row.displayName}</strong> ({row.reference}, {t(`learning:courses.channels.${row.channel}`)}) – <Contact page={page} registration={row} /> – {t('learning:courses.staff.needs')}: {needsText(page, row)}
          </span>
          {canCancel ? (
            <PostForm page={page} action={`${staffSessionPath(sessionId)}/anmeldungen/${row.id}/abmelden`}>
              <SubmitButton label={t('learning:courses.staff.cancelFor', { name: row.displayName })} kind="tertiary" />
            </PostForm>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

export function PhoneRegistrationPage({ page, course, session, raw, errors }: { page: PageContext; course: Course; session: SessionView; raw: Raw; errors: FieldErrors }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={course.title}>{t('learning:courses.staff.registerSomeone')}</Heading>
      <ErrorSummary page={page} errors={errors} />
      <SessionFacts page={page} course={course} session={session} />
      <p class="kern-body">{t('learning:courses.staff.phoneText')}</p>
      <PostForm page={page} action={`${staffSessionPath(session.id)}/anmelden`}>
        <FormFields page={page} form={phoneRegistrationForm} raw={raw} errors={errors} />
        <SubmitButton label={t(session.free > 0 ? 'learning:courses.register.submit' : 'learning:courses.register.submitWaitlist')} />
      </PostForm>
    </div>
  );
}
