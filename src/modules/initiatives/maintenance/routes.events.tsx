import type { FastifyReply, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import Type from 'typebox';
import type { KernelContext } from '#kernel/context.ts';
import { formBody, once, readForm, toRaw, type FormErrors, type Raw } from '#kernel/forms/index.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import type { App } from '#kernel/module.ts';
import { initiativesDb } from '../repo.ts';
import type { EventRow } from '../tables.ts';
import { eventForm } from './forms.ts';
import { actingOf, ButtonBody, entryPath, IdParams, requireAccess, shownOf } from './access.ts';
import { addEvent, cancelEvent, findEvent, lastDayOf, repeatOf, updateEvent, zone, type EventProblem } from './service.events.ts';
import type { Access } from './service.ts';
import { EventPage } from './views.tsx';

/* A maintainer's events entered directly: add, edit, cancel; imported events are the feed's to change. */

const EventParams = Type.Object({ initiativeId: Type.String({ format: 'uuid' }), eventId: Type.String({ format: 'uuid' }) });

/** The stored event as the form shows it: Berlin wall-clock times, the repetition it was made from. */
function eventValue(event: EventRow) {
  const start = DateTime.fromJSDate(event.starts_at, { zone });
  const end = DateTime.fromJSDate(event.ends_at, { zone });
  return {
    title: event.title,
    description: event.description,
    day: start.toISODate() ?? '',
    startTime: start.toFormat('HH:mm'),
    endTime: end.toFormat('HH:mm'),
    location: event.location ?? '',
    district: event.district,
    accessibility: event.accessibility,
    url: event.url ?? '',
    repeat: repeatOf(event.rrule),
    lastDay: lastDayOf(event.rrule),
    skipDays: event.exdates.map((day) => DateTime.fromJSDate(day, { zone }).toISODate() ?? ''),
  };
}

const problemErrors = (problem: EventProblem): FormErrors => ({ [problem.field]: { code: problem.code, ...(problem.values ? { values: problem.values } : {}) } });

export async function eventRoutes(app: App, ctx: KernelContext): Promise<void> {
  async function page(request: FastifyRequest, reply: FastifyReply, access: Access, event: EventRow | undefined, shown: { raw: Raw; errors?: FormErrors }) {
    const initiative = await initiativesDb(ctx.db).selectFrom('initiatives').selectAll().where('id', '=', access.initiativeId).executeTakeFirstOrThrow();
    const action = event ? `${entryPath(access.initiativeId)}/termine/${event.id}` : `${entryPath(access.initiativeId)}/termine/neu`;
    const title = event ? request.t('initiatives:maintenance.events.editTitle', { title: event.title }) : request.t('initiatives:maintenance.events.addTitle');
    return reply
      .status(shown.errors ? 422 : 200)
      .header('cache-control', 'no-store')
      .html({ title, hasErrors: Boolean(shown.errors) }, <EventPage page={request.page} initiative={initiative} {...(event ? { event } : {})} action={action} shown={shownOf(request, eventForm, shown)} />);
  }

  async function eventOf(access: Access, eventId: string) {
    const event = await findEvent(ctx, access, eventId);
    if (!event) throw new HttpProblem(404, 'initiatives:maintenance.errors.notFound');
    if (event.status === 'cancelled') throw new HttpProblem(409, 'initiatives:maintenance.errors.eventCancelled');
    return event;
  }

  app.get('/initiativen/pflegen/:initiativeId/termine/neu', { schema: { params: IdParams } }, async (request, reply) => {
    const access = await requireAccess(ctx, request, request.params.initiativeId);
    return page(request, reply, access, undefined, { raw: { repeat: 'none' } });
  });

  app.post('/initiativen/pflegen/:initiativeId/termine/neu', { schema: { params: IdParams, body: formBody(eventForm) }, attachValidation: true }, async (request, reply) => {
    const access = await requireAccess(ctx, request, request.params.initiativeId);
    const read = readForm(eventForm, request);
    if (!read.ok) return page(request, reply, access, undefined, read);
    const added = await once(ctx, request, read, () => addEvent(ctx, actingOf(request), access, read.value));
    if (!added.ok) return page(request, reply, access, undefined, { raw: read.raw, errors: problemErrors(added.problem) });
    return reply.redirect(`${entryPath(access.initiativeId)}?notice=event-added`, 303);
  });

  app.get('/initiativen/pflegen/:initiativeId/termine/:eventId', { schema: { params: EventParams } }, async (request, reply) => {
    const access = await requireAccess(ctx, request, request.params.initiativeId);
    const event = await eventOf(access, request.params.eventId);
    return page(request, reply, access, event, { raw: toRaw(eventForm, eventValue(event)) });
  });

  app.post('/initiativen/pflegen/:initiativeId/termine/:eventId', { schema: { params: EventParams, body: formBody(eventForm) }, attachValidation: true }, async (request, reply) => {
    const access = await requireAccess(ctx, request, request.params.initiativeId);
    const event = await eventOf(access, request.params.eventId);
    const read = readForm(eventForm, request);
    if (!read.ok) return page(request, reply, access, event, read);
    const saved = await updateEvent(ctx, actingOf(request), access, event.id, read.value);
    if (!saved.ok) {
      if (saved.problem) return page(request, reply, access, event, { raw: read.raw, errors: problemErrors(saved.problem) });
      throw saved.reason === 'cancelled' ? new HttpProblem(409, 'initiatives:maintenance.errors.eventCancelled') : new HttpProblem(404, 'initiatives:maintenance.errors.notFound');
    }
    return reply.redirect(`${entryPath(access.initiativeId)}?notice=event-saved`, 303);
  });

  app.post('/initiativen/pflegen/:initiativeId/termine/:eventId/absagen', { schema: { params: EventParams, body: ButtonBody } }, async (request, reply) => {
    const access = await requireAccess(ctx, request, request.params.initiativeId);
    const cancelled = await cancelEvent(ctx, actingOf(request), access, request.params.eventId);
    if (!cancelled.ok) throw cancelled.reason === 'cancelled' ? new HttpProblem(409, 'initiatives:maintenance.errors.eventCancelled') : new HttpProblem(404, 'initiatives:maintenance.errors.notFound');
    return reply.redirect(`${entryPath(access.initiativeId)}?notice=event-cancelled`, 303);
  });
}
