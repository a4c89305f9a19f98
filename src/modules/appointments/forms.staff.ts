import Type from 'typebox';
import { defineForm } from '#kernel/forms/index.ts';

/*
 * The counter staff's forms. Counters, services and offered times come from the database, so those fields
 * take any id and the service checks it against the place.
 */

const uuid = Type.String({ format: 'uuid' });
export const PlaceParams = Type.Object({ placeId: uuid });
export const BookingParams = Type.Object({ placeId: uuid, bookingId: uuid });
export const BlockParams = Type.Object({ placeId: uuid, blockId: uuid });
export const TicketParams = Type.Object({ placeId: uuid, ticketId: uuid });
export const StepParams = Type.Object({ placeId: uuid, bookingId: uuid, step: Type.Union([Type.Literal('angekommen'), Type.Literal('erledigt'), Type.Literal('nicht-erschienen')]) });
export const TicketEndParams = Type.Object({ placeId: uuid, ticketId: uuid, end: Type.Union([Type.Literal('erledigt'), Type.Literal('gegangen')]) });
export const NoticeQuery = Type.Object({ notice: Type.Optional(Type.String({ maxLength: 40 })), tag: Type.Optional(Type.String({ maxLength: 20 })), nummer: Type.Optional(Type.String({ maxLength: 40 })), zurueck: Type.Optional(Type.Literal('warteschlange')) });

export const dayForm = defineForm({
  id: 'appointments.staff-day',
  fields: { tag: { kind: 'date', label: 'appointments:staff.day.field' } },
});

export const blockForm = defineForm({
  id: 'appointments.staff-block',
  fields: {
    day: { kind: 'date', label: 'appointments:staff.block.day', required: true },
    from: { kind: 'time', label: 'appointments:staff.block.from', required: true },
    to: { kind: 'time', label: 'appointments:staff.block.to', required: true },
    counter: { kind: 'choice', label: 'appointments:staff.block.counter', widget: 'select', maxLength: 36 },
    reason: { kind: 'text', label: 'appointments:staff.block.reason', maxLength: 200 },
  },
});

export const ticketForm = defineForm({
  id: 'appointments.staff-ticket',
  fields: { services: { kind: 'choices', label: 'appointments:staff.queue.services', maxItems: 20, maxLength: 200 } },
});

export const callForm = defineForm({
  id: 'appointments.staff-call',
  fields: { counter: { kind: 'choice', label: 'appointments:staff.queue.counter', widget: 'select', required: true, maxLength: 36 } },
});

export const needsOptions = ['interpreter', 'step-free', 'more-time'] as const;

/** The phone booking's first step, a GET form: what the caller comes for, for how many persons. */
export const phoneSearchForm = defineForm({
  id: 'appointments.staff-phone-search',
  fields: {
    leistung: { kind: 'choices', label: 'appointments:staff.phone.services', required: true, maxItems: 10, maxLength: 200, messages: { required: 'appointments:staff.errors.servicesRequired' } },
    personen: { kind: 'integer', label: 'appointments:staff.phone.persons', required: true, min: 1, max: 10 },
  },
});

export const phoneBookForm = defineForm({
  id: 'appointments.staff-phone-book',
  once: true,
  fields: {
    ...phoneSearchForm.fields,
    start: { kind: 'choice', label: 'appointments:staff.phone.slot', required: true, maxLength: 40, messages: { 'required-choice': 'appointments:staff.errors.slotRequired' } },
    name: { kind: 'text', label: 'appointments:staff.phone.name', required: true, maxLength: 200, autocomplete: 'off' },
    phone: { kind: 'phone', label: 'appointments:staff.phone.phone', autocomplete: 'off' },
    email: { kind: 'email', label: 'appointments:staff.phone.email', maxLength: 254, autocomplete: 'off' },
    needs: { kind: 'choices', label: 'appointments:staff.needs.label', options: needsOptions.map((value) => ({ value, label: `appointments:staff.needs.${value}` })) },
    needsNote: { kind: 'textarea', label: 'appointments:staff.needs.note', maxLength: 500 },
  },
});
