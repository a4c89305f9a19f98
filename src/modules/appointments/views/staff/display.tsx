import { Island } from '#kernel/html/islands.tsx';
import type { PageContext } from '#kernel/html/page.ts';
import type { DisplayState } from '#modules/appointments/service.staff-queue.ts';

/** The called numbers, newest first; the island replaces this list with what the live stream sends. */
export function CalledList({ page, state }: { page: PageContext; state: DisplayState }) {
  const { t } = page;
  if (state.called.length === 0) return <p class="kern-body kern-body--large">{t('appointments:staff.display.nothing')}</p>;
  return (
    <ol class="kern-list call-display__list">
      {state.called.map((call, index) => (
        <li key={`${call.label}-${call.at}`} class={index === 0 ? 'call-display__latest' : undefined}>
          <span class="kern-heading-x-large">{call.label}</span> <span class="kern-heading-large">→ {call.counter}</span>
        </li>
      ))}
    </ol>
  );
}

/**
 * The call display in the waiting room: numbers and counters, large, nothing about anyone. Where
 * JavaScript runs the island keeps it current from the live stream and announces each call; without it,
 * the "Aktualisieren" link loads the page again.
 */
export function DisplayPage({ page, placeId, state }: { page: PageContext; placeId: string; state: DisplayState }) {
  const { t } = page;
  return (
    <div
      class="kern-stack-lg call-display"
      data-call-display={`/termine/anzeige/${placeId}/live`}
      data-announce={t('appointments:staff.display.announce', { label: '{label}', counter: '{counter}' })}
      data-nothing={t('appointments:staff.display.nothing')}
      data-waiting-one={t('appointments:staff.display.waiting', { count: 1 })}
      data-waiting-other={t('appointments:staff.display.waitingMany', { number: '{count}' })}
    >
      <h1 class="kern-heading-x-large">{t('appointments:staff.display.title', { place: state.place })}</h1>
      <section aria-labelledby="called-title" class="kern-stack-md">
        <h2 class="kern-heading-large" id="called-title">
          {t('appointments:staff.display.called')}
        </h2>
        <div class="call-display__called">
          <CalledList page={page} state={state} />
        </div>
        <p class="kern-sr-only call-display__announce" role="status" aria-live="polite" />
      </section>
      <p class="kern-body kern-body--large call-display__waiting">{t('appointments:staff.display.waiting', { count: state.waiting })}</p>
      <p class="kern-body">
        <a class="kern-link call-display__refresh" href={`/termine/anzeige/${placeId}`}>
          {t('appointments:staff.display.refresh')}
        </a>
      </p>
      <Island name="appointments/call-display" />
    </div>
  );
}
