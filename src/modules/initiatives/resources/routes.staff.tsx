import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { KernelContext } from '#kernel/context.ts';
import { formBody, formMessages, readForm, type FormErrors, type Raw } from '#kernel/forms/index.ts';
import { staffOnly } from '#kernel/http/guard.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import type { App } from '#kernel/module.ts';
import { initiativesPermissions } from '../permissions.ts';
import { answerForm } from './forms.ts';
import { answerAsKeeper, requestForKeeper, requestsForKeeper } from './service.ts';
import { RequestPage, RequestsPage, requestHref, requestsPath, staffCrumbs } from './views/staff.tsx';

/*
 * The keepers' pages: the requests for their offices' resources and the answer to each. Every route sits
 * behind the permission; each request is checked again for the keeper's office, another office's answers 404.
 */

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const NoticeQuery = Type.Object({ hinweis: Type.Optional(Type.Literal('beantwortet')) });

export async function staffResourceRoutes(app: App, ctx: KernelContext): Promise<void> {
  app.addHook('onRequest', staffOnly(ctx, initiativesPermissions.handleRequests));

  app.get(requestsPath, async (request, reply) => {
    const rows = await requestsForKeeper(ctx, request.actor);
    const title = request.t('initiatives:resources.staff.title');
    return reply.header('cache-control', 'no-store').html({ title, breadcrumbs: [staffCrumbs(request.page)[0]!, { label: title }] }, <RequestsPage page={request.page} rows={rows} />);
  });

  async function show(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, shown: { raw: Raw; errors?: FormErrors; notice?: 'answered' }, status?: number) {
    const found = await requestForKeeper(ctx, request.actor, request.params.id);
    if (!found) throw new HttpProblem(404, 'initiatives:resources.errors.unknownRequest');
    const errors = shown.errors ? formMessages(request.page, shown.errors, answerForm) : {};
    return reply
      .status(status ?? (shown.errors ? 422 : 200))
      .header('cache-control', 'no-store')
      .html({ title: found.reference, hasErrors: Boolean(shown.errors), breadcrumbs: [...staffCrumbs(request.page), { label: found.reference }] }, <RequestPage page={request.page} request={found} form={{ raw: shown.raw, errors }} notice={shown.notice} />);
  }

  app.get(`${requestsPath}/:id`, { schema: { params: IdParams, querystring: NoticeQuery } }, async (request, reply) =>
    show(request, reply, { raw: {}, ...(request.query.hinweis ? { notice: 'answered' as const } : {}) }),
  );

  app.post(`${requestsPath}/:id/antworten`, { schema: { params: IdParams, body: formBody(answerForm) }, attachValidation: true }, async (request, reply) => {
    const read = readForm(answerForm, request);
    if (!read.ok) {
      if (!(await requestForKeeper(ctx, request.actor, request.params.id, false))) throw new HttpProblem(404, 'initiatives:resources.errors.unknownRequest');
      return show(request, reply, read);
    }
    const result = await answerAsKeeper(ctx, request.actor, request.params.id, read.value);
    if (result.ok) return reply.redirect(`${requestHref(request.params.id)}?hinweis=beantwortet`, 303);
    if (result.reason === 'not-found') throw new HttpProblem(404, 'initiatives:resources.errors.unknownRequest');
    throw new HttpProblem(409, 'initiatives:resources.errors.answered');
  });
}
