import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { KernelContext } from '#kernel/context.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import type { App } from '#kernel/module.ts';
import { consultationOffer } from '#modules/learning/consultation/offer.ts';
import { recommendCourses } from '#modules/learning/courses/recommend.ts';
import { areaCodes, competencesByArea, type AreaCode } from './digcomp.ts';
import { answerSteps, profile, type Answer, type Answers } from './scoring.ts';
import { readSignedState, signState, type AssessmentState, type Signer } from './state.ts';
import { assessmentPath, questionName, QuestionsPage, ResultPage, StartPage } from './views.tsx';
import { KeepResult } from './views.saved.tsx';

/*
 * The self-assessment: nothing is written anywhere. Each page posts its answers with the signed
 * value of those before, and the answer is the next page (or the profile) with a new signed value; no
 * redirect carries answers into an address, where logs and the browser's history would keep them. Only a
 * signed-in person who presses the button on the result keeps it in their account (`routes.saved.tsx`).
 */

const StartQuery = Type.Object({ leicht: Type.Optional(Type.Literal('ja')) });
const questionFields = Object.fromEntries(areaCodes.flatMap((area) => competencesByArea[area].map((code) => [questionName(code), Type.Optional(Type.String({ maxLength: 2 }))])));
const PageBody = Type.Object({
  _csrf: Type.Optional(Type.String()),
  stand: Type.String({ maxLength: 400 }),
  teil: Type.Union(areaCodes.map((area) => Type.Literal(area))),
  richtung: Type.Optional(Type.Union([Type.Literal('weiter'), Type.Literal('zurueck')])),
  ...questionFields,
});
type PageBody = { stand: string; teil: AreaCode; richtung?: 'weiter' | 'zurueck' } & Record<string, string | undefined>;

// Answers stay with the person: no page of the self-assessment is cached anywhere.
const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

/** The platform's cookie signer, which signs the answers in the forms and checks them when they come back. */
export const pageSigner = (request: FastifyRequest, reply: FastifyReply): Signer => ({ sign: (value) => reply.signCookie(value), unsign: (value) => request.unsignCookie(value) });

/** What the result shows beside the profile: courses that fit the answers, and the consultation hours. */
export const resultOffers = (ctx: KernelContext, request: FastifyRequest, answers: Answers) =>
  Promise.all([recommendCourses(ctx, answers), consultationOffer(ctx, new Date(), request.page.lang === 'en' ? 'en' : 'de')]);

export async function assessmentRoutes(app: App, ctx: KernelContext): Promise<void> {
  const signer = pageSigner;

  function questions(request: FastifyRequest, reply: FastifyReply, area: AreaCode, state: AssessmentState, status = 200, error?: string) {
    const title = `${request.t(`learning:digcomp.areas.${area}`)} – ${request.t('learning:assessment.start.title')}`;
    return noStore(reply)
      .status(status)
      .html({ title, hasErrors: Boolean(error) }, <QuestionsPage page={request.page} area={area} state={state} signed={signState(signer(request, reply), state)} error={error} />);
  }

  app.get(assessmentPath, async (request, reply) => reply.html({ title: request.t('learning:assessment.start.title') }, <StartPage page={request.page} />));

  app.get<{ Querystring: { leicht?: 'ja' } }>(`${assessmentPath}/fragen`, { schema: { querystring: StartQuery } }, async (request, reply) =>
    questions(request, reply, '1', { easy: request.query.leicht === 'ja', answers: {} }),
  );

  app.post<{ Body: PageBody }>(`${assessmentPath}/weiter`, { schema: { body: PageBody } }, async (request, reply) => {
    const before = readSignedState(signer(request, reply), request.body.stand);
    if (!before) throw new HttpProblem(400, 'learning:assessment.problems.state');
    const area = request.body.teil;
    const answers = { ...before.answers };
    for (const code of competencesByArea[area]) {
      const given = request.body[questionName(code)] ?? '';
      if (given === '') {
        delete answers[code];
        continue;
      }
      const step = Number(given);
      if (!(answerSteps as readonly number[]).includes(step)) return questions(request, reply, area, before, 422, request.t('learning:assessment.problems.answer'));
      answers[code] = step as Answer;
    }
    const state = { easy: before.easy, answers };
    const index = areaCodes.indexOf(area);
    if (request.body.richtung === 'zurueck') return questions(request, reply, areaCodes[Math.max(0, index - 1)]!, state);
    if (index < areaCodes.length - 1) return questions(request, reply, areaCodes[index + 1]!, state);
    const title = request.t(`learning:assessment.${state.easy ? 'easy' : 'plain'}.resultTitle`);
    const [recommendations, consultation] = await resultOffers(ctx, request, answers);
    // The signed answers once more, for the button that keeps them in the account of a signed-in person.
    const keeping = <KeepResult page={request.page} state={state} signed={signState(signer(request, reply), state)} />;
    return noStore(reply).html({ title }, <ResultPage page={request.page} state={state} profiles={profile(answers)} recommendations={recommendations} consultation={consultation} keeping={keeping} />);
  });
}
