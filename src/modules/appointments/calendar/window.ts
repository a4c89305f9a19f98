import { addDays, todayInBerlin } from '#kernel/calendar.ts';
import { berlinInstant } from '#modules/catalog/index.ts';
import type { BookingWindow, ServiceRules } from './types.ts';

/*
 * The days a request may be booked on: each service has its own window (earliest day, horizon, release time,
 * lead time), and a visit for several services must fit all of them, so the request gets their intersection.
 */

/** The latest bookable day of a service: the horizon's last day only once today's release time has passed. */
export function lastBookableDay(service: ServiceRules, today: string, now: Date): string {
  const released = !service.release || now.getTime() >= berlinInstant(today, service.release.time).getTime();
  return addDays(today, released ? service.horizonDays : service.horizonDays - 1);
}

/** The window every service of the request allows, or null when they leave no day in common. */
export function bookingWindow(services: readonly ServiceRules[], now: Date): BookingWindow | null {
  const today = todayInBerlin(now);
  let first = today;
  let last: string | undefined;
  let leadMinutes = 0;
  for (const service of services) {
    const earliest = addDays(today, service.startInDays);
    const latest = lastBookableDay(service, today, now);
    if (earliest > first) first = earliest;
    if (last === undefined || latest < last) last = latest;
    leadMinutes = Math.max(leadMinutes, service.leadMinutes ?? 0);
  }
  if (last === undefined || first > last) return null;
  return { first, last, earliestStart: new Date(now.getTime() + leadMinutes * 60_000) };
}
