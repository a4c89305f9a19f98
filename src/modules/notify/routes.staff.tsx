import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isCalendarDay, todayInBerlin } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { FieldErrors } from '#kernel/html/page.ts';
import { readForm } from '#kernel/http/forms.ts';
import { staffOnly } from '#kernel/http/guard.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import { fieldErrorsFrom } from '#kernel/http/validation.ts';
import type { App } from '#kernel/module.ts';
import { optionalText } from '#kernel/text.ts';
import { BatchStatusBody, DayQuery, IdParams, MessagesQuery, NoticeQuery, ReturnedBody, type MessagesQuery as MessagesQueryType } from './schemas.ts';
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

  /** The day asked for, or today; a day that does not exist is reported at its field and today is shown. */
  const dayOf = (request: FastifyRequest, raw: string | undefined, errors: FieldErrors) => {
    if (raw && !isCalendarDay(raw)) errors.day = request.t('notify:staff.dayInvalid');
    return raw && !errors.day ? raw : todayInBerlin();
  };

  app.get('/verwaltung/nachrichten', { schema: { querystring: MessagesQuery }, attachValidation: true }, async (request, reply) => {
    // A bad filter is shown next to its field; the list falls back to today, unfiltered.
    const failed = request.validationError as FastifyError | undefined;
    const errors: FieldErrors = failed?.validation ? fieldErrorsFrom(failed.validation, request.t) : {};
    const query: MessagesQueryType = Object.keys(errors).length > 0 ? {} : request.query;
    const day = dayOf(request, query.day, errors);
    const filter = { day, status: query.status || undefined, channel: query.channel || undefined };
    const rows = await messagesOfDay(ctx, request.actor, filter);
    const title = request.t('notify:staff.messagesTitle');
    const hasErrors = Object.keys(errors).length > 0;
    return reply
      .status(hasErrors ? 400 : 200)
      .html({ title, breadcrumbs: crumbs(request, { label: title }), hasErrors }, <MessagesPage page={request.page} rows={rows} filter={filter} errors={errors} />);
  });

  app.get('/verwaltung/nachrichten/fehler', { schema: { querystring: DayQuery } }, async (request, reply) => {
    const errors: FieldErrors = {};
    const day = dayOf(request, request.query.day, errors);
    const rows = await failuresOfDay(ctx, request.actor, day);
    const title = request.t('notify:staff.failuresTitle');
    const hasErrors = Object.keys(errors).length > 0;
    return reply
      .status(hasErrors ? 400 : 200)
      .html({ title, breadcrumbs: crumbs(request, { label: title }), hasErrors }, <FailuresPage page={request.page} day={day} rows={rows} errors={errors} />);
  });

  const detail = async (request: FastifyRequest, reply: FastifyReply, id: string, errors: FieldErrors, notice?: string) => {
    const found = await messageForStaff(ctx, request.actor, id);
    if (!found) return reply.callNotFound();
    const list = { label: request.t('notify:staff.messagesTitle'), href: '/verwaltung/nachrichten' };
    return reply
      .status(Object.keys(errors).length > 0 ? 422 : 200)
      .header('cache-control', 'no-store')
      .html(
        { title: found.message.reference, breadcrumbs: crumbs(request, list, { label: found.message.reference }), hasErrors: Object.keys(errors).length > 0 },
        <MessageDetailPage page={request.page} {...found} errors={errors} notice={notice} />,
      );
  };

  app.get('/verwaltung/nachrichten/:id', { schema: { params: IdParams, querystring: NoticeQuery } }, async (request, reply) =>
    detail(request, reply, request.params.id, {}, notices[request.query.notice ?? '']),
  );

  app.post('/verwaltung/nachrichten/:id/zurueck', { schema: { params: IdParams, body: ReturnedBody }, attachValidation: true }, async (request, reply) => {
    const form = readForm<ReturnedBody>(request);
    if (Object.keys(form.errors).length > 0) return detail(request, reply, request.params.id, form.errors);
    const result = await markLetterReturned(ctx, request.actor, request.params.id, optionalText(request.body.note));
    if (result.ok) return reply.redirect(`/verwaltung/nachrichten/${request.params.id}?notice=returned`, 303);
    if (result.reason === 'not-found') return reply.callNotFound();
    return detail(request, reply, request.params.id, { note: request.t('notify:staff.cannotReturn') });
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
