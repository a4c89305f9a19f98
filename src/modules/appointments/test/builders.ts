import type { KernelContext } from '#kernel/context.ts';
import { newReference } from '#kernel/reference.ts';
import type { Break, WeeklyPeriod } from '../calendar/types.ts';
import { holdFreeCounter, type NewHold } from '../repo.bookings.ts';
import { appointmentsDb } from '../repo.ts';

let made = 0;

/** A Bürgerbüro-like place with the given number of counters, each serving the given services. */
export async function buildLocation(
  ctx: Pick<KernelContext, 'db'>,
  options: { counters?: number; services?: string[]; name?: string; hours?: WeeklyPeriod[]; breaks?: Break[]; slotMinutes?: number } = {},
) {
  made += 1;
  const db = appointmentsDb(ctx.db);
  const location = await db
    .insertInto('appointment_locations')
    .values({
      kind: 'counter',
      name: options.name ?? `Bürgerbüro ${made}`,
      // Monday to Friday, 8 to 12, unless the test says otherwise.
      hours: JSON.stringify(options.hours ?? [1, 2, 3, 4, 5].map((day) => ({ day, opens: '08:00', closes: '12:00' }))),
      breaks: JSON.stringify(options.breaks ?? []),
      slot_minutes: options.slotMinutes ?? 15,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const services = options.services ?? ['personalausweis'];
  const counters = [];
  for (let index = 1; index <= (options.counters ?? 1); index += 1) {
    counters.push(
      await db
        .insertInto('appointment_counters')
        .values({ location_id: location.id, name: `Schalter ${index}`, services })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
  }
  for (const service of services) {
    await db.insertInto('appointment_services').values({ location_id: location.id, service_slug: service, minutes_per_person: 15 }).execute();
  }
  return { location, counters };
}

/** A hold as the booking makes it, with the given times; more fields may be overridden. */
export function holdAt(locationId: string, startsAt: Date, minutes: number, overrides: Partial<NewHold> = {}): NewHold {
  return {
    reference: newReference('T'),
    locationId,
    startsAt,
    endsAt: new Date(startsAt.getTime() + minutes * 60_000),
    holdExpiresAt: new Date(Date.now() + 10 * 60_000),
    services: [{ serviceId: 'personalausweis', persons: 1 }],
    channel: 'online',
    userId: null,
    secretHash: 'a'.repeat(64),
    createdBy: 'test',
    ...overrides,
  };
}

/** Holds the time on one of the location's counters, failing the test when none is free. */
export async function buildHold(ctx: Pick<KernelContext, 'db'>, counterIds: readonly string[], hold: NewHold) {
  const held = await holdFreeCounter(appointmentsDb(ctx.db), hold, counterIds);
  if (!held) throw new Error('No counter was free for the hold');
  return held;
}
