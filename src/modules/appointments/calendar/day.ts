import type { BusyIndex } from './busy.ts';
import { weekdayOf } from '#kernel/calendar.ts';
import { dayClock, toWallTime } from './clock.ts';
import { counterRanges, locationRanges } from './periods.ts';
import type { Counter, Day, Location, Slot } from './types.ts';

/*
 * The free slots of one day. Each qualifying counter offers starts on the grid from the opening of each of
 * its open ranges; a start is free at a counter when the whole visit fits the range and no busy time of that
 * counter (or of the whole location) overlaps it. Starts are then gathered by time, so the page shows 09:10
 * once and the booking picks one of the counters free for it.
 */

export interface DayRequest {
  location: Location;
  counters: readonly Counter[];
  minutes: number;
  busy: BusyIndex;
  /** No slot starts before this instant (now plus the lead time). */
  earliestStart: number;
}

const msPerMinute = 60_000;

export function slotsOn(date: Day, request: DayRequest): Slot[] {
  const { location, counters, minutes, busy, earliestStart } = request;
  const weekday = weekdayOf(date);
  const open = locationRanges(location.openOn(date), location.breaks, weekday);
  if (open.length === 0) return [];
  const clock = dayClock(date);
  const length = minutes * msPerMinute;
  const byStart = new Map<number, { start: number; counters: string[] }>();
  for (const counter of counters) {
    for (const [from, to] of counterRanges(open, counter, weekday)) {
      // A visit lasts its minutes in real time: on the day clocks change, what fits is reckoned in instants.
      const closes = clock.instant(to);
      for (let at = from; at + minutes <= to; at += location.gridMinutes) {
        if (!clock.exists(at)) continue;
        const start = clock.instant(at);
        if (start < earliestStart || start + length > closes || !busy.isFree(counter.id, start, start + length)) continue;
        const slot = byStart.get(at);
        if (slot) slot.counters.push(counter.id);
        else byStart.set(at, { start, counters: [counter.id] });
      }
    }
  }
  return [...byStart.entries()]
    .sort(([a], [b]) => a - b)
    .map(([at, slot]) => ({ time: toWallTime(at), start: new Date(slot.start), end: new Date(slot.start + length), counters: slot.counters }));
}
