import { isSignedIn } from '#kernel/auth/actor.ts';
import { Alert, Heading, PostForm, SubmitButton } from '#kernel/html/components.tsx';
import { formatDateTime, isoString } from '#kernel/html/format.ts';
import type { PageContext } from '#kernel/html/page.ts';
import type { AreaProfile } from './scoring.ts';
import { savedKeptYears } from './privacy.ts';
import { savedLimit, type SavedResult } from './service.saved.ts';
import type { AssessmentState } from './state.ts';
import { assessmentPath, register } from './views.tsx';

/*
 * Keeping a result: the part of the result page that offers it (or, to a guest, says it is possible with
 * an account), and "Meine Selbsteinschätzungen" in the account, where saved results are listed, opened
 * and deleted. Every page says what is kept and that it serves nothing else.
 */

export const savedPath = '/konto/selbsteinschaetzung';
export const savePath = `${assessmentPath}/speichern`;
export const deleteAllPath = `${savedPath}/alle-loeschen`;

const bandText = (page: PageContext, state: Pick<AssessmentState, 'easy'>, profile: AreaProfile) =>
  page.t(`learning:assessment.${register(state)}.bands.${profile.band ?? 'none'}`);

const savedOn = (page: PageContext, result: Pick<SavedResult, 'savedAt'>) => page.t('learning:savedAssessment.account.savedOn', { date: formatDateTime(result.savedAt, page.lang) });

/** On the fresh result: nothing was stored; a signed-in person may keep it, a guest learns that they could. */
export function KeepResult({ page, state, signed }: { page: PageContext; state: AssessmentState; signed: string }) {
  const { t } = page;
  const words = register(state);
  const notStored = <p class="kern-body">{t(`learning:assessment.${words}.notStored`)}</p>;
  if (!isSignedIn(page.actor)) {
    return (
      <>
        {notStored}
        <p class="kern-body">{t(`learning:savedAssessment.result.${words}.guest`)}</p>
      </>
    );
  }
  return (
    <section aria-labelledby="aufheben" class="kern-stack-sm">
      <h2 class="kern-heading-medium" id="aufheben">
        {t(`learning:savedAssessment.result.${words}.title`)}
      </h2>
      {notStored}
      <p class="kern-body">{t(`learning:savedAssessment.result.${words}.what`)}</p>
      <p class="kern-body">{t(`learning:savedAssessment.result.${words}.delete`, { limit: savedLimit, years: savedKeptYears })}</p>
      <PostForm page={page} action={savePath}>
        <input type="hidden" name="stand" value={signed} />
        <SubmitButton label={t('learning:savedAssessment.result.button')} kind="secondary" />
      </PostForm>
    </section>
  );
}

/** What is kept and for what, the same words on the list and on a saved result. */
function WhatIsKept({ page }: { page: PageContext }) {
  return <p class="kern-body">{page.t('learning:savedAssessment.account.whatStored', { limit: savedLimit, years: savedKeptYears })}</p>;
}

function Profile({ page, result }: { page: PageContext; result: SavedResult }) {
  return (
    <dl class="kern-description-list">
      {result.profiles.map((profile) => (
        <div class="kern-description-list-item" key={profile.area}>
          <dt class="kern-description-list-item__key">{page.t(`learning:digcomp.areas.${profile.area}`)}</dt>
          <dd class="kern-description-list-item__value">{bandText(page, result.state, profile)}</dd>
        </div>
      ))}
    </dl>
  );
}

function DeleteOne({ page, result }: { page: PageContext; result: SavedResult }) {
  return (
    <PostForm page={page} action={`${savedPath}/${result.id}/loeschen`}>
      <button type="submit" class="kern-btn kern-btn--secondary">
        <span class="kern-label">
          {page.t('learning:savedAssessment.account.delete')}
          <span class="kern-sr-only"> – {savedOn(page, result)}</span>
        </span>
      </button>
    </PostForm>
  );
}

/** "Meine Selbsteinschätzungen": the saved results, newest first, each with its profile in words. */
export function SavedListPage({ page, results, notice }: { page: PageContext; results: readonly SavedResult[]; notice?: string | undefined }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('learning:savedAssessment.account.lead')}>{t('learning:savedAssessment.account.title')}</Heading>
      {notice ? <Alert kind="success" title={notice} /> : null}
      <WhatIsKept page={page} />
      {results.length === 0 ? (
        <p class="kern-body">{t('learning:savedAssessment.account.none')}</p>
      ) : (
        <>
          <ul class="kern-list">
            {results.map((result) => (
              <li key={result.id} class="kern-stack-xs">
                <h2 class="kern-heading-small">
                  <a class="kern-link" href={`${savedPath}/${result.id}`}>
                    <time datetime={isoString(result.savedAt)}>{savedOn(page, result)}</time>
                  </a>
                </h2>
                {result.state.easy ? <p class="kern-body">{t('learning:savedAssessment.account.easy')}</p> : null}
                <Profile page={page} result={result} />
                <DeleteOne page={page} result={result} />
              </li>
            ))}
          </ul>
          <p class="kern-body">
            <a class="kern-link" href={deleteAllPath}>
              {t('learning:savedAssessment.account.deleteAll')}
            </a>
          </p>
        </>
      )}
      <p class="kern-body">
        <a class="kern-link" href={assessmentPath}>
          {t('learning:savedAssessment.account.toAssessment')}
        </a>
      </p>
    </div>
  );
}

/** Below a saved result opened again: what is kept, deleting it, the way back to the list. */
export function SavedResultActions({ page, result }: { page: PageContext; result: SavedResult }) {
  const { t } = page;
  return (
    <section aria-labelledby="gespeichert" class="kern-stack-sm">
      <h2 class="kern-heading-medium" id="gespeichert">
        {t('learning:savedAssessment.account.keptTitle')}
      </h2>
      <WhatIsKept page={page} />
      <DeleteOne page={page} result={result} />
      <p class="kern-body">
        <a class="kern-link" href={savedPath}>
          {t('learning:savedAssessment.account.back')}
        </a>
      </p>
    </section>
  );
}

/** The title and lead of a saved result opened again. */
export const savedHeading = (page: PageContext, result: SavedResult) => ({ title: savedOn(page, result), lead: page.t('learning:savedAssessment.account.openedLead') });

/** Asks before every saved result goes: it cannot be undone. */
export function DeleteAllPage({ page, count }: { page: PageContext; count: number }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading>{t('learning:savedAssessment.account.deleteAllTitle')}</Heading>
      <p class="kern-body">{t('learning:savedAssessment.account.deleteAllText', { count })}</p>
      <PostForm page={page} action={deleteAllPath}>
        <div class="kern-button-group">
          <SubmitButton label={t('learning:savedAssessment.account.deleteAllButton')} />
          <a class="kern-btn kern-btn--secondary" href={savedPath}>
            <span class="kern-label">{t('learning:savedAssessment.account.keep')}</span>
          </a>
        </div>
      </PostForm>
    </div>
  );
}
