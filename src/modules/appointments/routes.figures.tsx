import type { KernelContext } from '#kernel/context.ts';
import { staffOnly } from '#kernel/http/guard.ts';
import type { App } from '#kernel/module.ts';
import { appointmentsPermissions } from './permissions.ts';
import { figuresPeriodDays, placeFigures } from './stats.ts';
import { FiguresPage } from './views/figures.tsx';

export const figuresPath = '/verwaltung/termine/kennzahlen';

/** The appointment figures for the people who serve the counters: the places of their own offices only. */
export async function figuresRoutes(app: App, ctx: KernelContext): Promise<void> {
  app.addHook('onRequest', staffOnly(ctx, appointmentsPermissions.serveCounters));
  app.get(figuresPath, async (request, reply) => {
    const title = request.t('appointments:figures.page.title');
    const places = await placeFigures(ctx, request.actor, request.page.lang);
    return reply.html(
      { title, breadcrumbs: [{ label: request.t('accounts:staff.dashboardTitle'), href: '/verwaltung' }, { label: title }] },
      <FiguresPage page={request.page} places={places} periodDays={figuresPeriodDays} />,
    );
  });
}
