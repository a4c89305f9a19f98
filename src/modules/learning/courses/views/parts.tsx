import type { PageContext } from '#kernel/html/page.ts';
import { telHref } from '#kernel/html/format.ts';
import { feeText, meetingText, whereText } from '../facts.ts';
import type { SessionView } from '../service.catalogue.ts';
import type { Course } from '../tables.ts';

/** Pieces the course pages share: the demo mark, a session's facts, the places left, the competences. */

export const lang = (page: PageContext): 'de' | 'en' => (page.lang === 'en' ? 'en' : 'de');

export function DemoMark({ page }: { page: PageContext }) {
  return (
    <span class="kern-badge kern-badge--warning kern-badge--small">
      <span class="kern-label">{page.t('learning:courses.demo')}</span>
    </span>
  );
}

/** "3 von 12 Plätzen frei", "Ausgebucht – Warteliste (2 warten)", "Fällt aus". */
export function placesText(page: PageContext, session: SessionView): string {
  const { t } = page;
  if (session.status === 'cancelled') return t('learning:courses.places.cancelled');
  if (session.free > 0) return t('learning:courses.places.free', { count: session.free, capacity: session.capacity });
  return t('learning:courses.places.full', { count: session.waiting });
}

export function SessionFacts({ page, course, session }: { page: PageContext; course: Course; session: SessionView }) {
  const { t } = page;
  const language = lang(page);
  return (
    <dl class="kern-description-list">
      <div class="kern-description-list-item">
        <dt class="kern-description-list-item__key">{t('learning:courses.fields.meetings')}</dt>
        <dd class="kern-description-list-item__value">
          <ul class="kern-list">
            {session.meetings.map((meeting) => (
              <li key={meeting.starts_at.toISOString()}>
                <time datetime={meeting.starts_at.toISOString()}>{meetingText(meeting, language)}</time>
              </li>
            ))}
          </ul>
        </dd>
      </div>
      <div class="kern-description-list-item">
        <dt class="kern-description-list-item__key">{t('learning:courses.fields.where')}</dt>
        <dd class="kern-description-list-item__value">{whereText(session, language)}</dd>
      </div>
      <div class="kern-description-list-item">
        <dt class="kern-description-list-item__key">{t('learning:courses.fields.places')}</dt>
        <dd class="kern-description-list-item__value">{placesText(page, session)}</dd>
      </div>
      <div class="kern-description-list-item">
        <dt class="kern-description-list-item__key">{t('learning:courses.fields.fee')}</dt>
        <dd class="kern-description-list-item__value">{feeText(course, language)}</dd>
      </div>
    </dl>
  );
}

export function CompetenceList({ page, codes }: { page: PageContext; codes: readonly string[] }) {
  return (
    <ul class="kern-list">
      {codes.map((code) => (
        <li key={code}>
          {page.t(`learning:digcomp.competences.${code.replace('.', '-')}`)} ({code})
        </li>
      ))}
    </ul>
  );
}

export function PhoneLink({ number }: { number: string }) {
  return (
    <a class="kern-link" href={telHref(number)}>
      {number}
    </a>
  );
}
