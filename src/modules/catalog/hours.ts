import { addDays, nrwHoliday } from './holidays.ts';
import type { OfficeContent } from './schemas.content.ts';

/*
 * "Open now / opens at" for an office, in Europe/Berlin whatever the server's zone. Opening hours are wall
 * clock times, so the comparison happens in local time; only turning a local time back into an instant
 * (for the API) needs the zone's offset, which changes at the daylight-saving switches.
 */

export type Hours = Pick<OfficeContent, 'hours' | 'exceptions' | 'closedOnHolidays'>;

export interface LocalTime {
  date: string;
  time: string;
  /** 1 = Monday … 7 = Sunday (ISO 8601). */
  weekday: number;
}

const berlin = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export function weekdayOf(date: string): number {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The wall-clock date and time in Berlin at an instant. */
export function berlinTime(instant: Date): LocalTime {
  const parts = Object.fromEntries(berlin.formatToParts(instant).map((part) => [part.type, part.value]));
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return { date, time: `${parts.hour}:${parts.minute}`, weekday: weekdayOf(date) };
}

/** The instant at which Berlin's clocks show the given date and time (the first, if a time occurs twice). */
export function berlinInstant(date: string, time: string): Date {
  const asUtc = Date.parse(`${date}T${time}:00Z`);
  // The offset at the guess is right except within hours of a switch; a second pass settles it.
  let instant = asUtc;
  for (let pass = 0; pass < 2; pass += 1) {
    const shown = berlinTime(new Date(instant));
    const shownAsUtc = Date.parse(`${shown.date}T${shown.time}:00Z`);
    instant += asUtc - shownAsUtc;
  }
  return new Date(instant);
}

export interface DayHours {
  periods: { opens: string; closes: string }[];
  /** Why the usual hours do not apply: a public holiday's name or an exception's note. */
  reason?: { kind: 'holiday' | 'exception'; text: string };
}

/** The periods an office is open on a date: an exception first, then a public holiday, then the week. */
export function hoursOn(hours: Hours, date: string): DayHours {
  const exception = hours.exceptions.find((candidate) => candidate.date === date);
  if (exception) return { periods: exception.periods, reason: { kind: 'exception', text: exception.note } };
  const holiday = hours.closedOnHolidays ? nrwHoliday(date) : undefined;
  if (holiday) return { periods: [], reason: { kind: 'holiday', text: holiday } };
  const weekday = weekdayOf(date);
  return {
    periods: hours.hours
      .filter((period) => period.day === weekday)
      .map(({ opens, closes }) => ({ opens, closes }))
      .sort((a, b) => a.opens.localeCompare(b.opens)),
  };
}

export type OpeningStatus =
  | { open: true; closesAt: string; reason?: DayHours['reason'] }
  | { open: false; next: { date: string; time: string; daysAhead: number } | null; todayReason?: DayHours['reason'] };

/** How far ahead to look for the next opening; beyond this an office counts as closed until further notice. */
const horizonDays = 31;

export function openingStatus(hours: Hours, instant: Date): OpeningStatus {
  const now = berlinTime(instant);
  const today = hoursOn(hours, now.date);
  const current = today.periods.find((period) => period.opens <= now.time && now.time < period.closes);
  if (current) return { open: true, closesAt: current.closes, reason: today.reason };
  for (let ahead = 0; ahead <= horizonDays; ahead += 1) {
    const date = addDays(now.date, ahead);
    const day = ahead === 0 ? today : hoursOn(hours, date);
    const next = day.periods.find((period) => ahead > 0 || period.opens > now.time);
    if (next) return { open: false, next: { date, time: next.opens, daysAhead: ahead }, todayReason: today.reason };
  }
  return { open: false, next: null, todayReason: today.reason };
}
