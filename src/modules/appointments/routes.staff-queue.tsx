import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KernelContext } from '#kernel/context.ts';
import { formBody, readForm } from '#kernel/forms/index.ts';
import type { App } from '#kernel/module.ts';
import { callForm, NoticeQuery, PlaceParams, TicketEndParams, ticketForm } from './forms.staff.ts';
import { callNext, displayState, endTicket, issueTicket, queueForStaff, type DisplayState } from './service.staff-queue.ts';
import { serviceTitles } from './service.staff.ts';
import type { Notice } from './views/staff/day.tsx';
import { DisplayPage } from './views/staff/display.tsx';
import { placeHref, staffCrumbs } from './views/staff/format.ts';
import { QueuePage } from './views/staff/queue.tsx';

/** How often the live display asks the database for a change, and how long one stream lasts before the browser reconnects. */
const pollMs = 2000;
const streamMs = 60 * 60_000;

/** Today's queue of a place: calling the next, issuing and ending waiting numbers. */
export async function queueRoutes(app: App, ctx: KernelContext): Promise<void> {
  const showQueue = async (request: FastifyRequest, reply: FastifyReply, placeId: string, notice?: Notice, status = 200) => {
    const made = await queueForStaff(ctx, request.actor, placeId);
    if (!made) return reply.callNotFound();
    const slugs = [...new Set(made.counters.flatMap((counter) => counter.services))];
    const titles = await serviceTitles(ctx, [...slugs, ...made.queue.flatMap((entry) => entry.services)]);
    const title = request.t('appointments:staff.queue.title', { place: made.place.name });
    return reply.status(status).html(
      { title, breadcrumbs: [...staffCrumbs(request, made.place), { label: request.t('appointments:staff.places.queue') }] },
      <QueuePage page={request.page} {...made} services={slugs.map((slug) => ({ slug, title: titles.get(slug) ?? slug }))} titles={titles} notice={notice} />,
    );
  };
  const queueHref = (placeId: string, notice: string, label?: string) => `${placeHref(placeId)}/warteschlange?notice=${notice}${label ? `&nummer=${encodeURIComponent(label)}` : ''}`;

  app.get('/verwaltung/termine/:placeId/warteschlange', { schema: { params: PlaceParams, querystring: NoticeQuery }, attachValidation: true }, async (request, reply) => {
    if (request.validationError) return reply.callNotFound();
    const query = request.query as { notice?: string; nummer?: string };
    const label = typeof query.nummer === 'string' ? query.nummer.slice(0, 20) : '';
    const known = ['issued', 'called', 'ticket-served', 'ticket-gone', 'booking-served'];
    const notice = query.notice && known.includes(query.notice) ? { kind: 'success' as const, text: request.t(`appointments:staff.notices.${query.notice}`, { label }) } : undefined;
    return showQueue(request, reply, request.params.placeId, notice);
  });

  app.post('/verwaltung/termine/:placeId/wartenummern', { schema: { params: PlaceParams, body: formBody(ticketForm) }, attachValidation: true }, async (request, reply) => {
    const { placeId } = request.params;
    const read = readForm(ticketForm, request);
    const result = read.ok ? await issueTicket(ctx, request.actor, placeId, read.value.services) : ({ ok: false, reason: 'unknown-service' } as const);
    if (result.ok) return reply.redirect(queueHref(placeId, 'issued', result.label), 303);
    if (result.reason === 'not-found') return reply.callNotFound();
    return showQueue(request, reply, placeId, { kind: 'danger', text: request.t('appointments:staff.errors.unknownService') }, 422);
  });

  app.post('/verwaltung/termine/:placeId/aufrufen', { schema: { params: PlaceParams, body: formBody(callForm) }, attachValidation: true }, async (request, reply) => {
    const { placeId } = request.params;
    const read = readForm(callForm, request);
    const result = read.ok ? await callNext(ctx, request.actor, placeId, read.value.counter) : ({ ok: false, reason: 'unknown-counter' } as const);
    if (result.ok) return reply.redirect(queueHref(placeId, 'called', result.label), 303);
    if (result.reason === 'not-found') return reply.callNotFound();
    const refusal = result.reason === 'empty' ? 'queueEmpty' : 'unknownCounter';
    return showQueue(request, reply, placeId, { kind: result.reason === 'empty' ? 'warning' : 'danger', text: request.t(`appointments:staff.errors.${refusal}`) }, result.reason === 'empty' ? 409 : 422);
  });

  app.post('/verwaltung/termine/:placeId/wartenummern/:ticketId/:end', { schema: { params: TicketEndParams } }, async (request, reply) => {
    const { placeId, ticketId, end } = request.params;
    const status = end === 'erledigt' ? 'served' : 'gone';
    const result = await endTicket(ctx, request.actor, placeId, ticketId, status);
    if (result.ok) return reply.redirect(queueHref(placeId, `ticket-${status}`, result.label), 303);
    if (result.reason === 'not-found') return reply.callNotFound();
    return showQueue(request, reply, placeId, { kind: 'danger', text: request.t('appointments:staff.errors.invalid-transition') }, 409);
  });
}

/** Streams a display's state as server-sent events: at once, then whenever it changes, until the client goes. */
function liveStream(ctx: KernelContext, request: FastifyRequest, placeId: string, first: DisplayState, open: Set<() => void>) {
  const stream = new PassThrough();
  let last = '';
  const send = (state: DisplayState) => {
    const text = JSON.stringify(state);
    if (text !== last) stream.write(`data: ${text}\n\n`);
    last = text;
  };
  send(first);
  let polling = false;
  const timer = setInterval(() => {
    if (polling) return;
    polling = true;
    displayState(ctx, placeId)
      .then((state) => (state ? send(state) : stop()))
      .catch((error: unknown) => request.log.warn({ err: error }, 'call display state not read'))
      .finally(() => (polling = false));
  }, pollMs);
  // A comment line now and then keeps proxies from closing a quiet stream.
  const keepAlive = setInterval(() => stream.write(': \n\n'), 25_000);
  const ending = setTimeout(() => stop(), streamMs);
  function stop() {
    clearInterval(timer);
    clearInterval(keepAlive);
    clearTimeout(ending);
    open.delete(stop);
    if (!stream.destroyed) stream.end();
  }
  open.add(stop);
  request.raw.on('close', stop);
  stream.on('close', stop);
  return stream;
}

/** The public call display of a place and its live stream: numbers and counters only. */
export async function displayRoutes(app: App, ctx: KernelContext): Promise<void> {
  const open = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const stop of [...open]) stop();
  });

  app.get('/termine/anzeige/:placeId', { schema: { params: PlaceParams }, attachValidation: true }, async (request, reply) => {
    const state = request.validationError ? null : await displayState(ctx, request.params.placeId);
    if (!state) return reply.callNotFound();
    return reply.html({ title: request.t('appointments:staff.display.title', { place: state.place }) }, <DisplayPage page={request.page} placeId={request.params.placeId} state={state} />);
  });

  app.get('/termine/anzeige/:placeId/live', { schema: { params: PlaceParams }, attachValidation: true, compress: false }, async (request, reply) => {
    const state = request.validationError ? null : await displayState(ctx, request.params.placeId);
    if (!state) return reply.callNotFound();
    const stream = liveStream(ctx, request, request.params.placeId, state, open);
    return reply.header('content-type', 'text/event-stream; charset=utf-8').header('cache-control', 'no-store').header('x-accel-buffering', 'no').send(stream);
  });
}
