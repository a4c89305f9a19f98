import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { KernelContext } from '#kernel/context.ts';
import { staffOnly } from '#kernel/http/guard.ts';
import type { App } from '#kernel/module.ts';
import { initiativesPermissions } from '../permissions.ts';
import { decideHeld, heldForModerators, type HeldDecision } from './service.held.ts';
import { heldPath, HeldPage, type HeldNotice } from './views/held.tsx';

const FeedParams = Type.Object({ feedId: Type.String({ format: 'uuid' }) });
const NoticeQuery = Type.Object({ notice: Type.Optional(Type.Union([Type.Literal('released'), Type.Literal('discarded')])), anzahl: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })) });

const decisions: Record<string, HeldDecision> = { freigeben: 'release', verwerfen: 'discard' };

/** The moderators' page of events held back from flooding feeds. */
export async function feedRoutes(app: App, ctx: KernelContext): Promise<void> {
  app.addHook('onRequest', staffOnly(ctx, initiativesPermissions.moderate));

  const show = async (request: FastifyRequest, reply: FastifyReply, notice?: HeldNotice, status = 200) => {
    const feeds = await heldForModerators(ctx, request.actor);
    const title = request.t('initiatives:feeds.held.title');
    return reply.status(status).html({ title, breadcrumbs: [{ label: request.t('accounts:staff.dashboardTitle'), href: '/verwaltung' }, { label: title }] }, <HeldPage page={request.page} feeds={feeds} notice={notice} />);
  };

  app.get(heldPath, { schema: { querystring: NoticeQuery }, attachValidation: true }, async (request, reply) => {
    const { notice, anzahl } = request.validationError ? {} : request.query;
    return show(request, reply, notice ? { kind: 'success', text: request.t(`initiatives:feeds.held.notices.${notice}`, { count: anzahl ?? 0 }) } : undefined);
  });

  for (const [segment, decision] of Object.entries(decisions)) {
    app.post(`${heldPath}/:feedId/${segment}`, { schema: { params: FeedParams }, attachValidation: true }, async (request, reply) => {
      if (request.validationError) return reply.callNotFound();
      const result = await decideHeld(ctx, request.actor, request.params.feedId, decision, request.id);
      if (result.ok) return reply.redirect(`${heldPath}?notice=${decision === 'release' ? 'released' : 'discarded'}&anzahl=${result.count}`, 303);
      if (result.reason === 'not-found') return reply.callNotFound();
      return show(request, reply, { kind: 'danger', text: request.t('initiatives:feeds.held.notices.nothing-held') }, 409);
    });
  }
}
