import { parseDay } from '#kernel/dates.ts';
import { namedDayDate, namedDayOf, namedDayWord, type NamedDayId } from '#kernel/holidays/holidays.ts';
import { namedDayIds } from '#kernel/holidays/rules.ts';
import type { ClosingDay } from './schemas.content.ts';

/*
 * An office's own closing days, one rule per line as an editor writes them: a named day ("Rosenmontag",
 * "Weiberfastnacht ab 12:00"), a day of every year ("24.12.", "31.12. Silvester") or one date ("02.01.2027
 * Brückentag"). Named days are computed by the kernel, so a rule written once holds every year.
 */

export interface ClosingDayProblem {
  key: string;
  values?: Record<string, string>;
}

export const maxClosingDays = 50;
const isNamed = (day: string): day is NamedDayId => (namedDayIds as readonly string[]).includes(day);
const pad = (value: string) => value.padStart(2, '0');

/** The rule that closes the office on a date: one date before a day of every year before a named day. */
export function closingDayOn(rules: readonly ClosingDay[] | undefined, date: string): ClosingDay | undefined {
  if (!rules || rules.length === 0) return undefined;
  const year = Number(date.slice(0, 4));
  return (
    rules.find((rule) => rule.day === date) ??
    rules.find((rule) => rule.day === date.slice(5)) ??
    rules.find((rule) => isNamed(rule.day) && namedDayDate(rule.day, year) === date)
  );
}

/** A stored rule that cannot match a real day (from an import: "02-30", "2026-13-01"), or undefined. */
export function closingDayProblem(rule: ClosingDay): ClosingDayProblem | undefined {
  if (isNamed(rule.day)) return undefined;
  const [year, month, day] = rule.day.length === 5 ? ['', ...rule.day.split('-')] : rule.day.split('-');
  const result = realDay(day!, month!, year!);
  return 'key' in result ? result : undefined;
}

/**
 * Day and month (and year, when given) as a stored day, or why they make none. Without a year the day must
 * exist every year: 2028 is a leap year, so it has every day any year has, and 29 February is refused.
 */
function realDay(day: string, month: string, year: string): { day: string } | ClosingDayProblem {
  const parsed = parseDay(`${day}.${month}.${year || '2028'}`);
  if (!parsed.ok) {
    if (parsed.reason === 'format' || parsed.reason === 'no-such-year') return { key: 'catalog:errors.closingDayYear', values: { year } };
    return { key: 'catalog:errors.closingDayNoSuchDate', values: { date: `${pad(day)}.${pad(month)}.${year}` } };
  }
  if (year) return { day: parsed.day };
  return parsed.day.endsWith('-02-29') ? { key: 'catalog:errors.closingDayLeapDay' } : { day: parsed.day.slice(5) };
}

const datePattern = /^(\d{1,2})\.(\d{1,2})(?:\.(\d*))?(?=\s|$)/;
const fromPattern = /^(?:ab|from)(?=\s|$)(?:\s+(\S+))?(?:\s+uhr(?=\s|$))?\s*(.*)$/i;
const timePattern = /^([01]?[0-9]|2[0-3])(?:[:.]([0-5][0-9]))?$/;

/** The day a line starts with, and the rest of the line. */
function readDay(line: string): { day: string; rest: string } | ClosingDayProblem {
  const date = datePattern.exec(line);
  if (date) {
    const [, day = '', month = '', year = ''] = date;
    const result = realDay(day, month, year);
    return 'key' in result ? result : { day: result.day, rest: line.slice(date[0].length).trim() };
  }
  // A name of one or two words ("Rosenmontag", "Heiliger Abend"), the longer reading first.
  const words = line.split(/\s+/);
  for (const count of [2, 1]) {
    const named = words.length >= count ? namedDayOf(words.slice(0, count).join(' ')) : undefined;
    if (named) return { day: named, rest: words.slice(count).join(' ') };
  }
  return { key: 'catalog:errors.closingDayUnknown', values: { text: words.slice(0, 3).join(' ') } };
}

/** One line as a rule, or what is wrong with it. */
export function parseClosingDay(line: string): ClosingDay | ClosingDayProblem {
  const read = readDay(line.trim());
  if ('key' in read) return read;
  const rule: ClosingDay = { day: read.day };
  let note = read.rest;
  const from = fromPattern.exec(note);
  if (from) {
    const time = timePattern.exec(from[1] ?? '');
    if (!time) return { key: 'catalog:errors.closingDayTime', values: { time: from[1] ?? '' } };
    rule.from = `${pad(time[1]!)}:${time[2] ?? '00'}`;
    note = from[2] ?? '';
  }
  if (note) rule.note = note.slice(0, 200);
  return rule;
}

/** Named days that always fall on one date count as that date, so "Heiligabend" and "24.12." are one day. */
function sameDayKey(rule: ClosingDay): string {
  if (isNamed(rule.day)) {
    const date = namedDayDate(rule.day, 2027).slice(5);
    return namedDayDate(rule.day, 2026).slice(5) === date ? date : rule.day;
  }
  return rule.day;
}

/** The editor's lines as rules; the first problem is named with its line, the way exception lines are. */
export function parseClosingDays(lines: readonly string[]): { days: ClosingDay[]; problem?: ClosingDayProblem } {
  if (lines.length > maxClosingDays) return { days: [], problem: { key: 'catalog:errors.closingDaysTooMany', values: { max: String(maxClosingDays) } } };
  const days: ClosingDay[] = [];
  const seen = new Map<string, number>();
  for (const [index, line] of lines.entries()) {
    const parsed = parseClosingDay(line);
    const number = String(index + 1);
    if ('key' in parsed) return { days, problem: { key: parsed.key, values: { ...parsed.values, line: number } } };
    const first = seen.get(sameDayKey(parsed));
    if (first !== undefined) return { days, problem: { key: 'catalog:errors.closingDayTwice', values: { line: number, first: String(first) } } };
    seen.set(sameDayKey(parsed), index + 1);
    days.push(parsed);
  }
  return { days };
}

/** A rule as the editor reads and writes it. */
export function closingDayText(rule: ClosingDay): string {
  const [first, second, third] = rule.day.split('-');
  const day = isNamed(rule.day) ? namedDayWord(rule.day) : third === undefined ? `${second}.${first}.` : `${third}.${second}.${first}`;
  return [day, rule.from ? `ab ${rule.from}` : '', rule.note ?? ''].filter(Boolean).join(' ');
}
