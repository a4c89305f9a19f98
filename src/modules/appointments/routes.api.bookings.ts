import type { KernelContext } from '#kernel/context.ts';
import { formMessages, parseForm } from '#kernel/forms/index.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import { problemResponses } from '#kernel/http/problem-json.ts';
import type { App } from '#kernel/module.ts';
import { anonymous } from '#kernel/auth/actor.ts';
import { detailsForm } from './forms.booking.ts';
import { findBooking } from './repo.bookings.ts';
import { appointmentsDb, type Booking } from './repo.ts';
import { BookingParams, BookingState, CodeBody, DetailsBody, Held, HoldBody, KeyHeaders } from './schemas.api.bookings.ts';
import { cancelBooking, confirmByCode, giveDetails, isRunning, mayOpenBooking } from './service.book.ts';
import { holdTime } from './service.hold.ts';

const tags = ['Termine'];
// A key, not a session, proves who asks: the kernel's CSRF check guards cookies, which these routes ignore.
const config = (max: number, minutes = 1) => ({ csrf: false, rateLimit: { max, timeWindow: `${minutes} minute${minutes === 1 ? '' : 's'}` } });

function state(booking: Booking, now = new Date()) {
  return {
    id: booking.id,
    reference: booking.reference,
    // A hold or confirmation that ran out has given its time back, whether or not a sweep marked it.
    status: (booking.status === 'held' || booking.status === 'confirming') && !isRunning(booking, now) ? 'expired' : booking.status,
    place: booking.location_id,
    start: booking.starts_at.toISOString(),
    end: booking.ends_at.toISOString(),
    services: booking.services.map((line) => ({ service: line.serviceId, persons: line.persons })),
    heldUntil: booking.hold_expires_at?.toISOString() ?? null,
  };
}

/** The citizen's booking steps as JSON (`schemas.api.bookings.ts`), with the services of the booking pages. */
export async function bookingApiRoutes(app: App, ctx: KernelContext): Promise<void> {
  async function opened(request: { params: { bookingId: string }; headers: { 'booking-key': string } }): Promise<Booking> {
    const db = appointmentsDb(ctx.db);
    const booking = await findBooking(db, request.params.bookingId);
    if (!booking || !(await mayOpenBooking(db, anonymous, booking, { secret: request.headers['booking-key'] }))) throw new HttpProblem(404, 'appointments:errors.notFound', {}, { type: 'appointments/not-found' });
    return booking;
  }

  app.post(
    '/api/v1/termine/reservierungen',
    { schema: { tags, summary: 'Holds a free time for a few minutes while the person gives their details', body: HoldBody, response: { 201: Held, ...problemResponses(400, 404, 409, 422, 429) } }, config: config(6) },
    async (request, reply) => {
      const body = request.body;
      const held = await holdTime(ctx, { locationId: body.place, request: body.services.map((line) => ({ serviceId: line.service, persons: line.persons })), start: new Date(body.start), channel: 'online', userId: null, createdBy: 'guest:api' });
      if (held.ok) return reply.status(201).send({ ...state(held.booking), key: held.secret });
      if (held.reason === 'unknown-place') throw new HttpProblem(404, 'appointments:errors.placeNotFound', {}, { type: 'appointments/unknown-place' });
      if (held.reason === 'request') throw new HttpProblem(422, `appointments:problems.${held.problem.reason}`, { ...held.problem }, { type: `appointments/${held.problem.reason}` });
      const past = new Date(body.start).getTime() <= Date.now();
      throw new HttpProblem(409, past ? 'appointments:errors.pastTime' : held.reason === 'taken' ? 'appointments:errors.taken' : 'appointments:errors.notOffered', {}, { type: `appointments/${past ? 'past' : held.reason}` });
    },
  );

  app.get('/api/v1/termine/buchungen/:bookingId', { schema: { tags, summary: 'A booking’s state', params: BookingParams, headers: KeyHeaders, response: { 200: BookingState, ...problemResponses(400, 404) } }, config: config(60) }, async (request) =>
    state(await opened(request)),
  );

  app.post(
    '/api/v1/termine/buchungen/:bookingId/angaben',
    { schema: { tags, summary: 'The person’s details for a held time; a link (e-mail) or a code (SMS) follows to confirm', params: BookingParams, headers: KeyHeaders, body: DetailsBody, response: { 200: BookingState, ...problemResponses(400, 404, 409, 422, 429) } }, config: config(10, 10) },
    async (request) => {
      const booking = await opened(request);
      const body = request.body;
      const read = parseForm(detailsForm, { body: { name: body.name, confirmBy: body.confirmBy, email: body.email ?? '', phone: body.phone ?? '', needs: body.needs ?? [], needsNote: body.needsNote ?? '' } });
      const missing = read.ok && body.confirmBy === 'email' && !read.value.email ? 'email' : read.ok && body.confirmBy === 'sms' && !read.value.phone ? 'phone' : null;
      if (!read.ok) throw new HttpProblem(422, null, {}, { fields: formMessages(request.page, read.errors, detailsForm), type: 'appointments/invalid-details' });
      if (missing) throw new HttpProblem(422, null, {}, { fields: { [missing]: request.t(`appointments:errors.${missing}Needed`) }, type: 'appointments/invalid-details' });
      const value = read.value;
      const result = await giveDetails(ctx, anonymous, booking.id, { name: value.name, confirmBy: value.confirmBy, email: value.email || null, phone: value.phone, needs: value.needs, needsNote: value.needsNote, language: body.language ?? request.page.lang });
      if (result.ok) return state(result.booking);
      if (result.reason === 'limit') throw new HttpProblem(409, 'appointments:errors.limit', { count: result.limit }, { type: 'appointments/limit' });
      if (result.reason === 'paused') throw new HttpProblem(409, 'appointments:errors.paused', { limit: result.limit, day: result.until.toISOString().slice(0, 10) }, { type: 'appointments/paused' });
      throw new HttpProblem(409, 'appointments:hold.ended', {}, { type: `appointments/${result.reason}` });
    },
  );

  app.post(
    '/api/v1/termine/buchungen/:bookingId/code',
    { schema: { tags, summary: 'The code from the SMS: books the appointment', params: BookingParams, headers: KeyHeaders, body: CodeBody, response: { 200: BookingState, ...problemResponses(400, 404, 409, 422, 429) } }, config: config(10, 10) },
    async (request) => {
      const booking = await opened(request);
      const confirmed = await confirmByCode(ctx, booking.id, request.body.code);
      if (confirmed.ok) return state(confirmed.booking);
      if (confirmed.reason === 'wrong-code') throw new HttpProblem(422, 'appointments:errors.wrongCode', {}, { type: 'appointments/wrong-code' });
      throw new HttpProblem(409, 'appointments:hold.ended', {}, { type: `appointments/${confirmed.reason}` });
    },
  );

  app.delete(
    '/api/v1/termine/buchungen/:bookingId',
    { schema: { tags, summary: 'Cancels a booking (or gives a hold back); the time is free again at once', params: BookingParams, headers: KeyHeaders, response: { 200: BookingState, ...problemResponses(400, 404, 409, 429) } }, config: config(10, 10) },
    async (request) => {
      const booking = await opened(request);
      const result = await cancelBooking(ctx, booking.id, 'person');
      if (!result.ok && result.reason === 'past') throw new HttpProblem(409, 'appointments:errors.cancelPast', {}, { type: 'appointments/past' });
      return state((await findBooking(appointmentsDb(ctx.db), booking.id))!);
    },
  );
}
