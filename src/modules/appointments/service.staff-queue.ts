import { recordAudit } from '#kernel/audit.ts';
import { actorId, type Actor } from '#kernel/auth/actor.ts';
import { berlinDay, todayInBerlin } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import { callBooking, calledBookings, callTicket, closeTicket, insertTicket, lastCalled, ticketOfPlace, ticketsOfDay, waitingAt } from './repo.staff-queue.ts';
import { countersOf, placeById, staffDb, type Ticket, type TicketStatus } from './repo.staff.ts';
import { placeForStaff } from './service.staff.ts';

/** How a waiting number is shown and called out: `A 017`. */
export const ticketLabel = (number: number) => `A ${String(number).padStart(3, '0')}`;

/** How a booked person is called on the display: the reference's first part (`T-7K3M`), which only they hold. */
export const bookingLabel = (reference: string) => reference.split('-').slice(0, 2).join('-');

export interface QueueEntry {
  kind: 'booking' | 'ticket';
  id: string;
  label: string;
  /** When the person came (arrived at the desk, or took a number). */
  since: Date;
  /** The booked time, for booked people. */
  startsAt: Date | null;
  services: string[];
}

/**
 * The order of one queue: a booked person whose time has come goes first (by booked time), since they
 * planned for it; everyone else (walk-ins, and booked people who came early) by when they came.
 */
export function queueOrder(entries: readonly QueueEntry[], now: Date): QueueEntry[] {
  const due = (entry: QueueEntry) => entry.startsAt !== null && entry.startsAt <= now;
  return [...entries].sort((a, b) => {
    if (due(a) !== due(b)) return due(a) ? -1 : 1;
    if (due(a)) return a.startsAt!.getTime() - b.startsAt!.getTime();
    return a.since.getTime() - b.since.getTime();
  });
}

async function queueOf(ctx: Pick<KernelContext, 'db'>, placeId: string, now: Date): Promise<QueueEntry[]> {
  const day = todayInBerlin(now);
  const { from, to } = berlinDay(day);
  const { booked, walkIns } = await waitingAt(staffDb(ctx.db), placeId, day, from, to);
  const entries: QueueEntry[] = [
    ...booked.map((booking) => ({ kind: 'booking' as const, id: booking.id, label: bookingLabel(booking.reference), since: booking.arrived_at ?? booking.starts_at, startsAt: booking.starts_at, services: booking.services.map((service) => service.serviceId) })),
    ...walkIns.map((ticket) => ({ kind: 'ticket' as const, id: ticket.id, label: ticketLabel(ticket.number), since: ticket.created_at, startsAt: null, services: ticket.services })),
  ];
  return queueOrder(entries, now);
}

/** How a number may end from each status: served once called, gone while waiting or called. */
const ticketEnds: Record<TicketStatus, ('served' | 'gone')[]> = { waiting: ['gone'], called: ['served', 'gone'], served: [], gone: [] };

export type QueueTicket = Ticket & { label: string; ends: ('served' | 'gone')[] };

/** Today's queue of a place the clerk serves, its counters and today's numbers. */
export async function queueForStaff(ctx: KernelContext, actor: Actor, placeId: string, now = new Date()) {
  const place = await placeForStaff(ctx, actor, placeId);
  if (!place) return null;
  const db = staffDb(ctx.db);
  const day = todayInBerlin(now);
  const { from, to } = berlinDay(day);
  const [queue, counters, tickets, called] = await Promise.all([queueOf(ctx, place.id, now), countersOf(db, place.id), ticketsOfDay(db, place.id, day), calledBookings(db, place.id, from, to)]);
  return {
    place,
    queue,
    counters,
    tickets: tickets.map((ticket) => ({ ...ticket, label: ticketLabel(ticket.number), ends: ticketEnds[ticket.status] })),
    called: called.map((booking) => ({ ...booking, label: bookingLabel(booking.reference) })),
  };
}

/** Gives a walk-in the next number of the day at a place. */
export async function issueTicket(ctx: KernelContext, actor: Actor, placeId: string, services: readonly string[], now = new Date()) {
  const place = await placeForStaff(ctx, actor, placeId);
  if (!place) return { ok: false, reason: 'not-found' } as const;
  const offered = new Set((await countersOf(staffDb(ctx.db), place.id)).flatMap((counter) => counter.services));
  if (services.some((service) => !offered.has(service))) return { ok: false, reason: 'unknown-service' } as const;
  return ctx.db.transaction().execute(async (trx) => {
    const ticket = await insertTicket(staffDb(trx), { locationId: place.id, day: todayInBerlin(now), services, createdBy: `staff:${actorId(actor) ?? ''}`, now });
    await recordAudit(trx, { actor }, { action: 'appointments.ticket-issued', subjectType: 'appointments.location', subjectId: place.id, meta: { number: ticket.number } });
    return { ok: true, label: ticketLabel(ticket.number) } as const;
  });
}

export type CallResult = { ok: true; label: string } | { ok: false; reason: 'not-found' | 'unknown-counter' | 'empty' };

/**
 * Calls the head of the queue to a counter. Two counters calling at once take two different people: a
 * call counts only if the person was still waiting, else the next is taken.
 */
export async function callNext(ctx: KernelContext, actor: Actor, placeId: string, counterId: string, now = new Date()): Promise<CallResult> {
  const place = await placeForStaff(ctx, actor, placeId);
  if (!place) return { ok: false, reason: 'not-found' };
  const counters = await countersOf(staffDb(ctx.db), place.id);
  if (!counters.some((counter) => counter.id === counterId)) return { ok: false, reason: 'unknown-counter' };
  for (const head of await queueOf(ctx, place.id, now)) {
    const called = await ctx.db.transaction().execute(async (trx) => {
      const db = staffDb(trx);
      const taken = head.kind === 'booking' ? await callBooking(db, head.id, counterId, now) : await callTicket(db, head.id, counterId, now);
      if (taken) {
        const subjectType = head.kind === 'booking' ? 'appointments.booking' : 'appointments.ticket';
        await recordAudit(trx, { actor }, { action: 'appointments.called', subjectType, subjectId: head.id, meta: { label: head.label, counterId } });
      }
      return taken;
    });
    if (called) return { ok: true, label: head.label };
  }
  return { ok: false, reason: 'empty' };
}

/** Ends a walk-in's number: served at the counter, or gone. */
export async function endTicket(ctx: KernelContext, actor: Actor, placeId: string, ticketId: string, status: 'served' | 'gone', now = new Date()) {
  const place = await placeForStaff(ctx, actor, placeId);
  if (!place) return { ok: false, reason: 'not-found' } as const;
  return ctx.db.transaction().execute(async (trx) => {
    const db = staffDb(trx);
    if (!(await ticketOfPlace(db, place.id, ticketId))) return { ok: false, reason: 'not-found' } as const;
    const closed = await closeTicket(db, ticketId, status, now);
    if (!closed) return { ok: false, reason: 'invalid-transition' } as const;
    await recordAudit(trx, { actor }, { action: `appointments.ticket-${status}`, subjectType: 'appointments.ticket', subjectId: ticketId, meta: { number: closed.number } });
    return { ok: true, label: ticketLabel(closed.number) } as const;
  });
}

export interface DisplayState {
  place: string;
  /** Newest first: what was called to which counter. No names, nothing but numbers and counters. */
  called: { label: string; counter: string; at: string }[];
  waiting: number;
}

/** What the public call display of a place shows; null for a place that does not exist. */
export async function displayState(ctx: Pick<KernelContext, 'db'>, placeId: string, now = new Date()): Promise<DisplayState | null> {
  const db = staffDb(ctx.db);
  const place = await placeById(db, placeId);
  if (!place) return null;
  const day = todayInBerlin(now);
  const [called, queue] = await Promise.all([lastCalled(db, place.id, day, berlinDay(day).from, 6), queueOf(ctx, place.id, now)]);
  return {
    place: place.name,
    called: called.map((row) => ({ label: row.kind === 'ticket' ? ticketLabel(row.number ?? 0) : bookingLabel(row.label), counter: row.counter, at: row.calledAt.toISOString() })),
    waiting: queue.length,
  };
}
