import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { isSignedIn } from '#kernel/auth/actor.ts';
import { todayInBerlin } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import { parseDay } from '#kernel/dates.ts';
import { formMessages, readForm, toRaw, formBody, type FormErrors, type Raw } from '#kernel/forms/index.ts';
import { cookieName, cookieOptions } from '#kernel/http/cookies.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import { calendarFile, calendarFileName, calendarMediaType } from '#kernel/ical/ical.ts';
import type { App } from '#kernel/module.ts';
import { settingsOf } from '#kernel/settings.ts';
import { freeSlots, nextFreeDays, type RequestedService } from './calendar/index.ts';
import { codeForm, detailsForm } from './forms.booking.ts';
import { findBooking } from './repo.bookings.ts';
import { bookingOfKey, issueKey, keyOpens } from './repo.keys.ts';
import { appointmentsDb, type Booking } from './repo.ts';
import { cancelBooking, confirmByCode, confirmByKey, extendHold, giveDetails, isRunning, mayOpenBooking, resendCode, type Details } from './service.book.ts';
import { placeCalendar } from './service.calendar.ts';
import { placeFacts, serviceLines } from './service.facts.ts';
import { holdTime } from './service.hold.ts';
import { bookingCalendarEvent } from './service.mails.ts';
import { rebook } from './service.rebook.ts';
import { countField, placeOffers, readRequest, requestQuery, type PlaceOffer } from './service.request.ts';
import { appointmentsSettings } from './settings.ts';
import { BookingDetailsPage } from './views/booking-details.tsx';
import { BookingStartPage } from './views/booking-start.tsx';
import { BookedPage, CancelPage, ConfirmingPage, ConfirmLinkPage, EndedPage, type StateProps } from './views/booking-state.tsx';
import { BookingTimesPage } from './views/booking-times.tsx';

/*
 * The citizen's booking, without an account: services and persons → the next free days at once → a time,
 * held while the details are entered → the contact confirmed → the booking, with its page to cancel or move
 * it. The browser that holds a time keeps the booking's secret in a cookie of its own; links from mails
 * carry keys that open the booking the same way.
 */

const BookingParams = Type.Object({ bookingId: Type.String({ format: 'uuid' }) });
const KeyParams = Type.Object({ bookingId: Type.String({ format: 'uuid' }), key: Type.String({ minLength: 20, maxLength: 100 }) });
const StartQuery = Type.Object({ ort: Type.Optional(Type.String({ maxLength: 40 })), leistung: Type.Optional(Type.Union([Type.String({ maxLength: 80 }), Type.Array(Type.String({ maxLength: 80 }), { maxItems: 10 })])) }, { additionalProperties: true });
const TimesQuery = Type.Object({ ort: Type.String({ maxLength: 40 }), tag: Type.Optional(Type.String({ maxLength: 20 })) }, { additionalProperties: true });
const RebookQuery = Type.Object({ tag: Type.Optional(Type.String({ maxLength: 20 })) });
const HoldBody = Type.Object({ ort: Type.String({ maxLength: 40 }), beginn: Type.Optional(Type.String({ maxLength: 40 })) }, { additionalProperties: true });
const StartBody = Type.Object({ beginn: Type.Optional(Type.String({ maxLength: 40 })) }, { additionalProperties: true });

const bookingPath = (id: string) => `/termine/buchung/${id}`;
const secretCookie = (ctx: KernelContext, id: string) => cookieName(ctx.config, `termin-${id}`);
const cookieDays = 120;
const noStore = 'no-store';

function keepSecret(ctx: KernelContext, reply: FastifyReply, id: string, secret: string): void {
  reply.setCookie(secretCookie(ctx, id), secret, { ...cookieOptions(ctx.config), maxAge: cookieDays * 86_400 });
}

function cookieSecret(ctx: KernelContext, request: FastifyRequest, id: string): string | undefined {
  return request.cookies[secretCookie(ctx, id)];
}

export async function bookingRoutes(app: App, ctx: KernelContext): Promise<void> {
  async function offerOf(request: FastifyRequest, placeId: string | undefined): Promise<{ places: PlaceOffer[]; place: PlaceOffer | undefined }> {
    const places = await placeOffers(ctx, request.page.lang);
    return { places, place: placeId ? places.find((place) => place.id === placeId) : undefined };
  }

  /** The booking the request may open, or a 404 that reveals nothing about whether it exists. */
  async function openBooking(request: FastifyRequest, bookingId: string): Promise<Booking> {
    const db = appointmentsDb(ctx.db);
    const booking = await findBooking(db, bookingId);
    if (!booking || !(await mayOpenBooking(db, request.actor, booking, { secret: cookieSecret(ctx, request, bookingId) }))) throw new HttpProblem(404, 'appointments:errors.notFound');
    return booking;
  }

  async function stateOf(request: FastifyRequest, booking: Booking): Promise<Omit<StateProps, 'page'>> {
    const location = await appointmentsDb(ctx.db).selectFrom('appointment_locations').selectAll().where('id', '=', booking.location_id).executeTakeFirstOrThrow();
    const [place, services] = await Promise.all([placeFacts(ctx, location), serviceLines(ctx, booking.services, request.page.lang)]);
    const again = `/termine/buchen?${new URLSearchParams([['ort', booking.location_id], ...booking.services.map((line) => [countField(line.serviceId), String(line.persons)])]).toString()}`;
    return { booking, place, services, againHref: again };
  }

  function retentionText(request: FastifyRequest) {
    return request.t('appointments:details.privacy');
  }

  function noShowText(request: FastifyRequest) {
    const settings = settingsOf(ctx.config, appointmentsSettings);
    return settings.APPOINTMENT_NO_SHOW_LIMIT > 0 ? request.t('appointments:details.noShowRule', { limit: settings.APPOINTMENT_NO_SHOW_LIMIT, days: settings.APPOINTMENT_NO_SHOW_PAUSE_DAYS }) : null;
  }

  async function showDetails(request: FastifyRequest, reply: FastifyReply, booking: Booking, shown: { raw?: Raw; errors?: FormErrors; problem?: string | null; status?: number } = {}) {
    const state = await stateOf(request, booking);
    const actor = request.actor;
    const raw = shown.raw ?? toRaw(detailsForm, { name: isSignedIn(actor) ? actor.displayName : '', confirmBy: 'email', email: isSignedIn(actor) ? (actor.email ?? '') : '', phone: null, needs: [], needsNote: '' });
    const messages = formMessages(request.page, shown.errors ?? {}, detailsForm);
    const back = `/termine/buchen/zeiten?${requestQuery(booking.location_id, booking.services)}&tag=${todayInBerlin(booking.starts_at)}`;
    return reply
      .header('cache-control', noStore)
      .status(shown.status ?? 200)
      .html(
        { title: request.t('appointments:details.title'), hasErrors: Object.keys(messages).length > 0 || Boolean(shown.problem) },
        <BookingDetailsPage page={request.page} booking={booking} place={state.place} services={state.services} raw={raw} messages={messages} problem={shown.problem ?? null} backHref={back} retentionText={retentionText(request)} noShowText={noShowText(request)} />,
      );
  }

  /** The booking's page in the state it is in. */
  async function showBooking(request: FastifyRequest, reply: FastifyReply, booking: Booking, extra: { raw?: Raw; errors?: FormErrors; notice?: string | null; status?: number } = {}) {
    const now = new Date();
    if (booking.status === 'held' && isRunning(booking, now)) return showDetails(request, reply, booking, extra);
    const state = await stateOf(request, booking);
    const page = request.page;
    reply.header('cache-control', noStore).status(extra.status ?? 200);
    if (booking.status === 'confirming' && isRunning(booking, now)) {
      const messages = formMessages(page, extra.errors ?? {}, codeForm);
      return reply.html({ title: request.t(booking.email ? 'appointments:confirming.mailTitle' : 'appointments:confirming.smsTitle'), hasErrors: Object.keys(messages).length > 0 }, <ConfirmingPage page={page} {...state} raw={extra.raw ?? {}} messages={messages} notice={extra.notice ?? null} />);
    }
    if (booking.status === 'booked' && booking.ends_at > now) return reply.html({ title: request.t('appointments:booked.title') }, <BookedPage page={page} {...state} notice={extra.notice ?? null} />);
    return reply.html({ title: request.t('appointments:ended.title') }, <EndedPage page={page} {...state} />);
  }

  /** The times page for a new booking or for moving one; problems of the request go back to the start. */
  async function showTimes(
    request: FastifyRequest,
    reply: FastifyReply,
    options: { place: PlaceOffer; lines: readonly RequestedService[]; tag: string | undefined; path: string; action: string; hidden: Record<string, string>; submitLabel: string; backHref: string; backLabel: string; problem?: string | null; status?: number },
  ) {
    const now = new Date();
    const calendar = await placeCalendar(ctx, options.place.id, now);
    if (!calendar) throw new HttpProblem(404, 'appointments:errors.placeNotFound');
    const query = calendar.query(options.lines);
    const next = nextFreeDays(query, { limit: 10 });
    if (!next.ok) throw new HttpProblem(422, `appointments:problems.${next.problem.reason}`, { ...next.problem });
    let problem = options.problem ?? null;
    let date = next.days[0]?.date;
    const typed = options.tag?.trim() ?? '';
    if (typed) {
      const parsed = parseDay(typed);
      if (parsed.ok) date = parsed.day;
      else problem = request.t('appointments:times.badDay', { day: typed });
    }
    const free = date ? freeSlots(query, { from: date, to: date }) : null;
    const day = date ? { date, slots: free?.ok ? (free.days[0]?.slots ?? []) : [] } : null;
    const first = options.lines[0]!;
    const waitlist = `/termine/warteliste?${new URLSearchParams({ ort: options.place.id, leistung: first.serviceId, personen: String(first.persons) }).toString()}`;
    const titles = new Map(options.place.services.map((service) => [service.slug, service.title]));
    return reply
      .header('cache-control', noStore)
      .status(options.status ?? (problem && typed ? 422 : 200))
      .html(
        { title: request.t('appointments:times.title'), hasErrors: Boolean(problem) },
        <BookingTimesPage
          page={request.page}
          placeName={options.place.name}
          lines={options.lines.map((line) => request.t('appointments:book.serviceLine', { title: titles.get(line.serviceId) ?? line.serviceId, count: line.persons }))}
          durationMinutes={next.durationMinutes}
          nextDays={next.days}
          day={day}
          path={options.path}
          action={options.action}
          hidden={options.hidden}
          submitLabel={options.submitLabel}
          backHref={options.backHref}
          backLabel={options.backLabel}
          problem={problem}
          waitlistHref={waitlist}
          typedDay={typed}
        />,
      );
  }

  // For now the booking is what `/termine` offers; a temporary redirect leaves room for a page of its own.
  app.get('/termine', async (_request, reply) => reply.redirect('/termine/buchen', 302));

  app.get('/termine/buchen', { schema: { querystring: StartQuery } }, async (request, reply) => {
    const query = request.query as Record<string, unknown> & { ort?: string; leistung?: string | string[] };
    const wanted = query.leistung === undefined ? [] : Array.isArray(query.leistung) ? query.leistung : [query.leistung];
    const { places, place: chosen } = await offerOf(request, query.ort);
    if (query.ort && !chosen) throw new HttpProblem(404, 'appointments:errors.placeNotFound');
    const candidates = wanted.length > 0 ? places.filter((place) => wanted.every((slug) => place.services.some((service) => service.slug === slug))) : places;
    if (wanted.length > 0 && candidates.length === 0) throw new HttpProblem(404, 'appointments:errors.serviceNotOffered');
    const place = chosen ?? (candidates.length === 1 ? candidates[0]! : null);
    const counts: Record<string, number> = {};
    for (const service of place?.services ?? []) {
      const raw = query[countField(service.slug)];
      if (typeof raw === 'string' && /^\d{1,2}$/.test(raw)) counts[service.slug] = Math.min(Number(raw), service.maxPersons);
    }
    const keep = wanted.map((slug) => `leistung=${encodeURIComponent(slug)}`).join('&');
    return reply.header('cache-control', 'no-cache').html({ title: request.t('appointments:start.title') }, <BookingStartPage page={request.page} place={place} places={candidates} preselected={wanted} counts={counts} errors={{}} keep={keep} />);
  });

  app.get('/termine/buchen/zeiten', { schema: { querystring: TimesQuery } }, async (request, reply) => {
    const query = request.query as Record<string, unknown> & { ort: string; tag?: string };
    const { places, place } = await offerOf(request, query.ort);
    if (!place) throw new HttpProblem(404, 'appointments:errors.placeNotFound');
    const read = readRequest(query, place);
    if (!read.ok) {
      const field = read.reason === 'persons' ? countField(read.service.slug) : countField(place.services[0]!.slug);
      const message = read.reason === 'persons' ? request.t('appointments:errors.persons', { service: read.service.title, max: read.max }) : request.t('appointments:errors.noService');
      return reply.status(422).html({ title: request.t('appointments:start.title'), hasErrors: true }, <BookingStartPage page={request.page} place={place} places={places} preselected={[]} counts={{}} errors={{ [field]: message }} keep="" />);
    }
    const hidden = Object.fromEntries(new URLSearchParams(requestQuery(place.id, read.request)));
    return showTimes(request, reply, { place, lines: read.request, tag: query.tag, path: '/termine/buchen/zeiten', action: '/termine/buchen/zeiten', hidden, submitLabel: request.t('appointments:times.hold'), backHref: `/termine/buchen?${requestQuery(place.id, read.request)}`, backLabel: request.t('appointments:times.change') });
  });

  // Holding a time: a few a minute per client are plenty for a person and too few for a bot hoarding slots.
  app.post('/termine/buchen/zeiten', { schema: { body: HoldBody }, attachValidation: true, config: { rateLimit: { max: 6, timeWindow: '1 minute' } } }, async (request, reply) => {
    if (request.validationError) throw new HttpProblem(400, 'appointments:errors.badRequest');
    const body = request.body as Record<string, unknown> & { ort: string; beginn?: string };
    const { place } = await offerOf(request, body.ort);
    if (!place) throw new HttpProblem(404, 'appointments:errors.placeNotFound');
    const read = readRequest(body, place);
    if (!read.ok) throw new HttpProblem(422, 'appointments:errors.noService');
    const hidden = Object.fromEntries(new URLSearchParams(requestQuery(place.id, read.request)));
    const start = body.beginn ? new Date(body.beginn) : null;
    const again = (problem: string, status: number, tag?: string) =>
      showTimes(request, reply, { place, lines: read.request, tag, path: '/termine/buchen/zeiten', action: '/termine/buchen/zeiten', hidden, submitLabel: request.t('appointments:times.hold'), backHref: `/termine/buchen?${requestQuery(place.id, read.request)}`, backLabel: request.t('appointments:times.change'), problem, status });
    if (!start || Number.isNaN(start.getTime())) return again(request.t('appointments:errors.noTime'), 422);
    const held = await holdTime(ctx, { locationId: place.id, request: read.request, start, channel: 'online', userId: isSignedIn(request.actor) ? request.actor.userId : null, createdBy: isSignedIn(request.actor) ? `citizen:${request.actor.userId}` : 'guest' });
    if (!held.ok) {
      if (held.reason === 'request') throw new HttpProblem(422, `appointments:problems.${held.problem.reason}`, { ...held.problem });
      if (held.reason === 'unknown-place') throw new HttpProblem(404, 'appointments:errors.placeNotFound');
      const past = start.getTime() <= Date.now();
      return again(request.t(past ? 'appointments:errors.pastTime' : held.reason === 'taken' ? 'appointments:errors.taken' : 'appointments:errors.notOffered'), 409, past ? undefined : todayInBerlin(start));
    }
    keepSecret(ctx, reply, held.booking.id, held.secret);
    return reply.redirect(bookingPath(held.booking.id), 303);
  });

  app.get('/termine/buchung/:bookingId', { schema: { params: BookingParams } }, async (request, reply) => showBooking(request, reply, await openBooking(request, request.params.bookingId)));

  app.post('/termine/buchung/:bookingId/angaben', { schema: { params: BookingParams, body: formBody(detailsForm) }, attachValidation: true, config: { rateLimit: { max: 10, timeWindow: '10 minutes' } } }, async (request, reply) => {
    const booking = await openBooking(request, request.params.bookingId);
    if (booking.status !== 'held' || !isRunning(booking, new Date())) return showBooking(request, reply, booking, { status: 409 });
    const read = readForm(detailsForm, request);
    if (!read.ok) return showDetails(request, reply, booking, { raw: read.raw, errors: read.errors, status: 422 });
    const value = read.value;
    const missing: FormErrors = {};
    if (value.confirmBy === 'email' && !value.email) missing.email = { code: 'appointments:errors.emailNeeded', values: {} };
    if (value.confirmBy === 'sms' && !value.phone) missing.phone = { code: 'appointments:errors.phoneNeeded', values: {} };
    if (Object.keys(missing).length > 0) return showDetails(request, reply, booking, { raw: read.raw, errors: missing, status: 422 });
    const details: Details = { name: value.name, confirmBy: value.confirmBy, email: value.email || null, phone: value.phone, needs: value.needs, needsNote: value.needsNote, language: request.page.lang };
    const result = await giveDetails(ctx, request.actor, booking.id, details);
    if (result.ok) return reply.redirect(bookingPath(booking.id), 303);
    if (result.reason === 'limit') return showDetails(request, reply, booking, { raw: read.raw, problem: request.t('appointments:errors.limit', { count: result.limit }), status: 409 });
    if (result.reason === 'paused') return showDetails(request, reply, booking, { raw: read.raw, problem: request.t('appointments:errors.paused', { limit: result.limit, day: result.until.toLocaleDateString(request.page.lang === 'de' ? 'de-DE' : 'en-GB', { timeZone: 'Europe/Berlin' }) }), status: 409 });
    return showBooking(request, reply, (await findBooking(appointmentsDb(ctx.db), booking.id)) ?? booking, { status: 409 });
  });

  app.post('/termine/buchung/:bookingId/verlaengern', { schema: { params: BookingParams }, config: { rateLimit: { max: 20, timeWindow: '10 minutes' } } }, async (request, reply) => {
    const booking = await openBooking(request, request.params.bookingId);
    const extended = await extendHold(ctx, booking.id);
    if (request.headers.accept?.includes('application/json')) {
      if (!extended.ok) throw new HttpProblem(409, extended.reason === 'limit' ? 'appointments:hold.limit' : 'appointments:hold.ended');
      return reply.header('cache-control', noStore).send({ until: extended.until.toISOString() });
    }
    if (!extended.ok && extended.reason === 'limit') return showDetails(request, reply, booking, { problem: request.t('appointments:hold.limit'), status: 409 });
    return reply.redirect(bookingPath(booking.id), 303);
  });

  app.post('/termine/buchung/:bookingId/code', { schema: { params: BookingParams, body: formBody(codeForm) }, attachValidation: true, config: { rateLimit: { max: 10, timeWindow: '10 minutes' } } }, async (request, reply) => {
    const booking = await openBooking(request, request.params.bookingId);
    const read = readForm(codeForm, request);
    if (!read.ok) return showBooking(request, reply, booking, { raw: read.raw, errors: read.errors, status: 422 });
    const confirmed = await confirmByCode(ctx, booking.id, read.value.code);
    if (confirmed.ok) return reply.redirect(bookingPath(booking.id), 303);
    const now = (await findBooking(appointmentsDb(ctx.db), booking.id)) ?? booking;
    if (confirmed.reason === 'wrong-code') return showBooking(request, reply, now, { raw: read.raw, errors: { code: { code: 'appointments:errors.wrongCode', values: {} } }, status: 422 });
    return showBooking(request, reply, now, { status: 409 });
  });

  app.post('/termine/buchung/:bookingId/code-neu', { schema: { params: BookingParams }, config: { rateLimit: { max: 3, timeWindow: '10 minutes' } } }, async (request, reply) => {
    const booking = await openBooking(request, request.params.bookingId);
    const sent = await resendCode(ctx, booking.id);
    if (!sent.ok && sent.reason === 'too-soon') throw new HttpProblem(429, 'appointments:code.tooSoon');
    return showBooking(request, reply, (await findBooking(appointmentsDb(ctx.db), booking.id)) ?? booking, { notice: sent.ok ? request.t('appointments:code.resent') : null });
  });

  // The link from the confirmation mail: its page asks, its button books.
  app.get('/termine/buchung/:bookingId/bestaetigen/:key', { schema: { params: KeyParams } }, async (request, reply) => {
    const db = appointmentsDb(ctx.db);
    const booking = await findBooking(db, request.params.bookingId);
    if (!booking || !(await keyOpens(db, booking.id, request.params.key, 'confirm'))) throw new HttpProblem(404, 'appointments:errors.linkExpired');
    reply.header('referrer-policy', 'no-referrer');
    if (booking.status !== 'confirming' || !isRunning(booking, new Date())) return showBooking(request, reply, booking);
    const state = await stateOf(request, booking);
    return reply.header('cache-control', noStore).html({ title: request.t('appointments:confirmLink.title') }, <ConfirmLinkPage page={request.page} {...state} action={`${bookingPath(booking.id)}/bestaetigen/${request.params.key}`} />);
  });

  app.post('/termine/buchung/:bookingId/bestaetigen/:key', { schema: { params: KeyParams }, config: { rateLimit: { max: 10, timeWindow: '10 minutes' } } }, async (request, reply) => {
    const confirmed = await confirmByKey(ctx, request.params.bookingId, request.params.key);
    if (!confirmed.ok && confirmed.reason === 'gone') throw new HttpProblem(404, 'appointments:errors.linkExpired');
    if (!confirmed.ok) return showBooking(request, reply, (await findBooking(appointmentsDb(ctx.db), request.params.bookingId))!, { status: 409 });
    // This browser may open the booking from now on, whichever browser held the time.
    keepSecret(ctx, reply, confirmed.booking.id, await issueKey(appointmentsDb(ctx.db), confirmed.booking.id, 'manage'));
    return reply.redirect(bookingPath(confirmed.booking.id), 303);
  });

  // The link from the booking's mail: this browser keeps its key, the address bar loses it.
  app.get('/termine/buchung/:bookingId/verwalten/:key', { schema: { params: KeyParams } }, async (request, reply) => {
    const bookingId = await bookingOfKey(appointmentsDb(ctx.db), request.params.key, 'manage');
    if (!bookingId) throw new HttpProblem(404, 'appointments:errors.linkExpired');
    keepSecret(ctx, reply, bookingId, request.params.key);
    reply.header('referrer-policy', 'no-referrer');
    return reply.redirect(bookingPath(bookingId), 303);
  });

  app.get('/termine/buchung/:bookingId/absagen', { schema: { params: BookingParams } }, async (request, reply) => {
    const booking = await openBooking(request, request.params.bookingId);
    if (booking.status !== 'booked' || booking.starts_at <= new Date()) return showBooking(request, reply, booking);
    return reply.header('cache-control', noStore).html({ title: request.t('appointments:cancel.title') }, <CancelPage page={request.page} {...await stateOf(request, booking)} />);
  });

  app.post('/termine/buchung/:bookingId/absagen', { schema: { params: BookingParams }, config: { rateLimit: { max: 10, timeWindow: '10 minutes' } } }, async (request, reply) => {
    const booking = await openBooking(request, request.params.bookingId);
    const result = await cancelBooking(ctx, booking.id, 'person');
    if (!result.ok && result.reason === 'past') throw new HttpProblem(409, 'appointments:errors.cancelPast');
    return reply.redirect(bookingPath(booking.id), 303);
  });

  app.get('/termine/buchung/:bookingId/umbuchen', { schema: { params: BookingParams, querystring: RebookQuery } }, async (request, reply) => {
    const booking = await openBooking(request, request.params.bookingId);
    if (booking.status !== 'booked' || booking.starts_at <= new Date()) return showBooking(request, reply, booking);
    const { place } = await offerOf(request, booking.location_id);
    if (!place) throw new HttpProblem(404, 'appointments:errors.placeNotFound');
    const path = `${bookingPath(booking.id)}/umbuchen`;
    return showTimes(request, reply, { place, lines: booking.services, tag: request.query.tag, path, action: path, hidden: {}, submitLabel: request.t('appointments:rebook.submit'), backHref: bookingPath(booking.id), backLabel: request.t('appointments:rebook.back') });
  });

  app.post('/termine/buchung/:bookingId/umbuchen', { schema: { params: BookingParams, body: StartBody }, config: { rateLimit: { max: 6, timeWindow: '1 minute' } } }, async (request, reply) => {
    const booking = await openBooking(request, request.params.bookingId);
    const start = request.body.beginn ? new Date(request.body.beginn) : null;
    const { place } = await offerOf(request, booking.location_id);
    if (!place) throw new HttpProblem(404, 'appointments:errors.placeNotFound');
    const path = `${bookingPath(booking.id)}/umbuchen`;
    const again = (problem: string, status: number) => showTimes(request, reply, { place, lines: booking.services, tag: undefined, path, action: path, hidden: {}, submitLabel: request.t('appointments:rebook.submit'), backHref: bookingPath(booking.id), backLabel: request.t('appointments:rebook.back'), problem, status });
    if (!start || Number.isNaN(start.getTime())) return again(request.t('appointments:errors.noTime'), 422);
    const moved = await rebook(ctx, booking.id, start);
    if (moved.ok) {
      // The old booking's secret and keys open the new one; this browser keeps its secret under the new name.
      const secret = cookieSecret(ctx, request, booking.id);
      if (secret) keepSecret(ctx, reply, moved.booking.id, secret);
      return reply.redirect(bookingPath(moved.booking.id), 303);
    }
    if (moved.reason === 'gone' || moved.reason === 'past') return showBooking(request, reply, (await findBooking(appointmentsDb(ctx.db), booking.id)) ?? booking, { status: 409 });
    return again(request.t(moved.reason === 'taken' ? 'appointments:errors.taken' : 'appointments:errors.notOffered'), 409);
  });

  app.get('/termine/buchung/:bookingId/termin.ics', { schema: { params: BookingParams } }, async (request, reply) => {
    const booking = await openBooking(request, request.params.bookingId);
    if (booking.status !== 'booked') throw new HttpProblem(404, 'appointments:errors.notFound');
    const event = await bookingCalendarEvent(ctx, booking);
    const file = calendarFile({ cityName: ctx.config.CITY_NAME, events: [event] });
    return reply
      .header('cache-control', noStore)
      .header('content-type', calendarMediaType())
      .header('content-disposition', `attachment; filename="${calendarFileName(request.t('appointments:mail.calendarFile', { reference: booking.reference }))}"`)
      .send(file);
  });
}
