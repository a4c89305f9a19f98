import { formMessages } from '#kernel/forms/index.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { App } from '#kernel/module.ts';
import { draftSecret, keepDraftSecret } from './http.draft.ts';
import { DraftParams, ResumeParams, SaveBody } from './schemas.ts';
import { keptUntil, openDraft } from './service.draft.ts';
import { resumeDraft, resumeForm, sendResumeLink } from './service.resume.ts';
import { SaveForLaterPage } from './views/save.tsx';

/** "Save and continue later" for guests, and the resume link that brings them back. */
export async function draftRoutes(app: App, ctx: KernelContext): Promise<void> {
  const base = (draftId: string) => `/antraege/entwurf/${draftId}`;

  app.get('/antraege/entwurf/:draftId/speichern', { schema: { params: DraftParams } }, async (request, reply) => {
    const open = await openDraft(ctx, request.actor, { draftId: request.params.draftId, secret: draftSecret(ctx, request, request.params.draftId) });
    if (!open) return reply.callNotFound();
    const back = `${base(open.draft.id)}/seite/${open.draft.last_page ?? open.pages[0]!.id}`;
    return reply.header('cache-control', 'no-store').html(
      { title: request.t('applications:save.title') },
      <SaveForLaterPage page={request.page} action={`${base(open.draft.id)}/speichern`} backHref={back} email={open.draft.guest_email ?? ''} errors={{}} keptUntil={keptUntil(ctx, open.draft, request.page.lang)} sentTo={null} />,
    );
  });

  // Each post sends a mail (at most one a minute per draft); per address, a few in ten minutes.
  app.post('/antraege/entwurf/:draftId/speichern', { schema: { params: DraftParams, body: SaveBody }, attachValidation: true, config: { rateLimit: { max: 5, timeWindow: '10 minutes' } } }, async (request, reply) => {
    const key = { draftId: request.params.draftId, secret: draftSecret(ctx, request, request.params.draftId) };
    const open = await openDraft(ctx, request.actor, key);
    if (!open) return reply.callNotFound();
    const result = await sendResumeLink(ctx, request.actor, key, request.body, request.page.lang);
    if (!result.ok && result.reason === 'not-found') return reply.callNotFound();
    if (!result.ok && result.reason === 'too-soon') throw new HttpProblem(429, 'applications:save.tooSoon');
    const back = `${base(open.draft.id)}/seite/${open.draft.last_page ?? open.pages[0]!.id}`;
    const errors = result.ok ? {} : formMessages(request.page, result.read.errors, resumeForm);
    return reply
      .header('cache-control', 'no-store')
      .status(result.ok ? 200 : 422)
      .html(
        { title: request.t('applications:save.title'), hasErrors: !result.ok },
        <SaveForLaterPage
          page={request.page}
          action={`${base(open.draft.id)}/speichern`}
          backHref={back}
          email={result.ok ? result.email : String(result.read.raw.email ?? '')}
          errors={errors}
          keptUntil={keptUntil(ctx, open.draft, request.page.lang)}
          sentTo={result.ok ? result.email : null}
        />,
      );
  });

  app.get('/antraege/entwurf/:draftId/fortsetzen/:secret', { schema: { params: ResumeParams } }, async (request, reply) => {
    const resumed = await resumeDraft(ctx, request.params.draftId, request.params.secret);
    if (!resumed) throw new HttpProblem(404, 'applications:save.linkExpired');
    keepDraftSecret(ctx, reply, request.params.draftId, resumed.secret);
    // The link's secret must not stay in the address bar or reach another site as a referrer.
    reply.header('referrer-policy', 'no-referrer');
    return reply.redirect(resumed.lastPage ? `${base(request.params.draftId)}/seite/${resumed.lastPage}` : `${base(request.params.draftId)}/pruefen`, 303);
  });
}
