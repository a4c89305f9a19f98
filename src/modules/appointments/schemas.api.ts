import Type, { type Static } from 'typebox';

/*
 * The appointment API (/api/v1/termine/…): places and their free times, read without a key. Every response
 * is described here; Fastify serialises through these schemas and the OpenAPI description is made from them.
 */

const Slug = Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 80 });
const CalendarDay = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'A calendar day in Europe/Berlin, YYYY-MM-DD' });
const Instant = Type.String({ format: 'date-time', description: 'ISO 8601 with the Berlin offset of that day (+01:00 or +02:00)' });

export const PlaceParams = Type.Object({ placeId: Type.String({ format: 'uuid', description: 'The place’s id from /api/v1/termine/orte' }) });
export type PlaceParams = Static<typeof PlaceParams>;

const request = {
  leistung: Type.Array(Slug, { minItems: 1, maxItems: 5, description: 'Slug of a service of the place (as in /api/v1/services); repeat for several services in one visit' }),
  personen: Type.Optional(
    Type.Array(Type.Integer({ minimum: 0, maximum: 99 }), { maxItems: 5, description: 'Persons per service, once per `leistung` in the same order; without it one person each' }),
  ),
};

export const FreeTimesQuery = Type.Object({
  ...request,
  von: Type.Optional({ ...CalendarDay, description: 'First day asked for (default: today)' }),
  bis: Type.Optional({ ...CalendarDay, description: 'Last day asked for (default: 13 days after `von`); at most 90 days in one request' }),
});
export type FreeTimesQuery = Static<typeof FreeTimesQuery>;

export const NextFreeDaysQuery = Type.Object({
  ...request,
  anzahl: Type.Integer({ minimum: 1, maximum: 60, default: 5, description: 'How many days with a free time to list' }),
});
export type NextFreeDaysQuery = Static<typeof NextFreeDaysQuery>;

const PlaceService = Type.Object({
  slug: Type.String(),
  minutesPerPerson: Type.Integer(),
  maxPersons: Type.Integer({ description: 'Most persons one booking may bring for this service' }),
  horizonDays: Type.Integer({ description: 'How many days ahead the service can be booked' }),
  bookingUrl: Type.String({ description: 'The booking page for people' }),
});

export const Places = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      name: Type.String(),
      kind: Type.Union([Type.Literal('counter'), Type.Literal('video'), Type.Literal('phone')], { description: 'At a counter, by video or by phone' }),
      office: Type.Union([Type.String(), Type.Null()], { description: 'Slug of the catalogue’s office whose opening hours the place follows' }),
      hint: Type.Union([Type.String(), Type.Null()]),
      services: Type.Array(PlaceService),
    }),
  ),
});

const Window = Type.Union([Type.Object({ first: CalendarDay, last: CalendarDay }), Type.Null()], { description: 'The days the request can be booked on now; null when the services share none' });
const Time = Type.Object({ start: Instant, end: Instant });

export const FreeTimes = Type.Object({
  placeId: Type.String({ format: 'uuid' }),
  durationMinutes: Type.Integer({ description: 'Length of the visit: minutes per person of each service times persons, rounded up to the place’s grid' }),
  window: Window,
  days: Type.Array(Type.Object({ date: CalendarDay, slots: Type.Array(Time) }), { description: 'Every day asked for within the window; a closed or full day has no slots' }),
});

export const NextFreeDaysResponse = Type.Object({
  placeId: Type.String({ format: 'uuid' }),
  durationMinutes: Type.Integer(),
  window: Window,
  days: Type.Array(Type.Object({ date: CalendarDay, free: Type.Integer({ description: 'Free start times that day' }), first: Time })),
});
