import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { KernelContext } from '#kernel/context.ts';
import { formBody, formMessages, readForm, withErrors, type FormDef, type FormErrors, type Raw } from '#kernel/forms/index.ts';
import { staffOnly } from '#kernel/http/guard.ts';
import type { App } from '#kernel/module.ts';
import { assignForm, CaseFileParams, caseFilterForm, messageForm, noteForm, NoticeQuery, stepErrors, stepForms, stepInputs, stepSlugs } from './forms.casework.ts';
import { applicationsPermissions } from './permissions.ts';
import { CaseParams } from './schemas.ts';
import { caseFileForStaff, caseForStaff, caseQueue } from './service.casework.ts';
import { exportForStaff } from './export/service.staff.ts';
import { addNote, assignCase, messageApplicant, type Assignee } from './service.casework.notes.ts';
import { takeStep, type CaseTransition, type StepResult } from './service.casework.steps.ts';
import type { Posted } from './views/staff-actions.tsx';
import { StaffCasePage, type CaseProps } from './views/staff-case.tsx';
import { CaseListPage } from './views/staff-list.tsx';
import { textIn } from './views/text.ts';

type Notice = NonNullable<CaseProps['notice']>;

/** What a redirect after a step or a message tells the caseworker, by the code in its address. */
const notices: Record<string, { kind: Notice['kind']; key: string }> = {
  'step-told': { kind: 'success', key: 'applications:casework.notices.stepTold' },
  'step-silent': { kind: 'success', key: 'applications:casework.notices.stepSilent' },
  'step-unreached': { kind: 'warning', key: 'applications:casework.notices.stepUnreached' },
  'decision-letter': { kind: 'success', key: 'applications:casework.notices.decisionLetter' },
  'decision-no-letter': { kind: 'warning', key: 'applications:casework.notices.decisionNoLetter' },
  message: { kind: 'success', key: 'applications:casework.notices.message' },
  'message-unreached': { kind: 'warning', key: 'applications:casework.notices.messageUnreached' },
  note: { kind: 'success', key: 'applications:casework.notices.note' },
  assigned: { kind: 'success', key: 'applications:casework.notices.assigned' },
  'export-delivered': { kind: 'success', key: 'applications:export.notices.delivered' },
  'export-already': { kind: 'success', key: 'applications:export.notices.already' },
  'export-failed': { kind: 'warning', key: 'applications:export.notices.failed' },
};

function stepNotice(result: StepResult & { ok: true }): string {
  if (result.decisionByLetter === false) return 'decision-no-letter';
  if (!result.told) return 'step-silent';
  if (!result.told.told) return 'step-unreached';
  return result.decisionByLetter ? 'decision-letter' : 'step-told';
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const exportBody = Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 200 })) });
const filterQuery = Type.Object({ ...formBody(caseFilterForm).properties, lang: Type.Optional(Type.String({ maxLength: 5 })) });

/**
 * The caseworkers' back office: the queue of their offices and each case with its steps, notes, messages
 * and files. Only people who handle cases somewhere get in; every service asks again for the case's office,
 * and a case of another office is answered as not found.
 */
export async function caseworkRoutes(app: App, ctx: KernelContext): Promise<void> {
  app.addHook('onRequest', staffOnly(ctx, applicationsPermissions.handleCases));
  const list = (request: FastifyRequest) => ({ label: request.t('applications:casework.list.title'), href: '/verwaltung/antraege' });
  const dashboard = (request: FastifyRequest) => ({ label: request.t('accounts:staff.dashboardTitle'), href: '/verwaltung' });

  app.get('/verwaltung/antraege', { schema: { querystring: filterQuery }, attachValidation: true }, async (request, reply) => {
    const read = readForm(caseFilterForm, request, 'query');
    const lang = request.page.lang;
    let errors: FormErrors | undefined = read.ok ? undefined : read.errors;
    const value = read.ok ? read.value : null;
    const filter = value
      ? { status: value.status || undefined, formKey: value.form || undefined, channel: value.channel || undefined, assigned: value.assigned || undefined, olderThanDays: value.olderThan ?? undefined, page: value.page ?? 1 }
      : { page: 1 };
    let result = await caseQueue(ctx, request.actor, filter, lang);
    // A bad filter is shown at its field, and the list falls back to every open case.
    if (!result.ok) {
      errors = { form: { code: 'applications:casework.errors.unknownForm' } };
      result = await caseQueue(ctx, request.actor, { page: 1 }, lang);
    }
    if (!result.ok) throw new Error('The unfiltered queue cannot name an unknown form');
    const title = request.t('applications:casework.list.title');
    const kept = Object.entries(read.raw).flatMap(([name, given]) => (name === 'page' || typeof given !== 'string' || given === '' ? [] : [[name, given]]));
    const pageHref = (n: number) => `/verwaltung/antraege?${new URLSearchParams([...kept, ['page', String(n)]]).toString()}`;
    return reply.status(errors ? 400 : 200).html(
      { title, breadcrumbs: [dashboard(request), { label: title }], hasErrors: Boolean(errors) },
      <CaseListPage
        page={request.page}
        form={{ raw: read.raw, errors: errors ? formMessages(request.page, errors, caseFilterForm) : {} }}
        forms={result.forms}
        rows={result.rows}
        total={result.total}
        pages={result.pages}
        current={filter.page}
        pageHref={pageHref}
      />,
    );
  });

  const showCase = async (request: FastifyRequest, reply: FastifyReply, caseId: string, shown: { notice?: Notice; posted?: Posted; status?: number } = {}) => {
    const made = await caseForStaff(ctx, request.actor, caseId, request.page.lang);
    if (!made) return reply.callNotFound();
    const title = textIn(made.made.definition.title, request.page.lang);
    const hasErrors = Object.keys(shown.posted?.errors ?? {}).length > 0;
    return reply
      .status(shown.status ?? (hasErrors ? 422 : 200))
      .html(
        { title: `${title} – ${made.made.reference}`, breadcrumbs: [dashboard(request), list(request), { label: made.made.reference }], hasErrors },
        <StaffCasePage page={request.page} made={made} title={title} notice={shown.notice} posted={shown.posted} />,
      );
  };
  const posted = (request: FastifyRequest, form: string, read: { raw: Raw; errors?: FormErrors }, definition: FormDef): Posted => ({
    form,
    raw: read.raw,
    errors: read.errors ? formMessages(request.page, read.errors, definition) : {},
  });
  const refusal = (request: FastifyRequest, kind: Notice['kind'], key: string): Notice => ({ kind, text: request.t(key) });

  app.get('/verwaltung/antraege/:caseId', { schema: { params: CaseParams, querystring: NoticeQuery } }, async (request, reply) => {
    const notice = notices[request.query.notice ?? ''];
    return showCase(request, reply, request.params.caseId, notice ? { notice: refusal(request, notice.kind, notice.key) } : {});
  });

  app.get('/verwaltung/antraege/:caseId/dateien/:fileId', { schema: { params: CaseFileParams } }, async (request, reply) => {
    const file = await caseFileForStaff(ctx, request.actor, request.params.caseId, request.params.fileId);
    if (!file) return reply.callNotFound();
    return ctx.files.send(reply, { ...file, actor: request.actor, action: 'applications.case-file-downloaded' });
  });

  for (const transition of Object.keys(stepSlugs) as CaseTransition[]) {
    const form = stepForms[transition];
    const names = stepInputs(transition);
    app.post(`/verwaltung/antraege/:caseId/schritte/${stepSlugs[transition]}`, { schema: { params: CaseParams, body: formBody(form) }, attachValidation: true }, async (request, reply) => {
      const { caseId } = request.params;
      const read = readForm(form, request);
      const which = `step:${transition}`;
      if (!read.ok) return showCase(request, reply, caseId, { posted: posted(request, which, read, form) });
      const value: Record<string, unknown> = read.value;
      const text = (name: string) => (typeof value[name] === 'string' ? value[name] : null);
      const result = await takeStep(ctx, request.actor, caseId, transition, { note: text(names.note), replyBy: text(names.replyBy), fee: text(names.fee) });
      if (result.ok) return reply.redirect(`/verwaltung/antraege/${caseId}?notice=${stepNotice(result)}`, 303);
      switch (result.reason) {
        case 'not-found':
          return reply.callNotFound();
        case 'invalid-input':
          return showCase(request, reply, caseId, { posted: posted(request, which, withErrors(read, stepErrors(transition, result.problems)), form) });
        case 'same-person':
          return showCase(request, reply, caseId, { status: 403, notice: refusal(request, 'danger', 'applications:casework.errors.samePerson') });
        case 'invalid-transition':
          return showCase(request, reply, caseId, { status: 409, notice: refusal(request, 'danger', 'applications:casework.errors.invalidTransition') });
      }
    });
  }

  const textRefusals = { 'text-required': 'required', 'text-too-long': 'tooLong' } as const;

  app.post('/verwaltung/antraege/:caseId/notiz', { schema: { params: CaseParams, body: formBody(noteForm) }, attachValidation: true }, async (request, reply) => {
    const { caseId } = request.params;
    const read = readForm(noteForm, request);
    if (!read.ok) return showCase(request, reply, caseId, { posted: posted(request, 'note', read, noteForm) });
    const result = await addNote(ctx, request.actor, caseId, read.value.note);
    if (result.ok) return reply.redirect(`/verwaltung/antraege/${caseId}?notice=note`, 303);
    if (result.reason === 'not-found') return reply.callNotFound();
    const errors = { note: { code: `applications:casework.note.${textRefusals[result.reason]}` } };
    return showCase(request, reply, caseId, { posted: posted(request, 'note', withErrors(read, errors), noteForm) });
  });

  app.post('/verwaltung/antraege/:caseId/nachricht', { schema: { params: CaseParams, body: formBody(messageForm) }, attachValidation: true }, async (request, reply) => {
    const { caseId } = request.params;
    const read = readForm(messageForm, request);
    if (!read.ok) return showCase(request, reply, caseId, { posted: posted(request, 'message', read, messageForm) });
    const result = await messageApplicant(ctx, request.actor, caseId, read.value.message);
    if (result.ok) return reply.redirect(`/verwaltung/antraege/${caseId}?notice=${result.told.told ? 'message' : 'message-unreached'}`, 303);
    if (result.reason === 'not-found') return reply.callNotFound();
    const errors = { message: { code: `applications:casework.message.${textRefusals[result.reason]}` } };
    return showCase(request, reply, caseId, { posted: posted(request, 'message', withErrors(read, errors), messageForm) });
  });

  // Hands the case to the specialist system again; the attempt, whatever its outcome, is on the case page.
  app.post('/verwaltung/antraege/:caseId/uebergabe', { schema: { params: CaseParams, body: exportBody } }, async (request, reply) => {
    const { caseId } = request.params;
    const result = await exportForStaff(ctx, request.actor, caseId);
    if (result.ok) return reply.redirect(`/verwaltung/antraege/${caseId}?notice=${result.alreadyDelivered ? 'export-already' : 'export-delivered'}`, 303);
    if (result.reason === 'not-found') return reply.callNotFound();
    if (result.reason === 'export-off') return showCase(request, reply, caseId, { status: 409, notice: refusal(request, 'danger', 'applications:export.notices.off') });
    return reply.redirect(`/verwaltung/antraege/${caseId}?notice=export-failed`, 303);
  });

  app.post('/verwaltung/antraege/:caseId/zuweisung', { schema: { params: CaseParams, body: formBody(assignForm) }, attachValidation: true }, async (request, reply) => {
    const { caseId } = request.params;
    const read = readForm(assignForm, request);
    if (!read.ok) return showCase(request, reply, caseId, { posted: posted(request, 'assign', read, assignForm) });
    const chosen = read.value.assignee;
    const to: Assignee | null = chosen === 'me' || chosen === 'nobody' ? chosen : uuid.test(chosen) ? { userId: chosen } : null;
    const result = to ? await assignCase(ctx, request.actor, caseId, to) : ({ ok: false, reason: 'not-a-caseworker' } as const);
    if (result.ok) return reply.redirect(`/verwaltung/antraege/${caseId}?notice=assigned`, 303);
    if (result.reason === 'not-found') return reply.callNotFound();
    const errors = { assignee: { code: 'applications:casework.assign.unknown' } };
    return showCase(request, reply, caseId, { posted: posted(request, 'assign', withErrors(read, errors), assignForm) });
  });
}
