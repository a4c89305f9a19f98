import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KernelContext } from '#kernel/context.ts';
import { defineForm, formBody, formMessages, once, readForm, withErrors, type FormErrors, type Raw } from '#kernel/forms/index.ts';
import { staffOnly } from '#kernel/http/guard.ts';
import type { App } from '#kernel/module.ts';
import { applicationsPermissions } from './permissions.ts';
import { enteredCasePath } from './routes.apply.tsx';
import { CaseParams } from './schemas.ts';
import { assistedChannels, enteredCaseReceipt, formsToEnter, startAssistedApplication, viewEnteredCase, type AssistedStart } from './service.assisted.ts';
import { spellReference } from './spelling.ts';
import { AssistedStartPage, EnteredCasePage } from './views/assisted.tsx';

const startPath = '/verwaltung/antraege/neu';

/** Which form, how it came, and the citizen's account if they have one; the form's own pages follow. */
const assistedForm = defineForm({
  id: 'applications.assisted-start',
  once: true,
  fields: {
    // The forms on offer depend on the caseworker's offices; the service checks the one chosen.
    formKey: { kind: 'choice', label: 'applications:assisted.fields.form', required: true, maxLength: 80, messages: { 'not-a-choice': 'applications:assisted.errors.formNotOffered' } },
    channel: { kind: 'choice', label: 'applications:assisted.fields.channel', required: true, options: assistedChannels.map((value) => ({ value, label: `applications:assisted.channels.${value}` })) },
    email: { kind: 'email', label: 'applications:assisted.fields.email', maxLength: 254 },
  },
});

const refusals: Record<Exclude<AssistedStart, { ok: true }>['reason'], FormErrors> = {
  'form-not-offered': { formKey: { code: 'applications:assisted.errors.formNotOffered' } },
  'no-account': { email: { code: 'applications:assisted.errors.noAccount' } },
  'account-required': { email: { code: 'applications:assisted.errors.accountRequired' } },
};

/**
 * Assisted digital, for caseworkers: an application that came on paper, by phone or at the counter entered
 * into the form on the applicant's behalf (the form's pages are the citizen's, `routes.apply.tsx`), and the
 * case it became.
 */
export async function assistedRoutes(app: App, ctx: KernelContext): Promise<void> {
  app.addHook('onRequest', staffOnly(ctx, applicationsPermissions.handleCases));
  const crumbs = (request: FastifyRequest, last: string) => [{ label: request.t('applications:casework.list.title'), href: '/verwaltung/antraege' }, { label: last }];

  const startPage = async (request: FastifyRequest, reply: FastifyReply, read: { raw: Raw; errors?: FormErrors }) => {
    const forms = await formsToEnter(ctx, request.actor);
    const errors = read.errors ? formMessages(request.page, read.errors, assistedForm) : {};
    const title = request.t('applications:assisted.title');
    return reply
      .status(read.errors ? 422 : 200)
      .html({ title, breadcrumbs: crumbs(request, title), hasErrors: Boolean(read.errors) }, <AssistedStartPage page={request.page} forms={forms} channels={assistedChannels} raw={read.raw} errors={errors} />);
  };

  app.get(startPath, async (request, reply) => startPage(request, reply, { raw: {} }));

  app.post(startPath, { schema: { body: formBody(assistedForm) }, attachValidation: true }, async (request, reply) => {
    const read = readForm(assistedForm, request);
    if (!read.ok) return startPage(request, reply, read);
    const input = { formKey: read.value.formKey, channel: read.value.channel, citizenEmail: read.value.email || null };
    const started = await once(ctx, request, read, () => startAssistedApplication(ctx, request.actor, input));
    if (!started.ok) return startPage(request, reply, withErrors(read, refusals[started.reason]));
    return reply.redirect(`/antraege/entwurf/${started.draftId}/seite/${started.firstPage}`, 303);
  });

  app.get('/verwaltung/antraege/erfasst/:caseId', { schema: { params: CaseParams } }, async (request, reply) => {
    const entered = await viewEnteredCase(ctx, request.actor, request.params.caseId);
    if (!entered) return reply.callNotFound();
    const { made } = entered;
    const title = request.t('applications:assisted.entered.title');
    return reply
      .header('cache-control', 'no-store')
      .html(
        { title, breadcrumbs: crumbs(request, title) },
        <EnteredCasePage
          page={request.page}
          entered={entered}
          spelled={spellReference(made.reference, request.page.lang)}
          receiptHref={`${enteredCasePath(made.id)}/eingangsbestaetigung.pdf`}
          caseHref={`/verwaltung/antraege/${made.id}`}
        />,
      );
  });

  app.get('/verwaltung/antraege/erfasst/:caseId/eingangsbestaetigung.pdf', { schema: { params: CaseParams } }, async (request, reply) => {
    const receipt = await enteredCaseReceipt(ctx, request.actor, request.params.caseId);
    if (!receipt) return reply.callNotFound();
    return ctx.files.send(reply, { fileId: receipt.fileId, filename: receipt.filename, actor: request.actor, dataSubjectId: receipt.dataSubjectId, action: 'applications.receipt-downloaded' });
  });
}
