import { toMinutes } from './clock.ts';
import type { Break, Counter, OpenPeriod, WeeklyPeriod } from './types.ts';

/*
 * The open periods of one day as half-open minute ranges [from, to): the location's hours, less its breaks,
 * narrowed to each counter's own hours. A slot must fit wholly into one of them, so a visit never runs across
 * a break or past closing.
 */

export type Range = readonly [from: number, to: number];

/** Sorted, with overlapping and touching ranges joined, empty ones dropped. */
export function normalise(ranges: readonly Range[]): Range[] {
  const sorted = ranges.filter(([from, to]) => from < to).sort((a, b) => a[0] - b[0]);
  const joined: [number, number][] = [];
  for (const [from, to] of sorted) {
    const last = joined.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else joined.push([from, to]);
  }
  return joined;
}

/** The parts of `a` that lie in `b`; both normalised. */
export function intersect(a: readonly Range[], b: readonly Range[]): Range[] {
  const result: Range[] = [];
  let i = 0;
  let j = 0;
  for (let x = a[i], y = b[j]; x && y; x = a[i], y = b[j]) {
    const from = Math.max(x[0], y[0]);
    const to = Math.min(x[1], y[1]);
    if (from < to) result.push([from, to]);
    if (x[1] < y[1]) i += 1;
    else j += 1;
  }
  return result;
}

/** The parts of `a` outside every range of `b`; both normalised. */
export function subtract(a: readonly Range[], b: readonly Range[]): Range[] {
  const result: Range[] = [];
  for (const [from, to] of a) {
    let start = from;
    for (const [cutFrom, cutTo] of b) {
      if (cutTo <= start || cutFrom >= to) continue;
      if (cutFrom > start) result.push([start, cutFrom]);
      start = Math.max(start, cutTo);
    }
    if (start < to) result.push([start, to]);
  }
  return result;
}

const ofPeriods = (periods: readonly OpenPeriod[]) => normalise(periods.map((period) => [toMinutes(period.opens), toMinutes(period.closes)]));

/** The location's open ranges on a day: its hours that day less the breaks of that weekday. */
export function locationRanges(open: readonly OpenPeriod[], breaks: readonly Break[], weekday: number): Range[] {
  const pauses = normalise(breaks.filter((pause) => pause.day === weekday).map((pause) => [toMinutes(pause.from), toMinutes(pause.to)]));
  return subtract(ofPeriods(open), pauses);
}

/** A counter's open ranges: the location's, narrowed to the counter's own hours of the weekday when it has any. */
export function counterRanges(location: readonly Range[], counter: Counter, weekday: number): Range[] {
  if (!counter.hours) return [...location];
  const own: WeeklyPeriod[] = counter.hours.filter((period) => period.day === weekday);
  return intersect(location, ofPeriods(own));
}
