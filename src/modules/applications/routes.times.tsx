import type { KernelContext } from '#kernel/context.ts';
import { staffOnly } from '#kernel/http/guard.ts';
import type { App } from '#kernel/module.ts';
import { applicationsPermissions } from './permissions.ts';
import { processingTimes, timesPeriodDays } from './service.casework.times.ts';
import { ProcessingTimesPage } from './views/staff-times.tsx';

/** Processing times per form, for the people who handle cases: the figures of their own offices only. */
export async function timesRoutes(app: App, ctx: KernelContext): Promise<void> {
  app.addHook('onRequest', staffOnly(ctx, applicationsPermissions.handleCases));
  app.get('/verwaltung/antraege/bearbeitungszeiten', async (request, reply) => {
    const title = request.t('applications:casework.times.title');
    const forms = await processingTimes(ctx, request.actor, request.page.lang);
    return reply.html(
      {
        title,
        breadcrumbs: [
          { label: request.t('accounts:staff.dashboardTitle'), href: '/verwaltung' },
          { label: request.t('applications:casework.list.title'), href: '/verwaltung/antraege' },
          { label: title },
        ],
      },
      <ProcessingTimesPage page={request.page} forms={forms} periodDays={timesPeriodDays} />,
    );
  });
}
