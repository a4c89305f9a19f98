import type { FastifyReply, FastifyRequest } from 'fastify';
import { addDays, todayInBerlin } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import { formBody, formMessages, readForm, withErrors, type FormErrors, type Raw } from '#kernel/forms/index.ts';
import { staffOnly } from '#kernel/http/guard.ts';
import type { App } from '#kernel/module.ts';
import { blockForm, BlockParams, dayForm, NoticeQuery, PlaceParams, StepParams } from './forms.staff.ts';
import { appointmentsPermissions } from './permissions.ts';
import { phoneRoutes } from './routes.staff-phone.tsx';
import { displayRoutes, queueRoutes } from './routes.staff-queue.tsx';
import { blockTime, unblockTime } from './service.staff-blocks.ts';
import { dayForStaff, markBooking, placesForStaff, type BookingStep } from './service.staff.ts';
import { DayPage, type Notice } from './views/staff/day.tsx';
import { clock, placeHref, staffCrumbs } from './views/staff/format.ts';
import { PlacesPage } from './views/staff/places.tsx';

const steps: Record<string, BookingStep> = { angekommen: 'arrived', erledigt: 'served', 'nicht-erschienen': 'no-show' };

/** What a redirect after an action tells the clerk, by the code in its address. */
const notices: Record<string, Notice['kind']> = { arrived: 'success', served: 'success', 'no-show': 'success', blocked: 'success', unblocked: 'success', 'phone-booked': 'success' };

/** The counter staff's pages: the public call display, and behind the clerk's permission everything else. */
export async function staffRoutes(app: App, ctx: KernelContext): Promise<void> {
  await app.register(async (scope) => displayRoutes(scope, ctx));
  await app.register(async (scope) => {
    scope.addHook('onRequest', staffOnly(ctx, appointmentsPermissions.serveCounters));
    await counterRoutes(scope, ctx);
    await queueRoutes(scope, ctx);
    await phoneRoutes(scope, ctx);
  });
}

interface Shown {
  day?: string;
  dayRead?: { raw: Raw; errors?: FormErrors };
  block?: { raw: Raw; errors?: FormErrors };
  notice?: Notice;
  status?: number;
}

async function counterRoutes(app: App, ctx: KernelContext): Promise<void> {
  app.get('/verwaltung/termine', async (request, reply) => {
    const places = await placesForStaff(ctx, request.actor);
    const title = request.t('appointments:staff.places.title');
    return reply.html({ title, breadcrumbs: [...staffCrumbs(request).slice(0, 1), { label: title }] }, <PlacesPage page={request.page} places={places} />);
  });

  const showDay = async (request: FastifyRequest, reply: FastifyReply, placeId: string, shown: Shown) => {
    const day = shown.day ?? todayInBerlin();
    const made = await dayForStaff(ctx, request.actor, placeId, day);
    if (!made) return reply.callNotFound();
    const dayErrors = shown.dayRead?.errors ? formMessages(request.page, shown.dayRead.errors, dayForm) : {};
    const blockErrors = shown.block?.errors ? formMessages(request.page, shown.block.errors, blockForm) : {};
    const hasErrors = Object.keys(dayErrors).length + Object.keys(blockErrors).length > 0;
    return reply.status(shown.status ?? (hasErrors ? 400 : 200)).html(
      { title: `${request.t('appointments:staff.day.title', { place: made.place.name })} – ${day}`, breadcrumbs: [...staffCrumbs(request), { label: made.place.name }], hasErrors },
      <DayPage
        page={request.page}
        place={made.place}
        day={day}
        previous={addDays(day, -1)}
        next={addDays(day, 1)}
        counters={made.counters}
        rows={made.rows}
        blocks={made.blocks}
        dayErrors={dayErrors}
        dayRaw={shown.dayRead?.raw ?? {}}
        block={{ raw: shown.block?.raw ?? {}, errors: blockErrors }}
        notice={shown.notice}
      />,
    );
  };

  /** The day a page was asked for; a malformed one is shown at its field, with today's bookings. */
  const dayOf = (request: FastifyRequest) => {
    const read = readForm(dayForm, request, 'query');
    return read.ok ? { day: read.value.tag ?? undefined, dayRead: read } : { dayRead: read };
  };

  app.get('/verwaltung/termine/:placeId', { schema: { params: PlaceParams, querystring: NoticeQuery }, attachValidation: true }, async (request, reply) => {
    if (request.validationError) return reply.callNotFound();
    const code = request.query.notice ?? '';
    const kind = notices[code];
    return showDay(request, reply, request.params.placeId, { ...dayOf(request), notice: kind ? { kind, text: request.t(`appointments:staff.notices.${code}`, { label: request.query.nummer ?? '' }) } : undefined });
  });

  app.post('/verwaltung/termine/:placeId/buchungen/:bookingId/:step', { schema: { params: StepParams, querystring: NoticeQuery } }, async (request, reply) => {
    const { placeId, bookingId } = request.params;
    const step = steps[request.params.step]!;
    const result = await markBooking(ctx, request.actor, placeId, bookingId, step);
    const back = dayOf(request);
    if (result.ok && request.query.zurueck) return reply.redirect(`${placeHref(placeId)}/warteschlange?notice=booking-served&nummer=${encodeURIComponent(result.reference)}`, 303);
    if (result.ok) return reply.redirect(`${placeHref(placeId)}?tag=${back.day ?? todayInBerlin()}&notice=${step}`, 303);
    if (result.reason === 'not-found') return reply.callNotFound();
    return showDay(request, reply, placeId, { ...back, status: 409, notice: { kind: 'danger', text: request.t(`appointments:staff.errors.${result.reason}`) } });
  });

  app.post('/verwaltung/termine/:placeId/sperren', { schema: { params: PlaceParams, body: formBody(blockForm) }, attachValidation: true }, async (request, reply) => {
    const { placeId } = request.params;
    const read = readForm(blockForm, request);
    if (!read.ok) return showDay(request, reply, placeId, { block: read, status: 422 });
    const value = read.value;
    const result = await blockTime(ctx, request.actor, placeId, { day: value.day, from: value.from, to: value.to, counterId: value.counter || null, reason: value.reason || null });
    if (result.ok) return reply.redirect(`${placeHref(placeId)}?tag=${value.day}&notice=blocked`, 303);
    switch (result.reason) {
      case 'not-found':
        return reply.callNotFound();
      case 'order':
        return showDay(request, reply, placeId, { day: value.day, block: withErrors(read, { to: { code: 'appointments:staff.errors.blockOrder' } }), status: 422 });
      case 'unknown-counter':
        return showDay(request, reply, placeId, { day: value.day, block: withErrors(read, { counter: { code: 'appointments:staff.errors.unknownCounter' } }), status: 422 });
      case 'bookings': {
        const items = result.bookings.map((booking) => `${clock(booking.startsAt)} ${booking.reference}`);
        const text = request.t('appointments:staff.errors.blockOverBookings', { count: result.bookings.length });
        return showDay(request, reply, placeId, { day: value.day, block: { raw: read.raw }, status: 409, notice: { kind: 'danger', text, items } });
      }
    }
  });

  app.post('/verwaltung/termine/:placeId/sperren/:blockId/aufheben', { schema: { params: BlockParams, querystring: NoticeQuery } }, async (request, reply) => {
    const { placeId, blockId } = request.params;
    const result = await unblockTime(ctx, request.actor, placeId, blockId);
    if (!result.ok) return reply.callNotFound();
    return reply.redirect(`${placeHref(placeId)}?tag=${dayOf(request).day ?? todayInBerlin()}&notice=unblocked`, 303);
  });
}

