import { DateTime } from 'luxon';
import { recordAudit } from '#kernel/audit.ts';
import { reindexInitiative } from '../search.ts';
import type { KernelContext } from '#kernel/context.ts';
import { parseDay } from '#kernel/dates.ts';
import type { FormValue } from '#kernel/forms/index.ts';
import { checkRule } from '../events/occurrences.ts';
import { insertEvent, writeOccurrences } from '../events/repo.ts';
import { initiativesDb } from '../repo.ts';
import type { Updateable } from 'kysely';
import type { EventRow, InitiativesTables } from '../tables.ts';
import type { AccessibilityFeature } from '../vocabulary.ts';
import type { eventForm, Repeat } from './forms.ts';
import { findDirectEvent } from './repo.ts';
import { subjectType, type Access, type Acting } from './service.ts';

/*
 * Events a maintainer enters directly. The form's day and times are Berlin wall-clock time; a repetition is
 * stored as an RRULE counted in that zone (so 19:00 stays 19:00 across summer time), days to skip as EXDATEs
 * at the event's start time on those days. Every write writes the occurrences in the same transaction.
 */

export const zone = 'Europe/Berlin';

type EventInput = FormValue<typeof eventForm>;
export type EventProblem = { field: keyof EventInput; code: string; values?: Record<string, string> };

const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** The rule for a repetition starting on `first`, ending with `lastDay` (inclusive, Berlin) if given. */
export function ruleOf(repeat: Repeat, first: DateTime, lastDay: string | null): string | null {
  if (repeat === 'none') return null;
  const until = lastDay ? `;UNTIL=${DateTime.fromISO(lastDay, { zone }).endOf('day').toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'")}` : '';
  switch (repeat) {
    case 'weekly':
      return `FREQ=WEEKLY${until}`;
    case 'biweekly':
      return `FREQ=WEEKLY;INTERVAL=2${until}`;
    case 'monthly': {
      // The same weekday of the month: the 2nd Tuesday, or the last one where the first day is the 5th of its kind.
      const nth = Math.ceil(first.day / 7);
      return `FREQ=MONTHLY;BYDAY=${nth === 5 ? -1 : nth}${weekdays[first.weekday - 1]}${until}`;
    }
  }
}

/** The repetition a stored rule was made from, to show the form again. */
export function repeatOf(rrule: string | null): Repeat {
  if (!rrule) return 'none';
  if (rrule.includes('FREQ=MONTHLY')) return 'monthly';
  return rrule.includes('INTERVAL=2') ? 'biweekly' : 'weekly';
}

export function lastDayOf(rrule: string | null): string | null {
  const until = rrule ? /UNTIL=(\d{8}T\d{6}Z)/.exec(rrule)?.[1] : undefined;
  return until ? DateTime.fromFormat(until, "yyyyMMdd'T'HHmmss'Z'", { zone: 'utc' }).setZone(zone).toISODate() : null;
}

type Timed = { startsAt: Date; endsAt: Date; rrule: string | null; exdates: Date[] };

/** Reads the form's days and times into instants and a rule, or the field that is wrong. */
export function timesOf(input: EventInput): { ok: true; times: Timed } | { ok: false; problem: EventProblem } {
  const start = DateTime.fromISO(`${input.day}T${input.startTime}`, { zone });
  const end = DateTime.fromISO(`${input.day}T${input.endTime}`, { zone });
  if (!start.isValid || !end.isValid) return { ok: false, problem: { field: 'startTime', code: 'initiatives:maintenance.errors.time' } };
  if (end <= start) return { ok: false, problem: { field: 'endTime', code: 'initiatives:maintenance.errors.endBeforeStart' } };
  const repeat = (input.repeat ?? 'none') as Repeat;
  if (input.lastDay && repeat === 'none') return { ok: false, problem: { field: 'lastDay', code: 'initiatives:maintenance.errors.lastDayWithoutRepeat' } };
  if (input.lastDay && input.lastDay < input.day) return { ok: false, problem: { field: 'lastDay', code: 'initiatives:maintenance.errors.lastDayBeforeFirst' } };
  const exdates: Date[] = [];
  for (const line of input.skipDays) {
    const day = parseDay(line);
    if (!day.ok) return { ok: false, problem: { field: 'skipDays', code: 'initiatives:maintenance.errors.skipDay', values: { day: line } } };
    exdates.push(DateTime.fromISO(`${day.day}T${input.startTime}`, { zone }).toJSDate());
  }
  const rrule = ruleOf(repeat, start, input.lastDay);
  if (rrule && checkRule(rrule, zone)) return { ok: false, problem: { field: 'repeat', code: 'initiatives:maintenance.errors.rule' } };
  return { ok: true, times: { startsAt: start.toJSDate(), endsAt: end.toJSDate(), rrule, exdates } };
}

function columnsOf(input: EventInput, times: Timed) {
  return {
    title: input.title,
    description: input.description,
    location: input.location || null,
    district: input.district || null,
    url: input.url || null,
    accessibility: input.accessibility as AccessibilityFeature[],
    starts_at: times.startsAt,
    ends_at: times.endsAt,
    all_day: false,
    time_zone: zone,
    rrule: times.rrule,
    exdates: times.exdates,
  };
}

/** Records a change of an event and, in its transaction, puts the entry's events in step in the search. */
async function audit(db: Parameters<typeof recordAudit>[0], acting: Acting, access: Access, action: string, eventId: string) {
  await recordAudit(db, { actor: acting.actor, requestId: acting.requestId ?? null }, { action: `initiatives.${action}`, subjectType, subjectId: access.initiativeId, meta: { maintainerId: access.maintainerId, eventId } });
  await reindexInitiative(db, access.initiativeId);
}

export async function addEvent(ctx: KernelContext, acting: Acting, access: Access, input: EventInput): Promise<{ ok: true; eventId: string } | { ok: false; problem: EventProblem }> {
  const read = timesOf(input);
  if (!read.ok) return read;
  const now = new Date();
  const event = await initiativesDb(ctx.db)
    .transaction()
    .execute(async (trx) => {
      const made = await insertEvent(trx, { initiative_id: access.initiativeId, ...columnsOf(input, read.times) }, now);
      await trx.updateTable('initiatives').set({ confirmed_current_at: now }).where('id', '=', access.initiativeId).execute();
      await audit(trx, acting, access, 'event-added', made.id);
      return made;
    });
  return { ok: true, eventId: event.id };
}

export async function findEvent(ctx: KernelContext, access: Access, eventId: string): Promise<EventRow | undefined> {
  return findDirectEvent(initiativesDb(ctx.db), access.initiativeId, eventId);
}

export async function updateEvent(ctx: KernelContext, acting: Acting, access: Access, eventId: string, input: EventInput): Promise<{ ok: true } | { ok: false; problem?: EventProblem; reason?: 'not-found' | 'cancelled' }> {
  const read = timesOf(input);
  if (!read.ok) return read;
  return changeEvent(ctx, acting, access, eventId, 'event-edited', columnsOf(input, read.times));
}

/** Cancels the event: it stays in calendars that imported it, marked cancelled (a higher SEQUENCE tells them). */
export async function cancelEvent(ctx: KernelContext, acting: Acting, access: Access, eventId: string): Promise<{ ok: true } | { ok: false; reason: 'not-found' | 'cancelled' }> {
  return changeEvent(ctx, acting, access, eventId, 'event-cancelled', { status: 'cancelled' });
}

/** A change of one of the entry's own events that is not cancelled: one sequence on, its occurrences again, audited. */
async function changeEvent(ctx: KernelContext, acting: Acting, access: Access, eventId: string, action: 'event-edited' | 'event-cancelled', values: Updateable<InitiativesTables['initiative_events']>) {
  const now = new Date();
  return initiativesDb(ctx.db)
    .transaction()
    .execute(async (trx) => {
      const event = await findDirectEvent(trx, access.initiativeId, eventId);
      if (!event) return { ok: false as const, reason: 'not-found' as const };
      if (event.status === 'cancelled') return { ok: false as const, reason: 'cancelled' as const };
      const updated = await trx
        .updateTable('initiative_events')
        .set({ ...values, sequence: event.sequence + 1, updated_at: now })
        .where('id', '=', event.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await writeOccurrences(trx, updated, now);
      await audit(trx, acting, access, action, event.id);
      return { ok: true as const };
    });
}
