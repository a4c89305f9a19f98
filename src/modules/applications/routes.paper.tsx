import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KernelContext } from '#kernel/context.ts';
import type { App } from '#kernel/module.ts';
import { draftSecret } from './http.draft.ts';
import { DraftParams, FormParams } from './schemas.ts';
import { blankPaperForm, draftPaperForm, type PaperForm, type PaperWords } from './service.paper.ts';
import { printableLabels } from './views/design-words.ts';

/** How long a browser or proxy may keep the blank form before asking again; the ETag makes asking cheap. */
const blankMaxAge = 300;

const wordsFor = (ctx: KernelContext, request: FastifyRequest): PaperWords => ({
  lang: request.lang,
  labels: printableLabels(request.t),
  cityLine: request.t('kernel:site.name', { city: ctx.config.CITY_NAME }),
});

/** A PDF opened in the browser's viewer to print, under a name it keeps when saved. */
const sendPdf = (reply: FastifyReply, printed: PaperForm) =>
  reply.type('application/pdf').header('content-disposition', `inline; filename="${printed.filename}"`).header('x-content-type-options', 'nosniff').header('etag', printed.etag).send(printed.pdf);

/** The paper twin of every form: blank to print and send in, or a draft with its answers so far. */
export async function paperRoutes(app: App, ctx: KernelContext): Promise<void> {
  // An answer that sets a cookie (the language chosen with `?lang=`, written as it is sent) is no shared
  // cache's to keep: the cache would hand the cookie to everyone after.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (reply.hasHeader('set-cookie') && /\bpublic\b/.test(String(reply.getHeader('cache-control') ?? ''))) reply.header('cache-control', 'private, no-cache');
    return payload;
  });
  app.get('/antraege/:formKey/formular.pdf', { schema: { params: FormParams } }, async (request, reply) => {
    const printed = await blankPaperForm(ctx, request.params.formKey, wordsFor(ctx, request));
    if (!printed) return reply.callNotFound();
    // The same for every visitor in a language: shared caches may keep it, apart by the cookie that picks the
    // language; a person signed in gets it like any of their pages.
    reply.header('cache-control', request.sessionHash === null ? `public, max-age=${blankMaxAge}` : 'private, no-cache').header('vary', 'Cookie');
    if (request.headers['if-none-match'] === printed.etag) return reply.header('etag', printed.etag).code(304).send();
    return sendPdf(reply, printed);
  });

  app.get('/antraege/entwurf/:draftId/formular.pdf', { schema: { params: DraftParams } }, async (request, reply) => {
    const key = { draftId: request.params.draftId, secret: draftSecret(ctx, request, request.params.draftId) };
    const printed = await draftPaperForm(ctx, request.actor, key, wordsFor(ctx, request));
    if (!printed) return reply.callNotFound();
    // The person's answers: no cache may keep them.
    return sendPdf(reply.header('cache-control', 'no-store'), printed);
  });
}
