import { Alert, Heading } from '#kernel/html/components.tsx';
import type { PageContext } from '#kernel/html/page.ts';
import { meetingText } from '../facts.ts';
import type { SessionView } from '../service.catalogue.ts';
import type { Course } from '../tables.ts';
import { cataloguePath } from './catalogue.tsx';
import { CompetenceList, DemoMark, lang, PhoneLink, SessionFacts } from './parts.tsx';

/*
 * One course: what it is and for whom first, then its sessions, each with its meetings, place, places left
 * and the way to register (online, or by phone for those who prefer it), then the details.
 */

export const registerPath = (course: Pick<Course, 'slug'>, sessionId: string) => `${cataloguePath}/${course.slug}/termine/${sessionId}/anmelden`;
export const calendarPath = (course: Pick<Course, 'slug'>, sessionId: string) => `${cataloguePath}/${course.slug}/termine/${sessionId}/kalender.ics`;

export function CoursePage({ page, course, sessions, notice }: { page: PageContext; course: Course; sessions: SessionView[]; notice?: { title: string; text: string } | undefined }) {
  const { t } = page;
  const open = sessions.filter((session) => session.status === 'open');
  return (
    <article class="kern-stack-lg">
      <Heading lead={course.provider}>{course.title}</Heading>
      {course.demo ? <DemoMark page={page} /> : null}
      {notice ? (
        <Alert kind="success" title={notice.title}>
          <p class="kern-body">{notice.text}</p>
        </Alert>
      ) : null}
      <p class="kern-body kern-body--large">{course.summary}</p>
      <section aria-labelledby="termine" class="kern-stack-md">
        <h2 class="kern-heading-medium" id="termine">
          {t('learning:courses.course.sessions')}
        </h2>
        {sessions.length === 0 ? <p class="kern-body">{t('learning:courses.course.noSessions')}</p> : null}
        {sessions.map((session) => (
          // Not a landmark of its own: two groups may meet at the same time, and landmarks need distinct names.
          <div key={session.id} class="kern-stack-sm courses-session">
            <h3 class="kern-heading-small">
              {session.meetings[0] ? meetingText(session.meetings[0], lang(page)) : ''}
            </h3>
            <SessionFacts page={page} course={course} session={session} />
            {session.status === 'open' ? (
              <ul class="kern-list">
                <li>
                  <a class="kern-link" href={registerPath(course, session.id)}>
                    {session.free > 0 ? t('learning:courses.course.register') : t('learning:courses.course.waitlist')}
                  </a>
                </li>
                <li>
                  <a class="kern-link" href={calendarPath(course, session.id)}>
                    {t('learning:courses.course.calendar')}
                  </a>
                </li>
              </ul>
            ) : null}
          </div>
        ))}
        {open.length > 0 ? (
          <p class="kern-body">
            {t('learning:courses.course.byPhone')} <PhoneLink number={course.contact_phone} />
          </p>
        ) : null}
      </section>
      <section aria-labelledby="details" class="kern-stack-sm">
        <h2 class="kern-heading-medium" id="details">
          {t('learning:courses.course.details')}
        </h2>
        {course.description ? <p class="kern-body">{course.description}</p> : null}
        <dl class="kern-description-list">
          <div class="kern-description-list-item">
            <dt class="kern-description-list-item__key">{t('learning:courses.fields.targetGroup')}</dt>
            <dd class="kern-description-list-item__value">{course.target_group}</dd>
          </div>
          <div class="kern-description-list-item">
            <dt class="kern-description-list-item__key">{t('learning:courses.fields.level')}</dt>
            <dd class="kern-description-list-item__value">{t(`learning:courses.levels.${course.level}`)}</dd>
          </div>
          <div class="kern-description-list-item">
            <dt class="kern-description-list-item__key">{t('learning:courses.fields.language')}</dt>
            <dd class="kern-description-list-item__value">{t(`learning:courses.languages.${course.language === 'en' ? 'en' : 'de'}`)}</dd>
          </div>
          <div class="kern-description-list-item">
            <dt class="kern-description-list-item__key">{t('learning:courses.fields.accessibility')}</dt>
            <dd class="kern-description-list-item__value">
              {course.accessibility.length > 0 ? course.accessibility.map((feature) => t(`learning:courses.accessibility.${feature}`)).join(', ') : t('learning:courses.accessibility.none')}
            </dd>
          </div>
        </dl>
        {course.competences.length > 0 ? (
          <>
            <h3 class="kern-heading-small">{t('learning:courses.fields.competences')}</h3>
            <CompetenceList page={page} codes={course.competences} />
          </>
        ) : null}
      </section>
    </article>
  );
}
