import { Island } from '#kernel/html/islands.tsx';
import type { PageContext } from '#kernel/html/page.ts';

/**
 * For a signed-in person filling in a form (WCAG 2.2.1): the page says how long the session lasts without
 * activity and that everything up to the last saved page is kept; with JavaScript, a warning shortly before
 * the end offers to stay signed in, and after it says what happened. Without JavaScript the button is a form
 * that refreshes the session and comes back to this page.
 */
export function SessionTimeout({ page, idleMinutes, back }: { page: PageContext; idleMinutes: number; back: string }) {
  const { t } = page;
  return (
    <div class="session-timeout" data-session-timeout data-idle-minutes={idleMinutes} data-ended={t('applications:session.ended')}>
      <p class="kern-body--small">{t('applications:session.notice', { minutes: idleMinutes })}</p>
      <div class="kern-alert kern-alert--warning session-timeout__warning" role="alert" hidden>
        <div class="kern-alert__body">
          <p class="session-timeout__text">{t('applications:session.warning')}</p>
          <form method="post" action="/konto/antraege/sitzung" class="session-timeout__form">
            <input type="hidden" name="_csrf" value={page.csrfToken()} />
            <input type="hidden" name="zurueck" value={back} />
            <button type="submit" class="kern-btn kern-btn--secondary">
              <span class="kern-label">{t('applications:session.extend')}</span>
            </button>
          </form>
        </div>
      </div>
      <Island name="applications/session-timeout" />
    </div>
  );
}
