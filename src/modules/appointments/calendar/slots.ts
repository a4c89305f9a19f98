import { addDays, isCalendarDay } from '#kernel/calendar.ts';
import { indexBusy } from './busy.ts';
import { slotsOn, type DayRequest } from './day.ts';
import { checkRequest } from './duration.ts';
import type { BookingWindow, Day, DaySlots, Slot, SlotProblem, SlotQuery, SlotResult } from './types.ts';
import { bookingWindow } from './window.ts';

/*
 * The engine's two questions: which slots are free on these days, and which are the next days with anything
 * free at all (the booking page shows those at once, so nobody clicks through empty days one by one).
 */

/** Most days one "next free days" answer lists; more is a page nobody reads and work for nothing. */
export const MAX_FREE_DAYS = 60;

export interface FreeSlots {
  durationMinutes: number;
  /** Null when the services leave no common day (one opens 30 days ahead, the other only 14). */
  window: BookingWindow | null;
  /** Every day of the asked range inside the window, in order; a closed or full day has no slots. */
  days: DaySlots[];
}

export interface FreeDay {
  date: Day;
  first: Slot;
  /** How many start times are free that day. */
  free: number;
}

export interface NextFreeDays {
  durationMinutes: number;
  window: BookingWindow | null;
  days: FreeDay[];
}

type Prepared = { ok: true; durationMinutes: number; window: BookingWindow | null; day: DayRequest } | { ok: false; problem: SlotProblem };

function prepare(query: SlotQuery): Prepared {
  const { location } = query;
  const checked = checkRequest(query.request, query.services, location.counters, location.gridMinutes);
  if (!checked.ok) return checked;
  const { services, minutes, counters } = checked.value;
  const window = bookingWindow(services, query.now);
  const busy = indexBusy(query.busy, counters.map((counter) => counter.id));
  const earliestStart = (window?.earliestStart ?? query.now).getTime();
  return { ok: true, durationMinutes: minutes, window, day: { location, counters, minutes, busy, earliestStart } };
}

function* daysOf(first: Day, last: Day): Generator<Day> {
  for (let date = first; date <= last; date = addDays(date, 1)) yield date;
}

/** The free slots of each day from `range.from` to `range.to` (both optional, both inclusive), within the window. */
export function freeSlots(query: SlotQuery, range: { from?: Day; to?: Day } = {}): SlotResult<FreeSlots> {
  for (const day of [range.from, range.to]) if (day !== undefined && !isCalendarDay(day)) return { ok: false, problem: { reason: 'invalid-day', day } };
  const prepared = prepare(query);
  if (!prepared.ok) return prepared;
  const { durationMinutes, window, day } = prepared;
  if (!window) return { ok: true, durationMinutes, window, days: [] };
  const first = range.from && range.from > window.first ? range.from : window.first;
  const last = range.to && range.to < window.last ? range.to : window.last;
  const days = [...daysOf(first, last)].map((date) => ({ date, slots: slotsOn(date, day) }));
  return { ok: true, durationMinutes, window, days };
}

/** The first `limit` days of the window with a free slot, each with its first free slot. */
export function nextFreeDays(query: SlotQuery, options: { limit: number }): SlotResult<NextFreeDays> {
  const { limit } = options;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_FREE_DAYS) return { ok: false, problem: { reason: 'invalid-limit', limit } };
  const prepared = prepare(query);
  if (!prepared.ok) return prepared;
  const { durationMinutes, window, day } = prepared;
  const days: FreeDay[] = [];
  if (window) {
    for (const date of daysOf(window.first, window.last)) {
      const slots = slotsOn(date, day);
      const [first] = slots;
      if (first) days.push({ date, first, free: slots.length });
      if (days.length === limit) break;
    }
  }
  return { ok: true, durationMinutes, window, days };
}
