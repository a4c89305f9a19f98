import Type from 'typebox';

/*
 * The booking API (/api/v1/termine/reservierungen, /api/v1/termine/buchungen/…): the citizen's booking
 * steps for an app or another portal. Holding a time returns the booking's key; every later call sends it in
 * the `Booking-Key` header, as the booking page's cookie does. No session, no CSRF token: the key is the proof.
 */

const Slug = Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 80 });
const Instant = Type.String({ format: 'date-time' });

export const HoldBody = Type.Object(
  {
    place: Type.String({ format: 'uuid', description: 'The place’s id from /api/v1/termine/orte' }),
    services: Type.Array(Type.Object({ service: Slug, persons: Type.Integer({ minimum: 1, maximum: 10 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 10 }),
    start: Type.String({ format: 'date-time', description: 'A start time as the free-times endpoint gives it' }),
  },
  { additionalProperties: false },
);

export const BookingParams = Type.Object({ bookingId: Type.String({ format: 'uuid' }) });
export const KeyHeaders = Type.Object({ 'booking-key': Type.String({ minLength: 20, maxLength: 100, description: 'The key the hold returned' }) });

export const DetailsBody = Type.Object(
  {
    name: Type.String({ maxLength: 200 }),
    confirmBy: Type.Union([Type.Literal('email'), Type.Literal('sms')], { description: 'email: a link is mailed; sms: a code is sent to `phone`' }),
    email: Type.Optional(Type.String({ maxLength: 254 })),
    phone: Type.Optional(Type.String({ maxLength: 40 })),
    needs: Type.Optional(Type.Array(Type.Union([Type.Literal('interpreter'), Type.Literal('step-free'), Type.Literal('more-time')]), { maxItems: 3 })),
    needsNote: Type.Optional(Type.String({ maxLength: 300 })),
    language: Type.Optional(Type.Union([Type.Literal('de'), Type.Literal('en')])),
  },
  { additionalProperties: false },
);

export const CodeBody = Type.Object({ code: Type.String({ maxLength: 12 }) }, { additionalProperties: false });

export const BookingState = Type.Object({
  id: Type.String({ format: 'uuid' }),
  reference: Type.String(),
  status: Type.Union([
    Type.Literal('held'),
    Type.Literal('confirming'),
    Type.Literal('booked'),
    Type.Literal('arrived'),
    Type.Literal('served'),
    Type.Literal('no_show'),
    Type.Literal('cancelled'),
    Type.Literal('expired'),
  ]),
  place: Type.String({ format: 'uuid' }),
  start: Instant,
  end: Instant,
  services: Type.Array(Type.Object({ service: Slug, persons: Type.Integer() })),
  heldUntil: Type.Union([Instant, Type.Null()], { description: 'Until when a held or confirming booking keeps its time' }),
});

export const Held = Type.Intersect([BookingState, Type.Object({ key: Type.String({ description: 'Send it as the Booking-Key header of every later call; it is shown once' }) })]);
