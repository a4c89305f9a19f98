import type { ComponentChildren } from 'preact';
import { FormField, FormKey, rawText, type Raw } from '#kernel/forms/index.ts';
import { Alert, describedBy, ErrorSummary, FieldError, Heading, Hint, PostForm, Select, SubmitButton } from '#kernel/html/components.tsx';
import { formatDateTime } from '#kernel/html/format.ts';
import type { FieldErrors, PageContext } from '#kernel/html/page.ts';
import { StaffTable } from '#kernel/html/staff-table.tsx';
import { areaCodes, competencesByArea } from '#modules/learning/assessment/digcomp.ts';
import { staffSessionPath } from '#modules/learning/courses/views/staff.tsx';
import { DemoMark, lang } from '#modules/learning/courses/views/parts.tsx';
import type { SessionWithCounts } from '#modules/learning/courses/repo.ts';
import type { Course } from '#modules/learning/courses/tables.ts';
import { courseForm } from '../forms.ts';
import type { TrainingChoice } from '../service.courses.ts';
import { editingPath, newSessionHref, sessionEditHref } from './paths.ts';

/*
 * A course's form, in the order a coordinator thinks of it: what it is, for whom and at which level, what
 * it teaches (the DigComp competences by their five areas), how it runs, and whether it is shown. On an
 * existing course, its sessions come first, each with its people's list and, while open, its form.
 */

interface FieldsProps {
  page: PageContext;
  raw: Raw;
  errors: FieldErrors;
}

const Field = ({ name, ...props }: FieldsProps & { name: string }) => <FormField {...props} form={courseForm} name={name} />;

/** The 21 competences as checkboxes, one group per area, all under the one name the form reads. */
function Competences({ page, raw, errors }: FieldsProps) {
  const { t } = page;
  const chosen = ([] as string[]).concat(raw.competences ?? []);
  const props = { name: 'competences', label: t('learning:courseEditing.fields.competences'), hint: t('learning:courseEditing.fields.competencesHint'), error: errors.competences };
  let first = true;
  return (
    <fieldset class={`kern-fieldset${props.error ? ' kern-fieldset--error' : ''}`} aria-describedby={describedBy(props)}>
      <legend class="kern-label">{props.label}</legend>
      <Hint name={props.name} hint={props.hint} />
      <FieldError name={props.name} error={props.error} />
      <div class="kern-fieldset__body kern-stack-sm">
        {areaCodes.map((area) => (
          <fieldset key={area} class="kern-fieldset">
            <legend class="kern-label">{t('learning:courseEditing.fields.area', { number: area, name: t(`learning:digcomp.areas.${area}`) })}</legend>
            <div class="kern-fieldset__body">
              {competencesByArea[area].map((code) => {
                const id = first ? 'competences' : `competences-${code}`;
                first = false;
                return (
                  <div class="kern-form-check" key={code}>
                    <input class="kern-form-check__checkbox" type="checkbox" id={id} name="competences" value={code} checked={chosen.includes(code)} />
                    <label class="kern-label" for={id}>
                      {code} {t(`learning:digcomp.competences.${code.replace('.', '-')}`)}
                    </label>
                  </div>
                );
              })}
            </div>
          </fieldset>
        ))}
      </div>
    </fieldset>
  );
}

/** The required training, by its title in the page's language; one no longer in force stays choosable while a course names it. */
function TrainingSelect({ page, raw, errors, trainings }: FieldsProps & { trainings: readonly TrainingChoice[] }) {
  const { t } = page;
  const current = rawText(raw, 'trainingKey') ?? '';
  const choices = trainings.map((training) => ({ value: training.key, label: page.lang === 'en' ? training.titleEn : training.titleDe }));
  if (current && !choices.some((choice) => choice.value === current)) choices.push({ value: current, label: current });
  return (
    <Select
      name="trainingKey"
      label={t('learning:courseEditing.fields.trainingKey')}
      hint={t('learning:courseEditing.fields.trainingKeyHint')}
      optionalLabel={t('kernel:forms.optional')}
      error={errors.trainingKey}
      choices={[{ value: '', label: t('learning:courseEditing.fields.noTraining') }, ...choices]}
      value={current}
    />
  );
}

function Section({ id, title, level = 2, children }: { id: string; title: string; level?: 2 | 3; children: ComponentChildren }) {
  const HeadingTag = level === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby={id} class="kern-stack-sm">
      <HeadingTag class={level === 2 ? 'kern-heading-medium' : 'kern-heading-small'} id={id}>
        {title}
      </HeadingTag>
      {children}
    </section>
  );
}

export function CourseFields({ page, raw, errors, trainings, level }: FieldsProps & { trainings: readonly TrainingChoice[]; level: 2 | 3 }) {
  const { t } = page;
  const props = { page, raw, errors };
  return (
    <>
      <FormKey raw={raw} />
      <Section id="angebot" level={level} title={t('learning:courseEditing.sections.offer')}>
        <Field {...props} name="title" />
        <Field {...props} name="slug" />
        <Field {...props} name="summary" />
        <Field {...props} name="description" />
      </Section>
      <Section id="zielgruppe" level={level} title={t('learning:courseEditing.sections.audience')}>
        <Field {...props} name="audience" />
        <Field {...props} name="targetGroup" />
        <Field {...props} name="level" />
        <TrainingSelect {...props} trainings={trainings} />
      </Section>
      <Section id="kompetenzen" level={level} title={t('learning:courseEditing.sections.competences')}>
        <Competences {...props} />
      </Section>
      <Section id="durchfuehrung" level={level} title={t('learning:courseEditing.sections.running')}>
        <Field {...props} name="accessibility" />
        <Field {...props} name="language" />
        <Field {...props} name="price" />
        <Field {...props} name="provider" />
        <Field {...props} name="contactPhone" />
      </Section>
      <Section id="veroeffentlichen" level={level} title={t('learning:courseEditing.sections.publish')}>
        <p class="kern-body">{t('learning:courseEditing.fields.publishedHint')}</p>
        <Field {...props} name="published" />
      </Section>
    </>
  );
}

export function NewCoursePage({ page, raw, errors, trainings }: FieldsProps & { trainings: readonly TrainingChoice[] }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('learning:courseEditing.course.newLead')}>{t('learning:courseEditing.course.new')}</Heading>
      <ErrorSummary page={page} errors={errors} />
      <PostForm page={page} action={`${editingPath}/neu`}>
        <CourseFields page={page} raw={raw} errors={errors} trainings={trainings} level={2} />
        <SubmitButton label={t('learning:courseEditing.course.create')} />
      </PostForm>
      <p>
        <a class="kern-link" href={editingPath}>
          {t('learning:courseEditing.back')}
        </a>
      </p>
    </div>
  );
}


function Sessions({ page, course, sessions }: { page: PageContext; course: Course; sessions: readonly SessionWithCounts[] }) {
  const { t } = page;
  const now = new Date();
  return (
    <Section id="termine" title={t('learning:courseEditing.course.sessions')}>
      <p>
        <a class="kern-link" href={newSessionHref(course.id)}>
          {t('learning:courseEditing.course.newSession')}
        </a>
      </p>
      {sessions.length === 0 ? (
        <p class="kern-body">{t('learning:courseEditing.course.noSessions')}</p>
      ) : (
        <StaffTable
          caption={t('learning:courseEditing.course.sessions')}
          columns={[t('learning:courseEditing.course.when'), t('learning:courseEditing.course.places'), t('learning:courses.staff.status'), t('learning:courseEditing.course.actions')]}
        >
          {sessions.map((session) => (
            <tr key={session.id}>
              <td>{formatDateTime(session.starts_at, lang(page))}</td>
              <td>{t('learning:courseEditing.course.placesText', { placed: session.placed, capacity: session.capacity, waiting: session.waiting })}</td>
              <td>{t(`learning:courses.staff.statuses.${session.status}`)}</td>
              <td>
                <a class="kern-link" href={staffSessionPath(session.id)}>
                  {t('learning:courseEditing.course.people', { when: formatDateTime(session.starts_at, lang(page)) })}
                </a>
                {session.status === 'open' && session.starts_at > now ? (
                  <>
                    {' · '}
                    <a class="kern-link" href={sessionEditHref(course.id, session.id)}>
                      {t('learning:courseEditing.course.changeSession', { when: formatDateTime(session.starts_at, lang(page)) })}
                    </a>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </StaffTable>
      )}
    </Section>
  );
}

export function EditCoursePage(props: FieldsProps & { course: Course; sessions: readonly SessionWithCounts[]; trainings: readonly TrainingChoice[]; action: string; notice?: string | undefined }) {
  const { page, course, errors } = props;
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('learning:courseEditing.course.editLead')}>{course.title}</Heading>
      {course.demo ? <DemoMark page={page} /> : null}
      {props.notice ? <Alert kind="success" title={props.notice} /> : null}
      <ErrorSummary page={page} errors={errors} />
      {course.published ? (
        <p>
          <a class="kern-link" href={`/kurse/${course.slug}`}>
            {t('learning:courseEditing.course.publicPage')}
          </a>
        </p>
      ) : (
        <p class="kern-body">{t('learning:courseEditing.course.unpublished')}</p>
      )}
      <Sessions page={page} course={course} sessions={props.sessions} />
      <section aria-labelledby="kursangaben" class="kern-stack-md">
        <h2 class="kern-heading-medium" id="kursangaben">
          {t('learning:courseEditing.course.details')}
        </h2>
        <PostForm page={page} action={props.action}>
          <CourseFields page={page} raw={props.raw} errors={errors} trainings={props.trainings} level={3} />
          <SubmitButton label={t('learning:courseEditing.course.save')} />
        </PostForm>
      </section>
      <p>
        <a class="kern-link" href={editingPath}>
          {t('learning:courseEditing.back')}
        </a>
      </p>
    </div>
  );
}
