import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isSignedIn } from '#kernel/auth/actor.ts';
import { AccessDenied } from '#kernel/auth/permissions.ts';
import type { KernelContext } from '#kernel/context.ts';
import { formMessages, type FormErrors, type Raw } from '#kernel/forms/index.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import type { App } from '#kernel/module.ts';
import { sessionAssurance } from '#modules/accounts/index.ts';
import { pageForm, pageRaw, readPage, type PageOptions } from './definition/pages.ts';
import type { Page } from './definition/schema.ts';
import { wordingContext } from './definition/texts.ts';
import { draftSecret, keepDraftSecret, largestUpload, pageUploads } from './http.draft.ts';
import { easyChoice } from './http.easy.ts';
import { flowRules, procedureFacts, withFacts } from './procedures.ts';
import { CaseParams, DraftPageParams, DraftParams, EasyQuery, FormParams, PageBody, PageQuery, SubmitBody } from './schemas.ts';
import { accountData, draftOfSignedOutOwner, keptUntil, openDraft, savePage, startApplication, type DraftKey, type OpenDraft } from './service.draft.ts';
import { checkSections, startFacts } from './service.pages.ts';
import { followCase } from './service.follow.ts';
import { publishedForm } from './service.forms.ts';
import { ensureReceipt } from './service.receipt.ts';
import { submitApplication } from './service.submit.ts';
import { spellReference } from './spelling.ts';
import { CheckPage } from './views/check.tsx';
import { ConfirmationPage } from './views/confirmation.tsx';
import { QuestionPage } from './views/question.tsx';
import { StartPage } from './views/start.tsx';
import { langOf, textIn } from './views/text.ts';

const draftPath = (draftId: string) => `/antraege/entwurf/${draftId}`;
/** Where staff who entered an application for someone see the case it became (`routes.assisted.tsx`). */
export const enteredCasePath = (caseId: string) => `/verwaltung/antraege/erfasst/${caseId}`;

/** The citizen's way through a form: start page, one page per question, check your answers, confirmation. */
export async function applyRoutes(app: App, ctx: KernelContext): Promise<void> {
  await app.register(fastifyMultipart, pageUploads(ctx));
  const keyOf = (request: FastifyRequest<{ Params: { draftId: string } }>): DraftKey => ({ draftId: request.params.draftId, secret: draftSecret(ctx, request, request.params.draftId) });
  // Drafts hold personal data: neither a shared cache nor the browser's back-forward cache may keep them.
  const personal = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

  app.get('/antraege/:formKey', { schema: { params: FormParams, querystring: EasyQuery } }, async (request, reply) => {
    const form = await publishedForm(ctx, request.params.formKey);
    if (!form) return reply.callNotFound();
    const facts = await startFacts(ctx, request.actor, form, request.page.lang);
    const easy = easyChoice(ctx, request, reply, form.definition);
    return reply.html(
      { title: textIn(form.definition.title, request.page.lang, easy.on) },
      <StartPage page={request.page} definition={form.definition} facts={facts.start} resume={facts.resume} needsAccount={form.definition.access === 'account' && !isSignedIn(request.actor)} easy={easy} />,
    );
  });

  // Each start makes a draft: enough for a family at one address, too few for a script filling the table.
  app.post('/antraege/:formKey/starten', { schema: { params: FormParams, body: SubmitBody }, config: { rateLimit: { max: 30, timeWindow: '10 minutes' } } }, async (request, reply) => {
    const started = await startApplication(ctx, request.actor, request.params.formKey);
    if (!started.ok && started.reason === 'sign-in-required') return reply.redirect(`/anmelden?next=${encodeURIComponent(`/antraege/${request.params.formKey}`)}`, 303);
    if (!started.ok) return reply.callNotFound();
    if (started.secret) keepDraftSecret(ctx, reply, started.draftId, started.secret);
    return reply.redirect(`${draftPath(started.draftId)}/seite/${started.firstPage}`, 303);
  });

  const showPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    open: OpenDraft,
    question: Page,
    read: { raw: Raw; errors?: FormErrors; prefilled?: string[] },
    view: { backToCheck: boolean; options: PageOptions },
  ) => {
    const { form, draft, pages } = open;
    const { backToCheck } = view;
    const easy = easyChoice(ctx, request, reply, form.definition);
    const kernelForm = pageForm(form.definition, easy.on ? form.easyNamespace : form.namespace, question, open.answers, view.options);
    const errors = read.errors ? formMessages(request.page, read.errors, kernelForm) : {};
    const at = pages.findIndex((page) => page.id === question.id);
    const base = draftPath(draft.id);
    const start = draft.entered_by ? '/verwaltung/antraege/neu' : `/antraege/${form.definition.key}`;
    const backHref = backToCheck ? `${base}/pruefen` : at > 0 ? `${base}/seite/${pages[at - 1]!.id}` : start;
    return personal(reply)
      .status(read.errors ? 422 : 200)
      .html(
        { title: textIn(question.title, request.page.lang, easy.on), hasErrors: Boolean(read.errors) },
        <QuestionPage
          page={request.page}
          definition={form.definition}
          question={question}
          form={kernelForm}
          raw={read.raw}
          errors={errors}
          action={`${base}/seite/${question.id}${backToCheck ? '?aendern=1' : ''}`}
          backHref={backHref}
          prefilled={read.prefilled ?? []}
          {...(draft.user_id || draft.entered_by ? {} : { saveHref: `${base}/speichern` })}
          keptUntil={keptUntil(ctx, draft, request.page.lang)}
          step={{ number: at + 1, of: pages.length }}
          session={isSignedIn(request.actor) ? { idleMinutes: ctx.config.SESSION_IDLE_MINUTES, back: `${base}/seite/${question.id}` } : undefined}
          easy={easy}
        />,
      );
  };

  app.get('/antraege/entwurf/:draftId/seite/:pageId', { schema: { params: DraftPageParams, querystring: PageQuery } }, async (request, reply) => {
    const open = await openDraft(ctx, request.actor, keyOf(request));
    if (!open && (await draftOfSignedOutOwner(ctx, request.actor, request.params.draftId))) return reply.redirect(`/anmelden?notice=session-ended&next=${encodeURIComponent(request.url)}`, 303);
    if (!open) return reply.callNotFound();
    const question = open.pages.find((page) => page.id === request.params.pageId);
    if (!question) return reply.redirect(`${draftPath(open.draft.id)}/pruefen`, 303);
    const known = await accountData(ctx, request.actor, open, question);
    const { options } = await flowRules(ctx, open.form.definition, known.answers);
    const raw = pageRaw(open.form.definition, question, known.answers, options);
    return showPage(request, reply, open, question, { raw, prefilled: known.prefilled }, { backToCheck: request.query.aendern === '1', options });
  });

  app.post(
    '/antraege/entwurf/:draftId/seite/:pageId',
    { schema: { params: DraftPageParams, querystring: PageQuery, body: PageBody }, attachValidation: true, bodyLimit: 2 * largestUpload + 1024 * 1024 },
    async (request, reply) => {
      const key = keyOf(request);
      const open = await openDraft(ctx, request.actor, key);
      // A session that ended while the page was filled in: the kernel's answer asks the person to sign in.
      if (!open && (await draftOfSignedOutOwner(ctx, request.actor, request.params.draftId))) throw new AccessDenied(request.actor, 'applications.draft');
      if (!open) return reply.callNotFound();
      const question = open.pages.find((page) => page.id === request.params.pageId);
      if (!question) return reply.redirect(`${draftPath(open.draft.id)}/pruefen`, 303);
      const rules = await flowRules(ctx, open.form.definition, open.answers, request.body);
      const view = { backToCheck: request.query.aendern === '1', options: rules.options };
      const read = readPage(open.form.definition, open.form.namespace, question, open.answers, { body: request.body, upload: (name) => ctx.files.uploadOf(request, name) }, rules.options);
      if (!read.ok) return showPage(request, reply, open, question, read, view);
      const refused = rules.refusals(question, read.values);
      if (Object.keys(refused).length > 0) return showPage(request, reply, open, question, { raw: read.raw, errors: refused }, view);
      const saved = await savePage(ctx, request.actor, key, question.id, read.values, { backToCheck: view.backToCheck });
      if (!saved.ok && saved.reason === 'not-found') return reply.callNotFound();
      if (!saved.ok) throw new HttpProblem(422, 'applications:errors.fileRefused');
      // "Add another row": saved, and the same page again with an empty row below the filled ones.
      if ((request.body as Record<string, unknown>)._weitere === '1') return reply.redirect(`${draftPath(open.draft.id)}/seite/${question.id}${view.backToCheck ? '?aendern=1' : ''}`, 303);
      return reply.redirect(saved.next === 'check' ? `${draftPath(open.draft.id)}/pruefen` : `${draftPath(open.draft.id)}/seite/${saved.next}`, 303);
    },
  );

  const showCheck = async (request: FastifyRequest, reply: FastifyReply, open: OpenDraft, errors: Record<string, string>) => {
    const base = draftPath(open.draft.id);
    const last = open.pages.at(-1)!;
    const { definition } = open.form;
    const derived = (await flowRules(ctx, definition, open.answers)).derived(open.answers);
    const facts = procedureFacts(definition, { ...open.answers, ...derived }, request.t);
    const easy = easyChoice(ctx, request, reply, definition);
    return personal(reply)
      .status(Object.keys(errors).length > 0 ? 422 : 200)
      .html(
        { title: request.t('applications:check.title'), hasErrors: Object.keys(errors).length > 0 },
        <CheckPage
          page={request.page}
          definition={open.form.definition}
          sections={withFacts(checkSections(open, request.page.lang, easy.on), facts)}
          changeHref={(pageId) => `${base}/seite/${pageId}?aendern=1`}
          action={`${base}/absenden`}
          errors={errors}
          backHref={`${base}/seite/${last.id}`}
          printHref={`${base}/formular.pdf`}
          easy={easy}
        />,
      );
  };

  app.get('/antraege/entwurf/:draftId/pruefen', { schema: { params: DraftParams } }, async (request, reply) => {
    const open = await openDraft(ctx, request.actor, keyOf(request));
    if (!open) return reply.callNotFound();
    return showCheck(request, reply, open, {});
  });

  app.post('/antraege/entwurf/:draftId/absenden', { schema: { params: DraftParams, body: SubmitBody } }, async (request, reply) => {
    const key = keyOf(request);
    const result = await submitApplication(ctx, request.actor, key, { declared: request.body.declared === 'on', identityAssurance: sessionAssurance(request.sessionData) });
    if (result.ok) return reply.redirect(result.assisted ? enteredCasePath(result.caseId) : `/antraege/vorgang/${result.caseId}/bestaetigung`, 303);
    if (result.reason === 'not-found') return reply.callNotFound();
    if (result.reason === 'incomplete') return reply.redirect(`${draftPath(key.draftId)}/seite/${result.pageId}?aendern=1`, 303);
    if (result.reason === 'no-office') throw new HttpProblem(409, 'applications:errors.noOffice');
    const open = await openDraft(ctx, request.actor, key);
    if (!open) return reply.callNotFound();
    return showCheck(request, reply, open, { declared: request.t('applications:check.declarationMissing', wordingContext(open.form.definition)) });
  });

  app.get('/antraege/vorgang/:caseId/bestaetigung', { schema: { params: CaseParams } }, async (request, reply) => {
    const followed = await followCase(ctx, request.actor, request.params.caseId, (draftId) => draftSecret(ctx, request, draftId));
    if (!followed) return reply.callNotFound();
    const { made, form, confirmedBy } = followed;
    const lang = request.page.lang;
    // Read in Leichte Sprache up to here, the form's title and what happens next stay in it.
    const easy = easyChoice(ctx, request, reply, form.definition).on;
    return personal(reply).html(
      { title: request.t('applications:confirmation.title', wordingContext(form.definition)) },
      <ConfirmationPage
        page={request.page}
        title={textIn(form.definition.title, lang, easy)}
        reference={made.reference}
        spelled={spellReference(made.reference, lang)}
        nextSteps={textIn(form.definition.nextSteps, lang, easy)}
        nextStepsLang={langOf(form.definition.nextSteps, lang, easy)}
        receiptHref={`/antraege/vorgang/${made.id}/eingangsbestaetigung.pdf`}
        confirmedBy={confirmedBy}
        signedIn={isSignedIn(request.actor)}
        wording={wordingContext(form.definition)}
      />,
    );
  });

  app.get('/antraege/vorgang/:caseId/eingangsbestaetigung.pdf', { schema: { params: CaseParams } }, async (request, reply) => {
    const followed = await followCase(ctx, request.actor, request.params.caseId, (draftId) => draftSecret(ctx, request, draftId));
    const receipt = followed ? await ensureReceipt(ctx, followed.made.id) : null;
    if (!followed || !receipt) return reply.callNotFound();
    return ctx.files.send(reply, { fileId: receipt.fileId, filename: receipt.filename, actor: request.actor, dataSubjectId: followed.made.user_id, action: 'applications.receipt-downloaded' });
  });
}
