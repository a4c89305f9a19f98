import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { KernelContext } from '#kernel/context.ts';
import { cleanText } from '#kernel/forms/index.ts';
import { staffOnly } from '#kernel/http/guard.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import type { PageContext } from '#kernel/html/page.ts';
import type { App } from '#kernel/module.ts';
import { initiativesPermissions } from '../permissions.ts';
import { decideMaintainer, entryForModerator, logoForModerator, markEditSeen, moderationQueue, takeStep, type MaintainerDecision } from './service.moderation.ts';
import { DetailPage } from './views/detail.tsx';
import { QueuePage } from './views/queue.tsx';
import { moderatorSteps, type ModeratorStep } from './workflow.ts';

/*
 * The moderators' pages: the queue, an entry's whole record with the steps allowed now, and the buttons
 * of the queue (an edit seen, a new maintainer approved or refused). Each action redirects back with a
 * notice, so a reload sends nothing twice.
 */

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const StepParams = Type.Object({ id: Type.String({ format: 'uuid' }), step: Type.Union(moderatorSteps.map((step) => Type.Literal(step))) });
const MaintainerParams = Type.Object({ maintainerId: Type.String({ format: 'uuid' }), decision: Type.Union([Type.Literal('freigeben'), Type.Literal('ablehnen')]) });
const NoticeQuery = Type.Object({ hinweis: Type.Optional(Type.String({ maxLength: 40, pattern: '^[a-z-]+$' })) });
const noteField = Type.Optional(Type.String({ maxLength: 5000 }));
const StepBody = Type.Object({ _csrf: Type.Optional(Type.String()), 'note-ask': noteField, 'note-reject': noteField, 'note-withdraw': noteField });
const ButtonBody = Type.Object({ _csrf: Type.Optional(Type.String()) });

const decisions: Record<'freigeben' | 'ablehnen', MaintainerDecision> = { freigeben: 'approve', ablehnen: 'refuse' };
const notices = new Set(['ask', 'publish', 'reject', 'withdraw', 'seen', 'approve', 'refuse']);

const queuePath = '/verwaltung/initiativen';

function crumbs(page: PageContext, title: string, withQueue: boolean) {
  return [{ label: page.t('accounts:staff.dashboardTitle'), href: '/verwaltung' }, ...(withQueue ? [{ label: page.t('initiatives:moderation.queue.title'), href: queuePath }] : []), { label: title }];
}

const noticeOf = (page: PageContext, code: string | undefined) => (code && notices.has(code) ? page.t(`initiatives:moderation.notices.${code}`) : undefined);

export async function staffModerationRoutes(app: App, ctx: KernelContext): Promise<void> {
  app.addHook('onRequest', staffOnly(ctx, initiativesPermissions.moderate));

  app.get<{ Querystring: { hinweis?: string } }>(queuePath, { schema: { querystring: NoticeQuery } }, async (request, reply) => {
    const now = new Date();
    const queue = await moderationQueue(ctx, request.actor, now);
    const title = request.t('initiatives:moderation.queue.title');
    return reply.header('cache-control', 'no-store').html({ title, breadcrumbs: crumbs(request.page, title, false) }, <QueuePage page={request.page} queue={queue} now={now} notice={noticeOf(request.page, request.query.hinweis)} />);
  });

  async function detail(request: FastifyRequest, reply: FastifyReply, id: string, shown: { status?: number; step?: ModeratorStep; error?: string; raw?: string; notice?: string | undefined }) {
    const entry = await entryForModerator(ctx, request.actor, id);
    if (!entry) throw new HttpProblem(404, 'initiatives:moderation.errors.unknown');
    const stepErrors = shown.step && shown.error ? { [`note-${shown.step}`]: shown.error } : {};
    return reply
      .status(shown.status ?? 200)
      .header('cache-control', 'no-store')
      .html(
        { title: entry.initiative.name, breadcrumbs: crumbs(request.page, entry.initiative.name, true), hasErrors: Boolean(shown.error) },
        <DetailPage page={request.page} entry={entry} stepErrors={stepErrors} noteRaw={shown.raw ?? ''} notice={shown.notice} />,
      );
  }

  app.get<{ Params: { id: string }; Querystring: { hinweis?: string } }>(`${queuePath}/:id`, { schema: { params: IdParams, querystring: NoticeQuery } }, async (request, reply) =>
    detail(request, reply, request.params.id, { notice: noticeOf(request.page, request.query.hinweis) }),
  );

  app.get<{ Params: { id: string } }>(`${queuePath}/:id/logo`, { schema: { params: IdParams } }, async (request, reply) => {
    const logo = await logoForModerator(ctx, request.actor, request.params.id);
    if (!logo) throw new HttpProblem(404, 'initiatives:moderation.errors.unknown');
    return ctx.files.send(reply, { fileId: logo.fileId, filename: `logo-${logo.slug}`, actor: request.actor });
  });

  app.post<{ Params: { id: string; step: ModeratorStep }; Body: Record<string, string | undefined> }>(`${queuePath}/:id/:step`, { schema: { params: StepParams, body: StepBody } }, async (request, reply) => {
    const { id, step } = request.params;
    const raw = request.body[`note-${step}`] ?? '';
    const note = cleanText(raw, true) || null;
    const result = await takeStep(ctx, request.actor, id, step, note);
    if (result.ok) return reply.redirect(`${queuePath}/${id}?hinweis=${step}`, 303);
    switch (result.reason) {
      case 'not-found':
        throw new HttpProblem(404, 'initiatives:moderation.errors.unknown');
      case 'invalid-transition':
        throw new HttpProblem(409, 'initiatives:moderation.errors.moved');
      case 'note-required':
        return detail(request, reply, id, { status: 422, step, raw, error: request.t(`initiatives:moderation.errors.note.${step}`) });
    }
  });

  app.post<{ Params: { id: string } }>(`${queuePath}/:id/gesehen`, { schema: { params: IdParams, body: ButtonBody } }, async (request, reply) => {
    if (!(await markEditSeen(ctx, request.actor, request.params.id))) throw new HttpProblem(404, 'initiatives:moderation.errors.unknown');
    return reply.redirect(`${queuePath}?hinweis=seen`, 303);
  });

  app.post<{ Params: { maintainerId: string; decision: 'freigeben' | 'ablehnen' } }>(`${queuePath}/betreuende/:maintainerId/:decision`, { schema: { params: MaintainerParams, body: ButtonBody } }, async (request, reply) => {
    const decision = decisions[request.params.decision];
    const result = await decideMaintainer(ctx, request.actor, request.params.maintainerId, decision);
    if (!result.ok) throw new HttpProblem(result.reason === 'decided' ? 409 : 404, result.reason === 'decided' ? 'initiatives:moderation.errors.decided' : 'initiatives:moderation.errors.unknown');
    return reply.redirect(`${queuePath}?hinweis=${decision}`, 303);
  });
}
