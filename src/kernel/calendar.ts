/*
 * Calendar days as people in Erkelenz mean them: a day is a day in Berlin, whatever the server's zone.
 */

// Made once: building an Intl formatter costs far more than using one.
const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', timeZoneName: 'longOffset' });
const dayFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' });

function berlinMidnight(day: string): Date {
  // Clocks change at 01:00 UTC, so the offset at 00:00 UTC is the one in force at Berlin's midnight.
  const probe = new Date(`${day}T00:00:00Z`);
  const name = offsetFormat.formatToParts(probe).find((part) => part.type === 'timeZoneName')?.value;
  return new Date(`${day}T00:00:00${name?.replace('GMT', '') || '+00:00'}`);
}

/** Start and end of a calendar day in Berlin, as UTC instants (23 or 25 hours on the days clocks change). */
export function berlinDay(day: string): { from: Date; to: Date } {
  return { from: berlinMidnight(day), to: berlinMidnight(addDays(day, 1)) };
}

/** A real calendar day as `YYYY-MM-DD` (JavaScript would quietly turn 31 February into 3 March). */
export function isCalendarDay(day: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return false;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const parsed = new Date(Date.UTC(year, month - 1, date));
  return year >= 2000 && year <= 2100 && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === date;
}

/** Today's date in Berlin as `YYYY-MM-DD`. */
export function todayInBerlin(now = new Date()): string {
  return dayFormat.format(now);
}

/** The calendar day `days` after (or before, when negative) the given one. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday (ISO 8601), as opening hours and breaks name their days. */
export function weekdayOf(date: string): number {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}
