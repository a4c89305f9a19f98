import ICAL from 'ical.js';
import { DateTime } from 'luxon';

/*
 * A recurring event's occurrences within the calendar's reach. The rule (RFC 5545 RRULE) counts in the
 * event's own wall-clock time, so a weekly 19:00 stays 19:00 across the change to summer time: the rule is
 * walked by ical.js on floating local times, and each local time is turned into an instant in the event's
 * zone by luxon. An excluded date (EXDATE) drops the occurrence starting at that instant; a whole-day
 * event's exclusion drops its day.
 */

export interface Recurring {
  startsAt: Date;
  endsAt: Date;
  allDay: boolean;
  /** An IANA zone name; the rule's local times are read in it. */
  timeZone: string;
  rrule: string | null;
  exdates: readonly Date[];
}

export interface Occurrence {
  startsAt: Date;
  endsAt: Date;
}

/** More occurrences than this in one window is no calendar of an initiative any more; the walk stops there. */
export const occurrenceLimit = 1000;

export type RuleProblem = 'invalid-rule' | 'invalid-zone';

/** Whether a rule as typed or imported can be walked; a rule ical.js cannot read is refused, never guessed. */
export function checkRule(rrule: string, timeZone: string): RuleProblem | null {
  if (!DateTime.local().setZone(timeZone).isValid) return 'invalid-zone';
  try {
    const recur = ICAL.Recur.fromString(rrule.replace(/^RRULE:/i, ''));
    if (!recur.freq) return 'invalid-rule';
  } catch {
    return 'invalid-rule';
  }
  return null;
}

/** The occurrences that overlap [from, to), in order, at most `occurrenceLimit`. */
export function occurrencesBetween(event: Recurring, from: Date, to: Date): Occurrence[] {
  const length = event.endsAt.getTime() - event.startsAt.getTime();
  if (!event.rrule) return event.endsAt > from && event.startsAt < to ? [{ startsAt: event.startsAt, endsAt: event.endsAt }] : [];
  const zone = event.timeZone;
  const first = DateTime.fromJSDate(event.startsAt, { zone });
  const excluded = new Set(event.exdates.map((day) => (event.allDay ? DateTime.fromJSDate(day, { zone }).toISODate() : day.getTime())));
  const recur = ICAL.Recur.fromString(event.rrule.replace(/^RRULE:/i, ''));
  const start = ICAL.Time.fromData({ year: first.year, month: first.month, day: first.day, hour: first.hour, minute: first.minute, second: first.second, isDate: false });
  const iterator = recur.iterator(start);
  const found: Occurrence[] = [];
  // Every occurrence is walked from the first: a rule with COUNT counts from there, not from the window.
  for (let step = 0; step < 100_000; step++) {
    const next = iterator.next();
    if (!next) break;
    const local = DateTime.fromObject({ year: next.year, month: next.month, day: next.day, hour: next.hour, minute: next.minute, second: next.second }, { zone });
    const startsAt = local.toJSDate();
    if (startsAt >= to) break;
    const key = event.allDay ? local.toISODate() : startsAt.getTime();
    if (excluded.has(key)) continue;
    const endsAt = new Date(startsAt.getTime() + length);
    if (endsAt > from) found.push({ startsAt, endsAt });
    if (found.length >= occurrenceLimit) break;
  }
  return found;
}
