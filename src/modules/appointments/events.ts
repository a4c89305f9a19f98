import Type from 'typebox';
import { defineEvent } from '#kernel/events/define.ts';

const times = {
  bookingId: Type.String({ format: 'uuid' }),
  locationId: Type.String({ format: 'uuid' }),
  counterId: Type.String({ format: 'uuid' }),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
};

/** A booking is made (its contact confirmed, or entered by staff): reminders and figures follow it. */
export const appointmentBooked = defineEvent({
  name: 'appointments.booked',
  version: 1,
  payload: Type.Object({ ...times, channel: Type.String(), services: Type.Array(Type.String()) }),
});

/**
 * A booked time is free again (cancelled by the person or the office, or a hold that ran out): the first in
 * line for that place is offered it.
 */
export const appointmentTimeFreed = defineEvent({
  name: 'appointments.time-freed',
  version: 1,
  payload: Type.Object({ ...times, reason: Type.Union([Type.Literal('cancelled'), Type.Literal('expired'), Type.Literal('rebooked')]) }),
});
