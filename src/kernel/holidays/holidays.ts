import { addDays, weekdayOf } from '../calendar.ts';
import { holidayRules, namedDays, regionalHolidaysOf, type DayRule, type NamedDayId, type StateCode } from './rules.ts';

/*
 * Public holidays computed from the rules of `rules.ts`: which days of a year are holidays in the state the
 * installation is in (`HOLIDAY_STATE`), plus the regional holidays it names (`HOLIDAY_REGIONAL`).
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
  return isoDate(year, month, day);
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The date a rule gives in a year. */
export function dateOf(rule: DayRule, year: number): string {
  if ('easter' in rule) return addDays(easterSunday(year), rule.easter);
  if ('wednesdayBefore' in rule) {
    // The last Wednesday strictly before the given day: for 23 November, one of 16 to 22 November.
    const dayBefore = addDays(isoDate(year, rule.wednesdayBefore.month, rule.wednesdayBefore.day), -1);
    return addDays(dayBefore, -((weekdayOf(dayBefore) - 3 + 7) % 7));
  }
  return isoDate(year, rule.month, rule.day);
}

export interface Holiday {
  /** Its name in words is `kernel:holidays.names.<id>`. */
  id: string;
  date: string;
  /** A regional holiday the installation named, rather than one of the whole state. */
  regional: boolean;
}

export interface HolidayCalendar {
  state: StateCode;
  regional: readonly string[];
  /** The year's holidays in date order (two can share a date, as Ascension and 1 May did in 2008). */
  inYear(year: number): readonly Holiday[];
  /** The holiday on a `YYYY-MM-DD` date, if the date is one. */
  on(date: string): Holiday | undefined;
}

type ApplicableRule = { id: string; on: DayRule; regional: boolean; from?: number; until?: number; years?: readonly number[] };

const applies = (rule: ApplicableRule, year: number) =>
  (rule.years ? rule.years.includes(year) : true) && (rule.from === undefined || year >= rule.from) && (rule.until === undefined || year <= rule.until);

/** The holidays of a state and the named regional holidays; throws on a regional holiday the state has not. */
export function holidayCalendar(state: StateCode, regional: readonly string[] = []): HolidayCalendar {
  const regionalRules = regionalHolidaysOf(state).filter((rule) => regional.includes(rule.id));
  const unknown = regional.filter((id) => !regionalRules.some((rule) => rule.id === id));
  if (unknown.length > 0) throw new Error(`${unknown.join(', ')}: no regional holiday of ${state}`);
  const rules: ApplicableRule[] = [
    ...holidayRules.filter((rule) => rule.states === 'all' || rule.states.includes(state)).map((rule) => ({ ...rule, regional: false })),
    ...regionalRules.map((rule) => ({ id: rule.id, on: rule.on, regional: true })),
  ];
  const years = new Map<number, { list: Holiday[]; byDate: Map<string, Holiday> }>();
  const year = (value: number) => {
    let computed = years.get(value);
    if (!computed) {
      const list: Holiday[] = [];
      for (const rule of rules) {
        if (!applies(rule, value)) continue;
        const date = dateOf(rule.on, value);
        // The same holiday by two rules (Reformationstag 2017 in Saxony) counts once.
        if (!list.some((holiday) => holiday.id === rule.id && holiday.date === date)) list.push({ id: rule.id, date, regional: rule.regional });
      }
      list.sort((a, b) => a.date.localeCompare(b.date));
      const byDate = new Map<string, Holiday>();
      for (const holiday of list) if (!byDate.has(holiday.date)) byDate.set(holiday.date, holiday);
      computed = { list, byDate };
      years.set(value, computed);
    }
    return computed;
  };
  return {
    state,
    regional: regionalRules.map((rule) => rule.id),
    inYear: (value) => year(value).list,
    on: (date) => year(Number(date.slice(0, 4))).byDate.get(date),
  };
}

const calendars = new Map<string, HolidayCalendar>();

/** The installation's calendar, from its settings; built once per combination. */
export function holidaysFor(config: { HOLIDAY_STATE: StateCode; HOLIDAY_REGIONAL: readonly string[] }): HolidayCalendar {
  const key = `${config.HOLIDAY_STATE}:${config.HOLIDAY_REGIONAL.join(',')}`;
  let calendar = calendars.get(key);
  if (!calendar) {
    calendar = holidayCalendar(config.HOLIDAY_STATE, config.HOLIDAY_REGIONAL);
    calendars.set(key, calendar);
  }
  return calendar;
}

/** The date of a named day (Rosenmontag, Heiligabend) in a year. */
export function namedDayDate(id: NamedDayId, year: number): string {
  return dateOf(namedDays.find((day) => day.id === id)!.on, year);
}

/** The named day a word means ("Altweiber" → weiberfastnacht), whatever its case; undefined for others. */
export function namedDayOf(word: string): NamedDayId | undefined {
  const wanted = word.trim().toLowerCase().replace(/\s+/g, ' ');
  return namedDays.find((day) => (day.words as readonly string[]).includes(wanted))?.id;
}

/** How the platform writes a named day back into a form: its first spelling, capitalised. */
export function namedDayWord(id: NamedDayId): string {
  const word = namedDays.find((day) => day.id === id)!.words[0];
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The named day a date is, if any (24 December → heiligabend, Easter Sunday − 48 → rosenmontag). */
export function namedDayOn(date: string): NamedDayId | undefined {
  const year = Number(date.slice(0, 4));
  return namedDays.find((day) => dateOf(day.on, year) === date)?.id;
}

export { namedDayIds, regionalHolidaysOf, stateCodes, type NamedDayId, type StateCode } from './rules.ts';
