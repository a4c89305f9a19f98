import type { KernelContext } from '#kernel/context.ts';
import { holidaysFor } from '#kernel/holidays/holidays.ts';
import { hoursOn, publishedOffice } from '#modules/catalog/index.ts';
import type { Location as EngineLocation, OpenPeriod, RequestedService, ServiceRules, SlotQuery } from './calendar/index.ts';
import { appointmentsDb, availabilityScope, busyBetween, busyInWindow, findPlace, type Location } from './repo.ts';

/**
 * How the place's days open: its own week where it has one (a video or phone place, which its office runs
 * beside the counter, closed on public holidays as the offices are), otherwise the catalogue office's hours
 * with their holidays, closing days and exceptions.
 */
async function openingOf(ctx: KernelContext, location: Location): Promise<(date: string) => readonly OpenPeriod[]> {
  const holidays = holidaysFor(ctx.config);
  const office = !location.hours?.length && location.office_slug ? await publishedOffice(ctx, location.office_slug) : null;
  if (office) return (date) => hoursOn(office.content, date, holidays).periods;
  const week = location.hours ?? [];
  return (date) => hoursOn({ hours: week, exceptions: [], closedOnHolidays: true, closingDays: [] }, date, holidays).periods;
}

export interface PlaceCalendar {
  location: Location;
  /** Everything the slot engine needs but the request. */
  query: (request: readonly RequestedService[]) => SlotQuery;
}

/**
 * A place's calendar as the slot engine reads it, with what keeps its counters busy from now to the end of
 * its longest booking window, or within `busyIn` when the caller asks about those instants only (a single
 * day); null for a place that does not exist or takes no bookings.
 */
export async function placeCalendar(ctx: KernelContext, locationId: string, now = new Date(), busyIn?: { from: Date; to: Date }): Promise<PlaceCalendar | null> {
  const db = appointmentsDb(ctx.db);
  // The place, its counters and services change when staff change them, and then the tables' trigger tells
  // every process (`appointments-availability`); what keeps the counters busy is read fresh each time, at
  // once with the place, its statement reckoning the window's end from the services itself.
  const [place, busy] = await Promise.all([
    ctx.content.remember([availabilityScope], `appointments:place:${locationId}`, () => findPlace(db, locationId)),
    busyIn ? busyBetween(db, locationId, busyIn.from, busyIn.to, now) : busyInWindow(db, locationId, now),
  ]);
  if (!place) return null;
  const services: ServiceRules[] = place.services.map((service) => ({
    id: service.service_slug,
    minutesPerPerson: service.minutes_per_person,
    startInDays: service.start_in_days,
    horizonDays: service.horizon_days,
    release: service.release_time ? { time: service.release_time } : undefined,
    leadMinutes: service.lead_minutes,
    maxPersons: service.max_persons,
  }));
  const openOn = await openingOf(ctx, place.location);
  const location: EngineLocation = {
    openOn,
    breaks: place.location.breaks,
    gridMinutes: place.location.slot_minutes,
    counters: place.counters.map((counter) => ({ id: counter.id, services: counter.services, hours: counter.hours ?? undefined })),
  };
  return { location: place.location, query: (request) => ({ location, services, request, busy, now }) };
}
