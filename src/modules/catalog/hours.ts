import { addDays, weekdayOf } from '#kernel/calendar.ts';
import type { HolidayCalendar } from '#kernel/holidays/holidays.ts';
import { closingDayOn } from './closing-days.ts';
import type { ClosingDay, OfficeContent } from './schemas.content.ts';

/*
 * "Open now / opens at" for an office, in Europe/Berlin whatever the server's zone. Opening hours are wall
 * clock times, so the comparison happens in local time; only turning a local time back into an instant
 * (for the API) needs the zone's offset, which changes at the daylight-saving switches.
 */

export type Hours = Pick<OfficeContent, 'hours' | 'exceptions' | 'closedOnHolidays' | 'closingDays'>;

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


/** The last minute asked for: a page asks many times for the same minute, and formatting it is the cost. */
let lastMinute = Number.NaN;
let lastTime: LocalTime | undefined;

/** The wall-clock date and time in Berlin at an instant. */
export function berlinTime(instant: Date): LocalTime {
  const minute = Math.floor(instant.getTime() / 60_000);
  if (minute === lastMinute && lastTime) return lastTime;
  const parts = Object.fromEntries(berlin.formatToParts(instant).map((part) => [part.type, part.value]));
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  lastTime = Object.freeze({ date, time: `${parts.hour}:${parts.minute}`, weekday: weekdayOf(date) });
  lastMinute = minute;
  return lastTime;
}

/** The instant at which Berlin's clocks show the given date and time (the later, for a time the autumn switch shows twice). */
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

/** Why the usual hours do not apply: a public holiday (kernel id), one of the office's closing days, or an announced exception. */
export type DayReason = { kind: 'holiday'; holiday: string } | { kind: 'closing'; closing: ClosingDay } | { kind: 'exception'; text: string };

export interface DayHours {
  periods: { opens: string; closes: string }[];
  reason?: DayReason;
}

function usualHours(hours: Hours, date: string): DayHours['periods'] {
  const weekday = weekdayOf(date);
  return hours.hours
    .filter((period) => period.day === weekday)
    .map(({ opens, closes }) => ({ opens, closes }))
    .sort((a, b) => a.opens.localeCompare(b.opens));
}

/**
 * The periods an office is open on a date: an announced exception first (it may open on a closing day),
 * then a public holiday of the installation's state, then the office's closing days, then the week.
 */
export function hoursOn(hours: Hours, date: string, holidays: HolidayCalendar): DayHours {
  const exception = hours.exceptions.find((candidate) => candidate.date === date);
  if (exception) return { periods: exception.periods, reason: { kind: 'exception', text: exception.note } };
  const holiday = hours.closedOnHolidays ? holidays.on(date) : undefined;
  if (holiday) return { periods: [], reason: { kind: 'holiday', holiday: holiday.id } };
  const usual = usualHours(hours, date);
  const closing = closingDayOn(hours.closingDays, date);
  if (!closing) return { periods: usual };
  const until = closing.from;
  const periods = until ? usual.filter((period) => period.opens < until).map((period) => ({ opens: period.opens, closes: period.closes < until ? period.closes : until })) : [];
  return { periods, reason: { kind: 'closing', closing } };
}

export type OpeningStatus =
  | { open: true; closesAt: string; reason?: DayReason }
  | { open: false; next: { date: string; time: string; daysAhead: number } | null; todayReason?: DayReason };

/** How far ahead to look for the next opening; beyond this an office counts as closed until further notice. */
const horizonDays = 31;

export function openingStatus(hours: Hours, instant: Date, holidays: HolidayCalendar): OpeningStatus {
  const now = berlinTime(instant);
  const today = hoursOn(hours, now.date, holidays);
  const current = today.periods.find((period) => period.opens <= now.time && now.time < period.closes);
  if (current) return { open: true, closesAt: current.closes, reason: today.reason };
  for (let ahead = 0; ahead <= horizonDays; ahead += 1) {
    const date = addDays(now.date, ahead);
    const day = ahead === 0 ? today : hoursOn(hours, date, holidays);
    const next = day.periods.find((period) => ahead > 0 || period.opens > now.time);
    if (next) return { open: false, next: { date, time: next.opens, daysAhead: ahead }, todayReason: today.reason };
  }
  return { open: false, next: null, todayReason: today.reason };
}
