import type { KernelContext } from '#kernel/context.ts';
import type { App } from '#kernel/module.ts';
import { consultationOffer, consultationPath } from './offer.ts';
import { ConsultationPage } from './views.tsx';

/*
 * The public page of the digital consultation hours. It names the next free day, which changes with every
 * booking, so it is made for each request rather than kept in the page cache.
 */
export async function consultationRoutes(app: App, ctx: KernelContext): Promise<void> {
  app.get(consultationPath, async (request, reply) => {
    const offer = await consultationOffer(ctx, new Date(), request.lang);
    return reply.html({ title: request.t('learning:consultation.title') }, <ConsultationPage page={request.page} offer={offer} />);
  });
}
