import type { KernelContext } from '#kernel/context.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import { problemResponses } from '#kernel/http/problem-json.ts';
import type { App } from '#kernel/module.ts';
import type { Slot, SlotProblem } from './calendar/index.ts';
import { activePlaces } from './repo.figures.ts';
import { appointmentsDb } from './repo.ts';
import { FreeTimes, FreeTimesQuery, NextFreeDaysQuery, NextFreeDaysResponse, PlaceParams, Places } from './schemas.api.ts';
import { freeTimes, nextFreeDaysAt, type FreeTimesProblem } from './service.next-free.ts';
import { bookingHref } from './service.routes.ts';

const tags = ['Termine'];

/** Free times are read as a person plans a visit: plenty for that, and a limit for scripts copying calendars. */
const rateLimit = { max: 120, timeWindow: '1 minute' };

const berlinParts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** An instant as Berlin's wall clock with its offset that day: `2027-03-02T09:00:00+01:00`. */
export function berlinIso(instant: Date): string {
  const parts = Object.fromEntries(berlinParts.formatToParts(instant).map((part) => [part.type, part.value]));
  const wall = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
  const offset = Math.round((Date.parse(`${wall}Z`) - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  return `${wall}${sign}${hours}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
}

const time = (slot: Slot) => ({ start: berlinIso(slot.start), end: berlinIso(slot.end) });

/** A refused question as problem details: the place is unknown (404), or the request cannot be answered (422). */
function refusal(problem: FreeTimesProblem): HttpProblem {
  switch (problem.reason) {
    case 'unknown-place':
      return new HttpProblem(404, 'appointments:figures.api.unknownPlace', {}, { type: 'appointments/unknown-place' });
    case 'persons-mismatch':
      return new HttpProblem(422, 'appointments:figures.api.personsMismatch', {}, { type: 'appointments/persons-mismatch' });
    case 'range-reversed':
      return new HttpProblem(422, 'appointments:figures.api.rangeReversed', {}, { type: 'appointments/range-reversed' });
    case 'range-too-long':
      return new HttpProblem(422, 'appointments:figures.api.rangeTooLong', { max: problem.max }, { type: 'appointments/range-too-long' });
    case 'request':
      return slotRefusal(problem.problem);
  }
}

function slotRefusal(problem: SlotProblem): HttpProblem {
  const type = { type: `appointments/${problem.reason}` };
  switch (problem.reason) {
    case 'no-services':
      return new HttpProblem(422, 'appointments:figures.api.noServices', {}, type);
    case 'unknown-service':
    case 'duplicate-service':
      return new HttpProblem(422, `appointments:figures.api.${problem.reason === 'unknown-service' ? 'unknownService' : 'duplicateService'}`, { service: problem.serviceId }, type);
    case 'invalid-persons':
      return new HttpProblem(422, 'appointments:figures.api.invalidPersons', { service: problem.serviceId, persons: problem.persons }, type);
    case 'too-many-persons':
      return new HttpProblem(422, 'appointments:figures.api.tooManyPersons', { service: problem.serviceId, persons: problem.persons, max: problem.max }, type);
    case 'not-combinable':
      return new HttpProblem(422, 'appointments:figures.api.notCombinable', { services: problem.serviceIds.join(', ') }, type);
    case 'invalid-day':
      return new HttpProblem(422, 'appointments:figures.api.invalidDay', { day: problem.day }, type);
    case 'invalid-limit':
      return new HttpProblem(422, 'appointments:figures.api.invalidLimit', { limit: problem.limit }, type);
  }
}

/** Places and their free times for machines: read without a key, as the booking page shows them. */
export async function apiRoutes(app: App, ctx: KernelContext): Promise<void> {
  const base = ctx.config.PUBLIC_URL;

  app.get('/api/v1/termine/orte', { schema: { tags, summary: 'Places that take bookings, with their services', response: { 200: Places, ...problemResponses(429) } }, config: { rateLimit } }, async () => {
    const places = await activePlaces(appointmentsDb(ctx.db));
    return {
      items: places.map((place) => ({
        id: place.id,
        name: place.name,
        kind: place.kind,
        office: place.officeSlug,
        hint: place.hint,
        services: place.services.map((service) => ({ slug: service.slug, minutesPerPerson: service.minutesPerPerson, maxPersons: service.maxPersons, horizonDays: service.horizonDays, bookingUrl: `${base}${bookingHref(service.slug)}` })),
      })),
    };
  });

  app.get(
    '/api/v1/termine/orte/:placeId/freie-zeiten',
    {
      schema: { tags, summary: 'Free start times per day for services and persons', params: PlaceParams, querystring: FreeTimesQuery, response: { 200: FreeTimes, ...problemResponses(400, 404, 422, 429) } },
      config: { rateLimit },
    },
    async (request) => {
      const { leistung, personen, von, bis } = request.query;
      const answer = await freeTimes(ctx, { placeId: request.params.placeId, services: leistung, persons: personen, from: von, to: bis });
      if (!answer.ok) throw refusal(answer);
      return {
        placeId: request.params.placeId,
        durationMinutes: answer.durationMinutes,
        window: answer.window ? { first: answer.window.first, last: answer.window.last } : null,
        days: answer.days.map((day) => ({ date: day.date, slots: day.slots.map(time) })),
      };
    },
  );

  app.get(
    '/api/v1/termine/orte/:placeId/naechste-freie-tage',
    {
      schema: { tags, summary: 'The next days with a free time, each with its first', params: PlaceParams, querystring: NextFreeDaysQuery, response: { 200: NextFreeDaysResponse, ...problemResponses(400, 404, 422, 429) } },
      config: { rateLimit },
    },
    async (request) => {
      const { leistung, personen, anzahl } = request.query;
      const answer = await nextFreeDaysAt(ctx, { placeId: request.params.placeId, services: leistung, persons: personen, limit: anzahl });
      if (!answer.ok) throw refusal(answer);
      return {
        placeId: request.params.placeId,
        durationMinutes: answer.durationMinutes,
        window: answer.window ? { first: answer.window.first, last: answer.window.last } : null,
        days: answer.days.map((day) => ({ date: day.date, free: day.free, first: time(day.first) })),
      };
    },
  );
}
