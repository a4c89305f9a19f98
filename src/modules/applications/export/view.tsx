import { PostForm, SubmitButton } from '#kernel/html/components.tsx';
import { formatDateTime, isoString } from '#kernel/html/format.ts';
import type { PageContext } from '#kernel/html/page.ts';
import type { ExportState } from './state.ts';

/** The hand-off to the specialist system on the case page: each attempt in words, and the button to hand it over again. */
export function CaseExport({ page, caseId, state }: { page: PageContext; caseId: string; state: ExportState }) {
  const { t, lang } = page;
  const delivered = state.attempts.some((attempt) => attempt.status === 'delivered');
  return (
    <section class="kern-stack-sm" aria-labelledby="case-export">
      <h2 class="kern-heading-medium" id="case-export">
        {t('applications:export.title')}
      </h2>
      {!state.enabled ? <p class="kern-body">{t('applications:export.off')}</p> : null}
      {state.enabled && state.attempts.length === 0 ? <p class="kern-body">{t('applications:export.none')}</p> : null}
      {state.attempts.length > 0 ? (
        <ol class="kern-list case-exports">
          {state.attempts.map((attempt) => (
            <li key={attempt.id}>
              <time datetime={isoString(attempt.attempted_at)}>{formatDateTime(attempt.attempted_at, lang)}</time>
              {': '}
              <strong>{t(`applications:export.status.${attempt.status}`)}</strong>
              {` (${t(`applications:export.trigger.${attempt.trigger}`)})`}
              {attempt.status === 'delivered' && attempt.location ? <p class="kern-body">{t('applications:export.location', { location: attempt.location })}</p> : null}
              {attempt.status === 'failed' ? (
                <p class="kern-body">
                  {t(`applications:export.reasons.${attempt.reason ?? 'delivery-failed'}`)}
                  {attempt.error ? (
                    <>
                      {' '}
                      <code>{attempt.error}</code>
                    </>
                  ) : null}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
      {state.enabled ? (
        <PostForm page={page} action={`/verwaltung/antraege/${caseId}/uebergabe`}>
          <SubmitButton kind="secondary" label={t(delivered ? 'applications:export.again' : 'applications:export.now')} />
        </PostForm>
      ) : null}
    </section>
  );
}
