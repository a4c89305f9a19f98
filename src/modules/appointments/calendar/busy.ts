import type { Busy } from './types.ts';

/*
 * Busy times per counter, sorted and joined once per answer, so that asking whether a slot is free is a
 * binary search and not a walk over every booking of the horizon.
 */

interface Timeline {
  starts: number[];
  /** Ascending too, because joined intervals do not overlap. */
  ends: number[];
}

export interface BusyIndex {
  /** Whether the counter has nothing busy overlapping [from, to) (epoch milliseconds; touching is fine). */
  isFree(counterId: string, from: number, to: number): boolean;
}

function timeline(intervals: [number, number][]): Timeline {
  intervals.sort((a, b) => a[0] - b[0]);
  const joined: [number, number][] = [];
  for (const [from, to] of intervals) {
    const last = joined.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else joined.push([from, to]);
  }
  return { starts: joined.map(([from]) => from), ends: joined.map(([, to]) => to) };
}

/** The first index whose interval ends after `instant`. */
function firstEndingAfter(ends: readonly number[], instant: number): number {
  let low = 0;
  let high = ends.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((ends[middle] ?? Number.POSITIVE_INFINITY) > instant) high = middle;
    else low = middle + 1;
  }
  return low;
}

export function indexBusy(busy: readonly Busy[], counterIds: readonly string[]): BusyIndex {
  const wholeLocation: [number, number][] = [];
  const perCounter = new Map<string, [number, number][]>(counterIds.map((id) => [id, []]));
  for (const { counterId, from, to } of busy) {
    const interval: [number, number] = [from.getTime(), to.getTime()];
    if (!(interval[0] < interval[1])) continue;
    if (counterId === null) wholeLocation.push(interval);
    else perCounter.get(counterId)?.push(interval);
  }
  const timelines = new Map<string, Timeline>();
  for (const [id, own] of perCounter) timelines.set(id, timeline([...own, ...wholeLocation]));
  return {
    isFree(counterId, from, to) {
      const line = timelines.get(counterId);
      if (!line) return false;
      const index = firstEndingAfter(line.ends, from);
      const next = line.starts[index];
      return next === undefined || next >= to;
    },
  };
}
