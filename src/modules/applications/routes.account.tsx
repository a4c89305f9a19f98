import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { formMessages } from '#kernel/forms/index.ts';
import { isSignedIn, type SignedIn } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { signedInOnly } from '#kernel/http/guard.ts';
import type { App } from '#kernel/module.ts';
import { answerRows } from './definition/pages.ts';
import { messageOnly, replyForm } from './forms.follow.ts';
import { casePath, FollowQuery, followRoutes, replyUploads, type Shown } from './routes.follow.tsx';
import { CaseParams, SessionBody } from './schemas.ts';
import { myApplications, myCase } from './service.account.ts';
import { MyApplicationsPage, MyCasePage } from './views/account.tsx';
import { textIn } from './views/text.ts';

function signedIn(request: FastifyRequest): SignedIn {
  if (!isSignedIn(request.actor)) throw new Error('Route reached without the sign-in guard');
  return request.actor;
}

/** "Mein Konto → Meine Anträge": drafts to continue, cases with their timeline. */
export async function accountRoutes(app: App, ctx: KernelContext): Promise<void> {
  app.addHook('onRequest', signedInOnly);
  await app.register(fastifyMultipart, replyUploads(ctx));
  const account = (request: FastifyRequest) => ({ label: request.t('accounts:account.title'), href: '/konto' });

  app.get('/konto/antraege', async (request, reply) => {
    const mine = await myApplications(ctx, signedIn(request));
    return reply
      .header('cache-control', 'no-store')
      .html({ title: request.t('applications:mine.title'), breadcrumbs: [account(request), { label: request.t('applications:mine.title') }] }, <MyApplicationsPage page={request.page} drafts={mine.drafts} cases={mine.cases} />);
  });

  // Any request refreshes the session: this one exists to be that request, from the warning on a form page.
  app.post('/konto/antraege/sitzung', { schema: { body: SessionBody } }, async (request, reply) => {
    if (request.headers.accept === 'application/json') return reply.status(204).send();
    const back = request.body?.zurueck ?? '';
    return reply.redirect(/^\/antraege\/entwurf\/[0-9a-f-]{36}\/seite\/[a-zA-Z0-9]+$/.test(back) ? back : '/konto/antraege', 303);
  });

  const showCase = async (request: FastifyRequest<{ Params: { caseId: string } }>, reply: FastifyReply, shown: Shown = {}) => {
    const mine = await myCase(ctx, signedIn(request), request.params.caseId);
    if (!mine) return reply.callNotFound();
    const { made, form } = mine;
    const lang = request.page.lang;
    const title = textIn(form.definition.title, lang);
    const errors = shown.errors ? formMessages(request.page, shown.errors, replyForm) : {};
    return reply.status(shown.status ?? 200).header('cache-control', 'no-store').html(
      { title, breadcrumbs: [account(request), { label: request.t('applications:mine.title'), href: '/konto/antraege' }, { label: made.reference }], hasErrors: Object.keys(errors).length > 0 },
      <MyCasePage
        page={request.page}
        title={title}
        reference={made.reference}
        status={made.status}
        receiptHref={`/antraege/vorgang/${made.id}/eingangsbestaetigung.pdf`}
        timeline={mine.timeline}
        sections={answerRows(form.definition, made.answers, lang).map((section) => ({ pageId: section.page.id, title: section.title, rows: section.rows }))}
        follow={{ ...mine, form: mine.takesDocuments ? replyForm : messageOnly, action: `${casePath(made.id)}/antwort`, withdrawHref: `${casePath(made.id)}/zurueckziehen`, raw: shown.raw ?? {}, errors }}
        notice={shown.notice ? { kind: 'success', text: request.t(`applications:follow.notices.${shown.notice}`) } : undefined}
      />,
    );
  };

  app.get('/konto/antraege/:caseId', { schema: { params: CaseParams, querystring: FollowQuery } }, async (request, reply) => showCase(request, reply, { notice: request.query.hinweis }));

  followRoutes(app, ctx, showCase);
}
