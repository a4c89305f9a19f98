import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KernelContext } from '../context.ts';
import { staffOnly } from '../http/guard.ts';
import type { App } from '../module.ts';
import { OperationsQuery, ReplayBody } from './schemas.ts';
import { failedWork, manageJobs, replayFailedJob } from './service.operations.ts';
import { OperationsPage } from './views/operations.tsx';

const notices: Record<string, string> = { replayed: 'kernel:operations.replayed' };

/** The back office page of failed event deliveries and jobs, for staff who may manage jobs. */
export async function operationsRoutes(app: App, ctx: KernelContext): Promise<void> {
  app.addHook('onRequest', staffOnly(ctx, manageJobs));
  const page = async (request: FastifyRequest, reply: FastifyReply, status: 200 | 400 | 409, message: { notice?: string; problem?: string }) => {
    const work = await failedWork(ctx, request.actor);
    const title = request.t('kernel:operations.title');
    const breadcrumbs = [{ label: request.t('kernel:layout.staffArea'), href: '/verwaltung' }, { label: title }];
    return reply.status(status).html({ title, breadcrumbs, hasErrors: status !== 200 }, <OperationsPage page={request.page} work={work} {...message} />);
  };

  app.get('/verwaltung/betrieb', { schema: { querystring: OperationsQuery } }, async (request, reply) =>
    page(request, reply, 200, { notice: notices[request.query.notice ?? ''] }),
  );

  app.post('/verwaltung/betrieb/wiederholen', { schema: { body: ReplayBody }, attachValidation: true }, async (request, reply) => {
    if (request.validationError) return page(request, reply, 400, { problem: 'kernel:operations.refused.invalid' });
    const result = await replayFailedJob(ctx, request.actor, request.body);
    if (result.ok) return reply.redirect('/verwaltung/betrieb?notice=replayed', 303);
    return page(request, reply, result.reason === 'not-failed' ? 409 : 400, { problem: `kernel:operations.refused.${result.reason}` });
  });
}
