import { recordAudit } from '#kernel/audit.ts';
import { actorId, type Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { uidFor } from '#kernel/ical/ical.ts';
import { freeSlots, nextFreeDays, type DaySlots, type SlotProblem } from './calendar/index.ts';
import { appointmentBooked } from './events.ts';
import { confirmForCaller, staffDb } from './repo.staff.ts';
import { placeCalendar } from './service.calendar.ts';
import { holdTime } from './service.hold.ts';
import { placeForStaff, serviceTitles } from './service.staff.ts';

/** How many days with a free time the clerk is offered at once. */
const daysOffered = 3;

/** The services a place offers, by catalogue title, for the clerk to choose from. */
export async function phoneChoices(ctx: KernelContext, actor: Actor, placeId: string) {
  const place = await placeForStaff(ctx, actor, placeId);
  if (!place) return null;
  const calendar = await placeCalendar(ctx, place.id);
  const slugs = calendar ? calendar.query([]).services.map((service) => service.id) : [];
  const titles = await serviceTitles(ctx, slugs);
  return { place, services: slugs.map((slug) => ({ slug, title: titles.get(slug) ?? slug })) };
}

export type OfferResult = { ok: true; days: DaySlots[] } | { ok: false; reason: 'not-found' } | { ok: false; reason: 'request'; problem: SlotProblem };

/** The free times of the next days that have any, for the services and persons a caller asks for. */
export async function offerTimes(ctx: KernelContext, actor: Actor, placeId: string, services: readonly string[], persons: number, now = new Date()): Promise<OfferResult> {
  const place = await placeForStaff(ctx, actor, placeId);
  const calendar = place ? await placeCalendar(ctx, place.id, now) : null;
  if (!calendar) return { ok: false, reason: 'not-found' };
  const query = calendar.query(services.map((serviceId) => ({ serviceId, persons })));
  const next = nextFreeDays(query, { limit: daysOffered });
  if (!next.ok) return { ok: false, reason: 'request', problem: next.problem };
  const first = next.days[0]?.date;
  const last = next.days.at(-1)?.date;
  if (!first || !last) return { ok: true, days: [] };
  const free = freeSlots(query, { from: first, to: last });
  if (!free.ok) return { ok: false, reason: 'request', problem: free.problem };
  return { ok: true, days: free.days.filter((day) => day.slots.length > 0) };
}

export interface CallerBooking {
  services: readonly string[];
  persons: number;
  start: Date;
  name: string;
  phone: string | null;
  email: string | null;
  needs: readonly string[];
  needsNote: string | null;
}

export type PhoneBookResult =
  | { ok: true; reference: string; bookingId: string }
  | { ok: false; reason: 'not-found' | 'not-offered' | 'taken' | 'contact' }
  | { ok: false; reason: 'request'; problem: SlotProblem };

/**
 * Books a time for a caller at once: held through the same path as online (so only a time the calendar
 * offers, on a counter still free), then made a booking confirmed by staff, with the event that sends the
 * confirmation and the audit record in one transaction.
 */
export async function bookForCaller(ctx: KernelContext, actor: Actor, placeId: string, input: CallerBooking, now = new Date()): Promise<PhoneBookResult> {
  const place = await placeForStaff(ctx, actor, placeId);
  if (!place) return { ok: false, reason: 'not-found' };
  if (!input.phone && !input.email) return { ok: false, reason: 'contact' };
  const request = input.services.map((serviceId) => ({ serviceId, persons: input.persons }));
  const held = await holdTime(ctx, { locationId: place.id, request, start: input.start, channel: 'phone', userId: null, createdBy: `staff:${actorId(actor) ?? ''}` }, now);
  if (!held.ok) return held.reason === 'request' ? { ok: false, reason: 'request', problem: held.problem } : { ok: false, reason: held.reason === 'unknown-place' ? 'not-found' : held.reason };
  const booking = held.booking;
  return ctx.db.transaction().execute(async (trx) => {
    const made = await confirmForCaller(
      staffDb(trx),
      booking.id,
      { name: input.name, phone: input.phone, email: input.email, needs: [...input.needs], needsNote: input.needsNote, calendarUid: uidFor(booking.id, ctx.config.PUBLIC_URL) },
      now,
    );
    if (!made) return { ok: false, reason: 'taken' } as const;
    await ctx.events.publish(trx, appointmentBooked, {
      bookingId: booking.id,
      locationId: booking.location_id,
      counterId: booking.counter_id,
      startsAt: booking.starts_at.toISOString(),
      endsAt: booking.ends_at.toISOString(),
      channel: 'phone',
      services: [...input.services],
    });
    await recordAudit(trx, { actor }, { action: 'appointments.booked-for-caller', subjectType: 'appointments.booking', subjectId: booking.id, meta: { reference: booking.reference } });
    return { ok: true, reference: booking.reference, bookingId: booking.id } as const;
  });
}
