import { sql } from 'kysely';
import type { KernelContext } from '#kernel/context.ts';
import { newReference } from '#kernel/reference.ts';
import { buildStaff, signInStaff } from '#modules/accounts/test/builders.ts';
import { buildOffice, buildService } from '#modules/catalog/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import type { TestPlatform } from '#test/platform.ts';
import { counterClerk } from '../permissions.ts';
import { appointmentsDb, type BookingStatus } from '../repo.ts';
import { buildHold, buildLocation, holdAt } from './builders.ts';

/*
 * What the counter staff's tests share: a catalogue office with a place and a published service, clerks of
 * that office signed in through the real login, and bookings made as the booking pages make them.
 */

/** An office open every day 07:00–20:00 (so tests run on any day), its place with two counters and one service. */
export async function buildOfficePlace(ctx: KernelContext, name = 'Bürgerbüro Test') {
  const office = await buildOffice(ctx, { title: `Amt ${name}`, hours: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens: '07:00', closes: '20:00' })), closedOnHolidays: false });
  const service = await buildService(ctx, { title: 'Personalausweis beantragen', officeId: office.id });
  const { location, counters } = await buildLocation(ctx, { counters: 2, services: [service.slug], name, hours: [] });
  await appointmentsDb(ctx.db).updateTable('appointment_locations').set({ office_slug: office.slug }).where('id', '=', location.id).execute();
  return { office, service, location, counters };
}

export interface Clerk {
  userId: string;
  client: FormClient;
}

/** A counter clerk of an office, signed in with the second factor. */
export async function clerkOf(platform: TestPlatform, officeId: string): Promise<Clerk> {
  const staff = await buildStaff(platform.ctx, [{ role: counterClerk, scopeKind: 'office', scopeId: officeId }]);
  const client = new FormClient(platform.app);
  await signInStaff(client, staff);
  return { userId: staff.user.id, client };
}

/** A booking made (held, then booked) on a counter at a time, with a person's name and needs. */
export async function buildBooking(
  ctx: KernelContext,
  place: { location: { id: string }; counters: { id: string }[]; service: { slug: string } },
  startsAt: Date,
  options: { counter?: number; status?: BookingStatus; name?: string; needs?: string[]; needsNote?: string; arrivedAt?: Date; minutes?: number } = {},
) {
  const counter = place.counters[options.counter ?? 0]!;
  const held = await buildHold(ctx, [counter.id], holdAt(place.location.id, startsAt, options.minutes ?? 15, { reference: newReference('T'), services: [{ serviceId: place.service.slug, persons: 2 }] }));
  return appointmentsDb(ctx.db)
    .updateTable('appointment_bookings')
    .set({
      status: options.status ?? 'booked',
      hold_expires_at: null,
      name: options.name ?? 'Erika Mustermann',
      needs: options.needs ?? [],
      needs_note: options.needsNote ?? null,
      arrived_at: options.arrivedAt ?? null,
      confirmed_by: 'email',
    })
    .where('id', '=', held.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** How many audit records of an action a person wrote. */
export async function auditCount(ctx: KernelContext, action: string, actorId: string): Promise<number> {
  const { rows } = await sql<{ count: string }>`select count(*) from audit_log where action = ${action} and actor_id = ${actorId}`.execute(ctx.db);
  return Number(rows[0]!.count);
}
