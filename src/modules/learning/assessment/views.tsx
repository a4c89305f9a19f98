import type { ComponentChildren } from 'preact';
import type { ConsultationOffer } from '#modules/learning/consultation/offer.ts';
import { ConsultationBox } from '#modules/learning/consultation/views.tsx';
import { meetingText } from '#modules/learning/courses/facts.ts';
import type { Recommendation } from '#modules/learning/courses/recommend.ts';
import { cataloguePath } from '#modules/learning/courses/views/catalogue.tsx';
import { lang } from '#modules/learning/courses/views/parts.tsx';
import { BarChart } from '#kernel/html/charts.tsx';
import { Heading, PostForm, RadioGroup } from '#kernel/html/components.tsx';
import type { PageContext } from '#kernel/html/page.ts';
import { areaCodes, competencesByArea, type AreaCode, type CompetenceCode } from './digcomp.ts';
import { answerSteps, type AreaProfile } from './scoring.ts';
import type { AssessmentState } from './state.ts';

/*
 * The self-assessment's pages: the start, one page per DigComp area with one question per competence, and
 * the profile. Every page is a plain form; the answers so far travel in the signed `stand` field.
 */

export const assessmentPath = '/kompetenzen/selbsteinschaetzung';
/** A competence's key in the texts: i18next reads a dot as a level, so 2.3 is `2-3`. */
export const textKey = (code: CompetenceCode) => code.replace('.', '-');

/** The input name of a competence's question: `kompetenz-2-3`. */
export const questionName = (code: CompetenceCode) => `kompetenz-${textKey(code)}`;

/** The words of the chosen register: Leichte Sprache (German only) or plain language. */
export const register = (state: Pick<AssessmentState, 'easy'>) => (state.easy ? 'easy' : 'plain');

export function StartPage({ page }: { page: PageContext }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('learning:assessment.start.lead')}>{t('learning:assessment.start.title')}</Heading>
      <ul class="kern-list">
        {(['parts', 'time', 'privacy', 'result'] as const).map((key) => (
          <li key={key}>{t(`learning:assessment.start.points.${key}`)}</li>
        ))}
      </ul>
      <p class="kern-body">
        <a class="kern-btn kern-btn--primary" href={`${assessmentPath}/fragen`}>
          <span class="kern-label">{t('learning:assessment.start.begin')}</span>
        </a>
      </p>
      <p class="kern-body" lang="de">
        <a class="kern-link" href={`${assessmentPath}/fragen?leicht=ja`}>
          {t('learning:assessment.start.beginEasy')}
        </a>
      </p>
      <p class="kern-body kern-hint">{t('learning:assessment.start.source')}</p>
    </div>
  );
}

export function QuestionsPage({ page, area, state, signed, error }: { page: PageContext; area: AreaCode; state: AssessmentState; signed: string; error?: string | undefined }) {
  const { t } = page;
  const words = register(state);
  const number = areaCodes.indexOf(area) + 1;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t(`learning:assessment.${words}.progress`, { number, total: areaCodes.length })}>{t(`learning:digcomp.areas.${area}`)}</Heading>
      <p class="kern-body">{t(`learning:assessment.${words}.areaIntro.${area}`)}</p>
      {error ? (
        <div class="kern-alert kern-alert--danger" role="alert">
          <div class="kern-alert__header">
            <span class="kern-title">{error}</span>
          </div>
        </div>
      ) : null}
      <PostForm page={page} action={`${assessmentPath}/weiter`}>
        <input type="hidden" name="stand" value={signed} />
        <input type="hidden" name="teil" value={area} />
        {competencesByArea[area].map((code) => (
          <RadioGroup
            key={code}
            name={questionName(code)}
            label={t(`learning:assessment.${words}.questions.${textKey(code)}`)}
            choices={[...answerSteps.map((step) => ({ value: String(step), label: t(`learning:assessment.${words}.answers.${step}`) })), { value: '', label: t(`learning:assessment.${words}.answers.none`) }]}
            value={state.answers[code] === undefined ? '' : String(state.answers[code])}
          />
        ))}
        <div class="kern-button-group assessment-buttons">
          <button type="submit" class="kern-btn kern-btn--primary" name="richtung" value="weiter">
            <span class="kern-label">{t(number === areaCodes.length ? `learning:assessment.${words}.finish` : `learning:assessment.${words}.next`)}</span>
          </button>
          {number > 1 ? (
            <button type="submit" class="kern-btn kern-btn--secondary" name="richtung" value="zurueck">
              <span class="kern-label">{t(`learning:assessment.${words}.back`)}</span>
            </button>
          ) : null}
        </div>
      </PostForm>
    </div>
  );
}

export function ResultPage({
  page,
  state,
  profiles,
  recommendations,
  consultation,
  heading,
  keeping,
}: {
  page: PageContext;
  state: AssessmentState;
  profiles: readonly AreaProfile[];
  recommendations: readonly Recommendation[];
  consultation: ConsultationOffer | null;
  /** Another title and lead than the fresh result's (a saved result names its date). */
  heading?: { title: string; lead: string };
  /** What the page says about keeping the result, in place of "nothing was stored". */
  keeping?: ComponentChildren;
}) {
  const { t } = page;
  const words = register(state);
  const label = (profile: AreaProfile) => t(`learning:digcomp.areas.${profile.area}`);
  const bandText = (profile: AreaProfile) => (profile.band ? t(`learning:assessment.${words}.bands.${profile.band}`) : t(`learning:assessment.${words}.bands.none`));
  return (
    <div class="kern-stack-lg">
      <Heading lead={heading?.lead ?? t(`learning:assessment.${words}.resultLead`)}>{heading?.title ?? t(`learning:assessment.${words}.resultTitle`)}</Heading>
      <dl class="kern-description-list">
        {profiles.map((profile) => (
          <div class="kern-description-list-item" key={profile.area}>
            <dt class="kern-description-list-item__key">{label(profile)}</dt>
            <dd class="kern-description-list-item__value">{bandText(profile)}</dd>
          </div>
        ))}
      </dl>
      <figure class="opendata-figure">
        <BarChart
          id="profil"
          title={t('learning:assessment.chart.title')}
          desc={t('learning:assessment.chart.desc')}
          labels={profiles.map(label)}
          values={profiles.map((profile) => profile.score)}
          format={(value) => t('learning:assessment.chart.value', { value: (Math.round(value * 10) / 10).toLocaleString(page.lang) })}
        />
        <figcaption class="kern-hint">{t('learning:assessment.chart.caption')}</figcaption>
      </figure>
      <section aria-labelledby="empfehlungen" class="kern-stack-sm">
        <h2 class="kern-heading-medium" id="empfehlungen">
          {t(`learning:assessment.${words}.recommendTitle`)}
        </h2>
        {recommendations.length === 0 ? (
          <p class="kern-body">{t(`learning:assessment.${words}.recommendNone`)}</p>
        ) : (
          <ul class="kern-list">
            {recommendations.map((entry) => (
              <li key={entry.course.id}>
                <a class="kern-link" href={`${cataloguePath}/${entry.course.slug}`}>
                  {entry.course.title}
                </a>
                {entry.next ? ` – ${t('learning:courses.catalogue.next')} ${meetingText(entry.next.meetings[0] ?? entry.next, lang(page))}` : ''}
                <br />
                <span class="kern-body kern-body--small">{t(`learning:assessment.${words}.covers`, { competences: entry.covers.map((code) => t(`learning:digcomp.competences.${code.replace('.', '-')}`)).join('; ') })}</span>
              </li>
            ))}
          </ul>
        )}
        <p class="kern-body">
          <a class="kern-link" href={cataloguePath}>
            {t(`learning:assessment.${words}.allCourses`)}
          </a>
        </p>
      </section>
      <ConsultationBox page={page} offer={consultation} />
      {keeping ?? <p class="kern-body">{t(`learning:assessment.${words}.notStored`)}</p>}
      <p class="kern-body">
        <a class="kern-link" href={assessmentPath}>
          {t(`learning:assessment.${words}.again`)}
        </a>
      </p>
    </div>
  );
}
