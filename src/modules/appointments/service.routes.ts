import { sql } from 'kysely';
import type { KernelContext } from '#kernel/context.ts';
import type { Trx } from '#kernel/db/database.ts';
import { subscribe } from '#kernel/events/define.ts';
import type { ServiceRoute, ServiceRoutes } from '#kernel/module.ts';
import { currentMinute } from '#kernel/page-cache/store.ts';
import { appointmentBooked, appointmentTimeFreed } from './events.ts';
import { availabilityScope } from './repo.ts';
import { earliestByService, nextFreeOfPlaces } from './service.next-free.ts';

export { availabilityScope };

export const bookingHref = (slug: string) => `/termine/buchen?${new URLSearchParams({ leistung: slug }).toString()}`;

/**
 * The booking link for every service offered at an active place, with its next free day. Read once per change
 * of availability, and at least once a minute besides: a hold takes a time without an event, a day rolls
 * over and the booking window moves on, and `remember` alone has no time limit, so the minute is in its key.
 */
export function appointmentRoutes(ctx: KernelContext): Promise<ReadonlyMap<string, readonly ServiceRoute[]>> {
  return ctx.content.remember([availabilityScope], `appointments:service-routes:${currentMinute()}`, async () => {
    const earliest = earliestByService(await nextFreeOfPlaces(ctx));
    const routes = new Map<string, ServiceRoute[]>();
    for (const [slug, day] of earliest) {
      const note = day ? { key: 'appointments:figures.serviceRoute.nextFree', days: { day } } : { key: 'appointments:figures.serviceRoute.noneFree' };
      routes.set(slug, [{ kind: 'appointment', href: bookingHref(slug), note }]);
    }
    return routes;
  });
}

export const serviceRoutes: ServiceRoutes = { scopes: [availabilityScope], load: appointmentRoutes };

/** Announces the change to every process at commit, the way the tables' triggers announce theirs. */
async function announceAvailability(trx: Trx): Promise<void> {
  await sql`select pg_notify('content_changed', ${availabilityScope} || ' ' || txid_current())`.execute(trx);
}

export const availabilitySubscriptions = [
  subscribe(appointmentBooked, 'appointments.availability-on-booking', (_event, trx) => announceAvailability(trx)),
  subscribe(appointmentTimeFreed, 'appointments.availability-on-freed-time', (_event, trx) => announceAvailability(trx)),
];
