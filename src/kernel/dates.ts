import type { TFunction } from 'i18next';

/*
 * Calendar days as people in Germany type them. The kernel's `DateField` sends back whatever was typed;
 * `parseDay` turns it into the `YYYY-MM-DD` day that `calendar.ts` counts with, or says what is wrong, so
 * that a form can tell the person exactly that. Both halves are plain functions over strings, so a forms
 * library can wire them to any field.
 */

export type DayProblem =
  /** Nothing that reads as day, month and year. */
  | { reason: 'format' }
  /** A year the platform does not deal in: before 1900 or after 2199. */
  | { reason: 'no-such-year'; year: number }
  /** A month other than 1 to 12. */
  | { reason: 'no-such-month'; month: number }
  /** A day the month does not have, such as 31.02.2026. */
  | { reason: 'no-such-day'; day: number; month: number; year: number; daysInMonth: number };

export type ParsedDay = { ok: true; day: string } | ({ ok: false } & DayProblem);

const german = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$/;
// What a browser's date picker and this platform's own links send.
const iso = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

function daysIn(month: number, year: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Reads `01.12.2026`, `1.12.2026`, `01.12.26` and `2026-12-01` (spaces around are ignored). Two-digit
 * years are this century's: the platform deals in appointments, deadlines and records, not birthdays of
 * the last one. Years before 1900 and after 2199 are refused as typing mistakes, which also keeps every
 * day this returns within what dates in JavaScript and PostgreSQL can count from.
 */
export function parseDay(input: string): ParsedDay {
  const text = input.trim();
  const parts = german.exec(text);
  const isoParts = parts ? null : iso.exec(text);
  if (!parts && !isoParts) return { ok: false, reason: 'format' };
  const [day, month, rawYear] = parts ? [Number(parts[1]), Number(parts[2]), parts[3]!] : [Number(isoParts![3]), Number(isoParts![2]), isoParts![1]!];
  const year = rawYear.length === 2 ? 2000 + Number(rawYear) : Number(rawYear);
  if (year < 1900 || year > 2199) return { ok: false, reason: 'no-such-year', year };
  if (month < 1 || month > 12) return { ok: false, reason: 'no-such-month', month };
  const daysInMonth = daysIn(month, year);
  if (day < 1 || day > daysInMonth) return { ok: false, reason: 'no-such-day', day, month, year, daysInMonth };
  return { ok: true, day: `${pad(year, 4)}-${pad(month)}-${pad(day)}` };
}

/** `2026-12-01` as Germans write it, `01.12.2026`; anything else (a value as typed) comes back unchanged. */
export function formatDay(value: string): string {
  const parts = iso.exec(value.trim());
  return parts ? `${parts[3]}.${parts[2]}.${parts[1]}` : value;
}

/** The problem in a sentence for the field's error message, in the language of `t`. */
export function dayProblemMessage(t: TFunction, problem: DayProblem): string {
  switch (problem.reason) {
    case 'format':
      return t('kernel:dates.format');
    case 'no-such-year':
      return t('kernel:dates.noSuchYear', { year: problem.year });
    case 'no-such-month':
      return t('kernel:dates.noSuchMonth', { month: problem.month });
    case 'no-such-day':
      return t('kernel:dates.noSuchDay', {
        date: `${pad(problem.day)}.${pad(problem.month)}.${pad(problem.year, 4)}`,
        month: t(`kernel:dates.months.${problem.month}`),
        year: problem.year,
        count: problem.daysInMonth,
      });
  }
}
