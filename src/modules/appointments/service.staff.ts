import { recordAudit } from '#kernel/audit.ts';
import type { Actor } from '#kernel/auth/actor.ts';
import { berlinDay } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import { publishedOffice, publishedService } from '#modules/catalog/index.ts';
import { appointmentsPermissions } from './permissions.ts';
import type { BookedService } from './repo.ts';
import { activePlaces, blocksBetween, bookingOfPlace, bookingsBetween, countersOf, moveBooking, placeById, staffDb, type DayBooking } from './repo.staff.ts';

const { serveCounters } = appointmentsPermissions;

export type StaffPlace = NonNullable<Awaited<ReturnType<typeof placeById>>>;

/**
 * Whether the clerk serves the counters of a place: a clerk is bound to catalogue offices (by id), a place
 * names its office by slug. A place without an office (video, phone) belongs to no office a clerk could be
 * bound to, so no clerk sees it here.
 */
async function mayServe(ctx: KernelContext, actor: Actor, place: { office_slug: string | null }): Promise<boolean> {
  if (!place.office_slug) return false;
  const office = await publishedOffice(ctx, place.office_slug);
  return office !== null && ctx.permissions.can(actor, serveCounters, { kind: 'office', id: office.id });
}

/** The places whose counters the clerk serves. */
export async function placesForStaff(ctx: KernelContext, actor: Actor): Promise<StaffPlace[]> {
  ctx.permissions.require(actor, serveCounters, 'anywhere');
  const places = await activePlaces(staffDb(ctx.db));
  const allowed = await Promise.all(places.map((place) => mayServe(ctx, actor, place)));
  return places.filter((_, index) => allowed[index]);
}

/** A place the clerk serves, or null for one that does not exist or is another office's: both look alike. */
export async function placeForStaff(ctx: KernelContext, actor: Actor, placeId: string): Promise<StaffPlace | null> {
  ctx.permissions.require(actor, serveCounters, 'anywhere');
  const place = await placeById(staffDb(ctx.db), placeId);
  return place && (await mayServe(ctx, actor, place)) ? place : null;
}

/** The catalogue titles of services by slug; a service no longer published keeps its slug. */
export async function serviceTitles(ctx: KernelContext, slugs: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(slugs)];
  const views = await Promise.all(unique.map((slug) => publishedService(ctx, slug)));
  return new Map(unique.map((slug, index) => [slug, views[index]?.content.title ?? slug]));
}

export interface DayRow extends DayBooking {
  /** The services by catalogue title, each with its number of persons. */
  lines: { title: string; persons: number }[];
  /** The steps the clerk may take now. */
  actions: BookingStep[];
}

/**
 * A place's day at its counters: each booking with who comes, for what and what they need, and the blocked
 * times. Reading it shows names, so it is recorded (about many people at once, without a data subject).
 */
export async function dayForStaff(ctx: KernelContext, actor: Actor, placeId: string, day: string, now = new Date()) {
  const place = await placeForStaff(ctx, actor, placeId);
  if (!place) return null;
  const db = staffDb(ctx.db);
  const { from, to } = berlinDay(day);
  const [counters, bookings, blocks] = await Promise.all([countersOf(db, place.id), bookingsBetween(db, place.id, from, to), blocksBetween(db, place.id, from, to)]);
  const titles = await serviceTitles(ctx, bookings.flatMap((booking) => booking.services.map((service: BookedService) => service.serviceId)));
  await recordAudit(ctx.db, { actor }, { action: 'appointments.day-viewed', subjectType: 'appointments.location', subjectId: place.id, meta: { day, shown: bookings.length } });
  const rows: DayRow[] = bookings.map((booking) => ({
    ...booking,
    lines: booking.services.map((service) => ({ title: titles.get(service.serviceId) ?? service.serviceId, persons: service.persons })),
    actions: stepsFor(booking, now),
  }));
  return { place, counters, rows, blocks };
}

export type BookingStep = 'arrived' | 'served' | 'no-show';
export type StepResult = { ok: true; reference: string } | { ok: false; reason: 'not-found' | 'invalid-transition' | 'too-early' };

/** booked → arrived → served, or booked → no_show once the time has begun; anything else is refused. */
const steps = {
  arrived: { from: 'booked', to: 'arrived' },
  served: { from: 'arrived', to: 'served' },
  'no-show': { from: 'booked', to: 'no_show' },
} as const;

function stepsFor(booking: { status: string; starts_at: Date }, now: Date): BookingStep[] {
  return (Object.keys(steps) as BookingStep[]).filter((step) => steps[step].from === booking.status && (step !== 'no-show' || booking.starts_at <= now));
}

/** Marks a booking of a place the clerk serves, with the time of the step and an audit record in one transaction. */
export async function markBooking(ctx: KernelContext, actor: Actor, placeId: string, bookingId: string, step: BookingStep, now = new Date()): Promise<StepResult> {
  const place = await placeForStaff(ctx, actor, placeId);
  if (!place) return { ok: false, reason: 'not-found' };
  return ctx.db.transaction().execute(async (trx) => {
    const db = staffDb(trx);
    const booking = await bookingOfPlace(db, place.id, bookingId);
    if (!booking) return { ok: false, reason: 'not-found' } as const;
    const { from, to } = steps[step];
    if (booking.status !== from) return { ok: false, reason: 'invalid-transition' } as const;
    if (step === 'no-show' && booking.starts_at > now) return { ok: false, reason: 'too-early' } as const;
    const times = step === 'arrived' ? { arrived_at: now } : step === 'served' ? { served_at: now } : {};
    const moved = await moveBooking(db, booking.id, from, { status: to, ...times }, now);
    if (!moved) return { ok: false, reason: 'invalid-transition' } as const;
    await recordAudit(trx, { actor }, { action: `appointments.booking-${step}`, subjectType: 'appointments.booking', subjectId: booking.id, dataSubjectId: booking.user_id, meta: { reference: booking.reference } });
    return { ok: true, reference: booking.reference } as const;
  });
}
