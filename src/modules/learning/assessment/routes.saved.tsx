import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import { isSignedIn, type SignedIn } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { signedInOnly } from '#kernel/http/guard.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import { Alert } from '#kernel/html/components.tsx';
import type { Crumb } from '#kernel/html/page.ts';
import type { App } from '#kernel/module.ts';
import { pageSigner, resultOffers } from './routes.tsx';
import { deleteAllSavedResults, deleteSavedResult, saveResult, savedResult, savedResults } from './service.saved.ts';
import { readSignedState } from './state.ts';
import { ResultPage } from './views.tsx';
import { DeleteAllPage, deleteAllPath, savedHeading, SavedListPage, savedPath, SavedResultActions, savePath } from './views.saved.tsx';

/*
 * Keeping a self-assessment result in the account, only for a signed-in person and only when they press
 * the button: the result page posts the signed answers once more, and they are stored as they are. The
 * person's own pages list, open and delete them. Another person's result is not found, whoever asks; no
 * address carries an answer, and no page with answers is cached.
 */

const SaveBody = Type.Object({ _csrf: Type.Optional(Type.String()), stand: Type.String({ maxLength: 400 }) });
const ButtonBody = Type.Object({ _csrf: Type.Optional(Type.String()) });
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const ListQuery = Type.Object({ hinweis: Type.Optional(Type.Union([Type.Literal('geloescht'), Type.Literal('alle-geloescht')])) });
const OpenQuery = Type.Object({ hinweis: Type.Optional(Type.Union([Type.Literal('gespeichert'), Type.Literal('gespeichert-platz')])) });

const listNotices = { geloescht: 'deleted', 'alle-geloescht': 'deletedAll' } as const;
const openNotices = { gespeichert: 'saved', 'gespeichert-platz': 'savedDropped' } as const;

function person(request: FastifyRequest): SignedIn {
  if (!isSignedIn(request.actor)) throw new Error('Route reached without the sign-in guard');
  return request.actor;
}

export async function savedAssessmentRoutes(app: App, ctx: KernelContext): Promise<void> {
  app.addHook('onRequest', signedInOnly);
  const crumbs = (request: FastifyRequest, ...more: Crumb[]): Crumb[] => [{ label: request.t('accounts:account.title'), href: '/konto' }, ...more];
  const listCrumb = (request: FastifyRequest): Crumb => ({ label: request.t('learning:savedAssessment.account.title'), href: savedPath });
  const notFound = () => new HttpProblem(404, 'learning:savedAssessment.account.notFound');

  app.post<{ Body: { stand: string } }>(savePath, { schema: { body: SaveBody } }, async (request, reply) => {
    const state = readSignedState(pageSigner(request, reply), request.body.stand);
    if (!state) throw new HttpProblem(400, 'learning:assessment.problems.state');
    const saved = await saveResult(ctx, person(request), state);
    return reply.redirect(`${savedPath}/${saved.id}?hinweis=${saved.dropped > 0 ? 'gespeichert-platz' : 'gespeichert'}`, 303);
  });

  app.get<{ Querystring: { hinweis?: keyof typeof listNotices } }>(savedPath, { schema: { querystring: ListQuery } }, async (request, reply) => {
    const results = await savedResults(ctx, person(request));
    const title = request.t('learning:savedAssessment.account.title');
    const notice = request.query.hinweis && request.t(`learning:savedAssessment.account.notices.${listNotices[request.query.hinweis]}`);
    return reply
      .header('cache-control', 'no-store')
      .html({ title, breadcrumbs: crumbs(request, { label: title }) }, <SavedListPage page={request.page} results={results} notice={notice} />);
  });

  app.get(deleteAllPath, async (request, reply) => {
    const count = (await savedResults(ctx, person(request))).length;
    if (count === 0) return reply.redirect(savedPath, 303);
    const title = request.t('learning:savedAssessment.account.deleteAllTitle');
    return reply.header('cache-control', 'no-store').html({ title, breadcrumbs: crumbs(request, listCrumb(request), { label: title }) }, <DeleteAllPage page={request.page} count={count} />);
  });

  app.post(deleteAllPath, { schema: { body: ButtonBody } }, async (request, reply) => {
    await deleteAllSavedResults(ctx, person(request));
    return reply.redirect(`${savedPath}?hinweis=alle-geloescht`, 303);
  });

  app.get<{ Params: { id: string }; Querystring: { hinweis?: keyof typeof openNotices } }>(`${savedPath}/:id`, { schema: { params: IdParams, querystring: OpenQuery } }, async (request, reply) => {
    const result = await savedResult(ctx, person(request), request.params.id);
    if (!result) throw notFound();
    const [recommendations, consultation] = await resultOffers(ctx, request, result.state.answers);
    const heading = savedHeading(request.page, result);
    const notice = request.query.hinweis && request.t(`learning:savedAssessment.account.notices.${openNotices[request.query.hinweis]}`);
    return reply.header('cache-control', 'no-store').html(
      { title: heading.title, breadcrumbs: crumbs(request, listCrumb(request), { label: heading.title }) },
      <div class="kern-stack-lg">
        {notice ? <Alert kind="success" title={notice} /> : null}
        <ResultPage
          page={request.page}
          state={result.state}
          profiles={result.profiles}
          recommendations={recommendations}
          consultation={consultation}
          heading={heading}
          keeping={<SavedResultActions page={request.page} result={result} />}
        />
      </div>,
    );
  });

  app.post<{ Params: { id: string } }>(`${savedPath}/:id/loeschen`, { schema: { params: IdParams, body: ButtonBody } }, async (request, reply) => {
    const result = await deleteSavedResult(ctx, person(request), request.params.id);
    if (!result.ok) throw notFound();
    return reply.redirect(`${savedPath}?hinweis=geloescht`, 303);
  });
}
