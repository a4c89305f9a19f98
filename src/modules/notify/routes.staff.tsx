import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { todayInBerlin } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import { formBody, formState, readForm, type FormErrors, type FormState, type Raw } from '#kernel/forms/index.ts';
import { staffOnly } from '#kernel/http/guard.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import type { App } from '#kernel/module.ts';
import { dayForm, messagesFilterForm, returnedForm } from './forms.ts';
import { BatchStatusBody, IdParams, NoticeQuery } from './schemas.ts';
import { failuresOfDay, messageForStaff, messagesOfDay } from './service.messages.ts';
import { createPrintBatch, markLetterReturned, printBatchFile, printBatches, setPrintBatchStatus } from './service.print.ts';
import { FailuresPage, MessageDetailPage, MessagesPage } from './views/messages.tsx';
import { PrintPage } from './views/print.tsx';

const notices: Record<string, string> = {
  returned: 'notify:staff.returnedNotice',
  batch: 'notify:print.createdNotice',
  empty: 'notify:print.nothingNotice',
  printed: 'notify:print.statusNotice',
  posted: 'notify:print.statusNotice',
};

/**
 * The back office of notify: messages and their delivery, the daily failures, the print room. Visitors are
 * sent to the login (a form post gets 401), other people 403; each service checks its own permission.
 */
export async function staffRoutes(app: App, ctx: KernelContext): Promise<void> {
  app.addHook('onRequest', staffOnly(ctx));
  const crumbs = (request: FastifyRequest, ...more: { label: string; href?: string }[]) => [
    { label: request.t('accounts:staff.dashboardTitle'), href: '/verwaltung' },
    ...more,
  ];

  // Filters are GET forms: a bad one is shown at its field, and the list falls back to today, unfiltered.
  const filterQuery = (form: typeof dayForm | typeof messagesFilterForm) => Type.Object({ ...formBody(form).properties, lang: Type.Optional(Type.String()), notice: Type.Optional(Type.String({ maxLength: 40 })) });

  app.get('/verwaltung/nachrichten', { schema: { querystring: filterQuery(messagesFilterForm) }, attachValidation: true }, async (request, reply) => {
    const read = readForm(messagesFilterForm, request, 'query');
    const filter = read.ok ? { day: read.value.day ?? todayInBerlin(), status: read.value.status || undefined, channel: read.value.channel || undefined } : { day: todayInBerlin() };
    const rows = await messagesOfDay(ctx, request.actor, filter);
    const title = request.t('notify:staff.messagesTitle');
    const form = formState(request.page, read.ok ? { raw: read.raw } : read, messagesFilterForm);
    return reply
      .status(form.hasErrors ? 400 : 200)
      .html({ title, breadcrumbs: crumbs(request, { label: title }), hasErrors: form.hasErrors }, <MessagesPage page={request.page} rows={rows} filter={filter} form={form} />);
  });

  app.get('/verwaltung/nachrichten/fehler', { schema: { querystring: filterQuery(dayForm) }, attachValidation: true }, async (request, reply) => {
    const read = readForm(dayForm, request, 'query');
    const day = (read.ok ? read.value.day : null) ?? todayInBerlin();
    const rows = await failuresOfDay(ctx, request.actor, day);
    const title = request.t('notify:staff.failuresTitle');
    const form = formState(request.page, read.ok ? { raw: read.raw } : read, dayForm);
    return reply
      .status(form.hasErrors ? 400 : 200)
      .html({ title, breadcrumbs: crumbs(request, { label: title }), hasErrors: form.hasErrors }, <FailuresPage page={request.page} day={day} rows={rows} form={form} />);
  });

  const detail = async (request: FastifyRequest, reply: FastifyReply, id: string, read: { raw: Raw; errors?: FormErrors }, notice?: string) => {
    const found = await messageForStaff(ctx, request.actor, id);
    if (!found) return reply.callNotFound();
    const list = { label: request.t('notify:staff.messagesTitle'), href: '/verwaltung/nachrichten' };
    const form: FormState = formState(request.page, read, returnedForm);
    return reply
      .status(form.hasErrors ? 422 : 200)
      .header('cache-control', 'no-store')
      .html(
        { title: found.message.reference, breadcrumbs: crumbs(request, list, { label: found.message.reference }), hasErrors: form.hasErrors },
        <MessageDetailPage page={request.page} {...found} form={form} notice={notice} />,
      );
  };

  app.get('/verwaltung/nachrichten/:id', { schema: { params: IdParams, querystring: NoticeQuery } }, async (request, reply) =>
    detail(request, reply, request.params.id, { raw: {} }, notices[request.query.notice ?? '']),
  );

  app.post('/verwaltung/nachrichten/:id/zurueck', { schema: { params: IdParams, body: formBody(returnedForm) }, attachValidation: true }, async (request, reply) => {
    const read = readForm(returnedForm, request);
    if (!read.ok) return detail(request, reply, request.params.id, read);
    const result = await markLetterReturned(ctx, request.actor, request.params.id, read.value.note || null);
    if (result.ok) return reply.redirect(`/verwaltung/nachrichten/${request.params.id}?notice=returned`, 303);
    if (result.reason === 'not-found') return reply.callNotFound();
    return detail(request, reply, request.params.id, { raw: read.raw, errors: { note: { code: 'notify:staff.cannotReturn' } } });
  });

  app.get('/verwaltung/druck', { schema: { querystring: NoticeQuery } }, async (request, reply) => {
    const batches = await printBatches(ctx, request.actor);
    const title = request.t('notify:print.title');
    return reply.html({ title, breadcrumbs: crumbs(request, { label: title }) }, <PrintPage page={request.page} batches={batches} notice={notices[request.query.notice ?? '']} />);
  });

  app.post('/verwaltung/druck', async (request, reply) => {
    const result = await createPrintBatch(ctx, request.actor);
    return reply.redirect(`/verwaltung/druck?notice=${result.ok ? 'batch' : 'empty'}`, 303);
  });

  app.post('/verwaltung/druck/:id/status', { schema: { params: IdParams, body: BatchStatusBody } }, async (request, reply) => {
    const result = await setPrintBatchStatus(ctx, request.actor, request.params.id, request.body.status);
    if (!result.ok && result.reason === 'not-found') return reply.callNotFound();
    if (!result.ok) throw new HttpProblem(409, 'notify:print.invalidTransition');
    return reply.redirect(`/verwaltung/druck?notice=${request.body.status}`, 303);
  });

  for (const [suffix, kind] of [['briefe.pdf', 'pdf'], ['liste.csv', 'csv']] as const) {
    app.get(`/verwaltung/druck/:id/${suffix}`, { schema: { params: IdParams } }, async (request, reply) => {
      const file = await printBatchFile(ctx, request.actor, request.params.id, kind);
      if (!file.ok && file.reason === 'being-remade') throw new HttpProblem(409, 'notify:print.beingRemade');
      if (!file.ok && file.reason === 'being-moved') throw new HttpProblem(409, 'notify:print.beingMoved');
      if (!file.ok) return reply.callNotFound();
      // The batch's files are personal (every letter's address): the store audits the download and forbids caching.
      return ctx.files.send(reply, { fileId: file.fileId, filename: `${file.reference}.${kind}`, actor: request.actor, action: 'notify.print-batch-downloaded' });
    });
  }
}
