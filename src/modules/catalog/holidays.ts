/*
 * Public holidays of North Rhine-Westphalia (§ 2 Abs. 1 Feiertagsgesetz NW): eleven days, four of them
 * counted from Easter Sunday. Computed, not listed, so the calendar never runs out.
 */

/** Easter Sunday of the Gregorian calendar (Meeus/Jones/Butcher), as `YYYY-MM-DD`. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Adds days to a calendar date; noon UTC keeps the arithmetic clear of any time zone. */
export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T12:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

const fixed: readonly [string, string][] = [
  ['01-01', 'Neujahrstag'],
  ['05-01', '1. Mai'],
  ['10-03', 'Tag der Deutschen Einheit'],
  ['11-01', 'Allerheiligen'],
  ['12-25', '1. Weihnachtstag'],
  ['12-26', '2. Weihnachtstag'],
];

const fromEaster: readonly [number, string][] = [
  [-2, 'Karfreitag'],
  [1, 'Ostermontag'],
  [39, 'Christi Himmelfahrt'],
  [50, 'Pfingstmontag'],
  [60, 'Fronleichnam'],
];

const byYear = new Map<number, Map<string, string>>();

/** The year's public holidays in NRW: date → name. */
export function nrwHolidays(year: number): Map<string, string> {
  let holidays = byYear.get(year);
  if (!holidays) {
    const easter = easterSunday(year);
    holidays = new Map([
      ...fixed.map(([monthDay, name]) => [`${year}-${monthDay}`, name] as [string, string]),
      ...fromEaster.map(([offset, name]) => [addDays(easter, offset), name] as [string, string]),
    ]);
    byYear.set(year, holidays);
  }
  return holidays;
}

/** The holiday's name if the date is a public holiday in NRW. */
export function nrwHoliday(date: string): string | undefined {
  return nrwHolidays(Number(date.slice(0, 4))).get(date);
}
