import { berlinDay } from '#kernel/calendar.ts';
import { berlinInstant, berlinTime } from '#modules/catalog/index.ts';
import type { Day, WallTime } from './types.ts';

/*
 * Slots are reckoned in wall-clock minutes of a Berlin day, because that is how hours and breaks are written;
 * they are turned into instants only to compare them with bookings and to hand them out.
 */

const minutesPerDay = 24 * 60;
const msPerMinute = 60_000;

/** Minutes since midnight of `HH:MM`; a malformed time is a broken configuration, not a request to answer. */
export function toMinutes(time: WallTime): number {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(time);
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
  if (!(minutes <= minutesPerDay)) throw new RangeError(`Not a wall-clock time: ${JSON.stringify(time)}`);
  return minutes;
}

export function toWallTime(minutes: number): WallTime {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export interface DayClock {
  /** The instant (epoch milliseconds) at which Berlin's clocks show a minute of the day. */
  instant(minutes: number): number;
  /** False for the minutes the clocks skip in spring; in autumn a repeated minute counts once. */
  exists(minutes: number): boolean;
}

/** Clocks of the days asked for lately: finding a day's midnights takes two time-zone lookups, and every answer walks the same window. */
const clocks = new Map<Day, DayClock>();
const clocksKept = 800;

/**
 * Wall-clock minutes of one Berlin day as instants. On all but two days a year the offset holds from midnight
 * to midnight, so one lookup serves every slot of the day; only on the switch days is each minute looked up.
 */
export function dayClock(date: Day): DayClock {
  let clock = clocks.get(date);
  if (!clock) {
    if (clocks.size >= clocksKept) clocks.clear();
    clock = clockOf(date);
    clocks.set(date, clock);
  }
  return clock;
}

function clockOf(date: Day): DayClock {
  const { from, to } = berlinDay(date);
  const midnight = from.getTime();
  if (to.getTime() - midnight === minutesPerDay * msPerMinute) return { instant: (minutes) => midnight + minutes * msPerMinute, exists: () => true };
  const instant = (minutes: number) => (minutes >= minutesPerDay ? to.getTime() : berlinInstant(date, toWallTime(minutes)).getTime());
  return {
    instant,
    exists: (minutes) => minutes >= minutesPerDay || berlinTime(new Date(instant(minutes))).time === toWallTime(minutes),
  };
}
