import type { ClosingDay, HoursException, OfficeContent, OpeningPeriod, SituationContent } from './schemas.content.ts';
import { closingDayText, parseClosingDays } from './closing-days.ts';
import { isLink, isPhoneNumber, type RuleErrors } from './rules.ts';
import { lines, text, type FormValues } from './forms.service.ts';
import { englishFormValues, englishTexts, withEnglish } from './forms.english.ts';
import { normaliseEmail } from '#kernel/text.ts';

/*
 * Office and life-situation forms. Opening hours are a grid of two periods per weekday; exceptions are one
 * line per day ("24.12.2026 geschlossen Heiligabend", "12.02.2026 07:30-12:00 Altweiber"), which an editor
 * can type without help and a screen reader reads as written.
 */

export const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;
const time = /^([01]?[0-9]|2[0-3])[:.]([0-5][0-9])$/;

function normaliseTime(raw: string): string | null {
  const match = time.exec(raw.trim());
  return match ? `${match[1]!.padStart(2, '0')}:${match[2]}` : null;
}

function parseHours(values: FormValues, errors: RuleErrors): OpeningPeriod[] {
  const hours: OpeningPeriod[] = [];
  for (const day of weekdays) {
    for (const period of [1, 2]) {
      const field = `d${day}Opens${period}`;
      const opensRaw = text(values, field);
      const closesRaw = text(values, `d${day}Closes${period}`);
      if (!opensRaw && !closesRaw) continue;
      const opens = normaliseTime(opensRaw);
      const closes = normaliseTime(closesRaw);
      if (!opens || !closes || opens >= closes) {
        errors[field] ??= { key: 'catalog:errors.period', values: { day: `catalog:weekdays.${day}` } };
        continue;
      }
      hours.push({ day, opens, closes });
    }
  }
  return hours;
}

const exceptionLine = /^(\d{1,2})\.(\d{1,2})\.(\d{4})\s+(geschlossen|closed|[0-9:.,\s-–]+?)(?:\s+(\D.*))?$/i;

function parseExceptions(values: FormValues, errors: RuleErrors): HoursException[] {
  const exceptions: HoursException[] = [];
  for (const [index, line] of lines(values, 'exceptions').entries()) {
    const match = exceptionLine.exec(line);
    const periods = match && !/^(geschlossen|closed)$/i.test(match[4]!) ? match[4]!.split(',').map((part) => part.split(/[-–]/).map(normaliseTime)) : [];
    const date = match ? `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}` : '';
    const validDate = match !== null && !Number.isNaN(Date.parse(`${date}T12:00:00Z`)) && new Date(`${date}T12:00:00Z`).toISOString().startsWith(date);
    const validPeriods = periods.every((pair) => pair.length === 2 && pair[0] && pair[1] && pair[0] < pair[1]);
    if (!validDate || !validPeriods) {
      errors.exceptions ??= { key: 'catalog:errors.exceptionLine', values: { line: String(index + 1) } };
      continue;
    }
    exceptions.push({ date, periods: periods.map(([opens, closes]) => ({ opens: opens!, closes: closes! })), note: (match[5] ?? '').trim() });
  }
  return exceptions;
}

function parseClosingDayLines(values: FormValues, errors: RuleErrors): ClosingDay[] {
  const { days, problem } = parseClosingDays(lines(values, 'closingDays'));
  if (problem) errors.closingDays ??= problem;
  return days;
}

function tristate(values: FormValues, name: string): boolean | null {
  const value = text(values, name);
  return value === 'yes' ? true : value === 'no' ? false : null;
}

export const accessibilityFeatures = ['stepFree', 'accessibleToilet', 'disabledParking', 'hearingLoop'] as const;

const englishOfficeTexts = ['title', 'summary', 'description', 'publicTransport', 'hoursNote', 'accessibilityNote'] as const;

export function parseOfficeForm(values: FormValues): { content: OfficeContent; errors: RuleErrors } {
  const errors: RuleErrors = {};
  const phone = text(values, 'phone');
  const email = text(values, 'email');
  const website = text(values, 'website');
  if (phone && !isPhoneNumber(phone)) errors.phone = { key: 'catalog:errors.channelPhone' };
  if (email && !normaliseEmail(email)) errors.email = { key: 'catalog:errors.channelEmail' };
  if (website && !isLink(website)) errors.website = { key: 'catalog:errors.channelLink' };
  const postalCode = text(values, 'postalCode');
  if (postalCode && !/^[0-9]{5}$/.test(postalCode)) errors.postalCode = { key: 'catalog:errors.postalCode' };
  const content: OfficeContent = {
    slug: text(values, 'slug'),
    title: text(values, 'title'),
    summary: text(values, 'summary'),
    description: text(values, 'description'),
    street: text(values, 'street'),
    postalCode,
    city: text(values, 'city'),
    phone,
    email: normaliseEmail(email) ?? email,
    website,
    publicTransport: text(values, 'publicTransport'),
    hours: parseHours(values, errors),
    exceptions: parseExceptions(values, errors),
    closedOnHolidays: text(values, 'closedOnHolidays') === 'on',
    closingDays: parseClosingDayLines(values, errors),
    hoursNote: text(values, 'hoursNote'),
    stepFree: tristate(values, 'stepFree'),
    accessibleToilet: tristate(values, 'accessibleToilet'),
    disabledParking: tristate(values, 'disabledParking'),
    hearingLoop: tristate(values, 'hearingLoop'),
    accessibilityNote: text(values, 'accessibilityNote'),
  };
  return { content: withEnglish(content, englishTexts(values, englishOfficeTexts)), errors };
}

function exceptionText(exception: HoursException): string {
  const [year, month, day] = exception.date.split('-');
  const when = exception.periods.length === 0 ? 'geschlossen' : exception.periods.map((period) => `${period.opens}-${period.closes}`).join(', ');
  return `${day}.${month}.${year} ${when}${exception.note ? ` ${exception.note}` : ''}`;
}

export function officeFormValues(content: OfficeContent): FormValues {
  const values: FormValues = {
    slug: content.slug,
    title: content.title,
    summary: content.summary,
    description: content.description,
    street: content.street,
    postalCode: content.postalCode,
    city: content.city,
    phone: content.phone,
    email: content.email,
    website: content.website,
    publicTransport: content.publicTransport ?? '',
    exceptions: content.exceptions.map(exceptionText).join('\n'),
    closedOnHolidays: content.closedOnHolidays ? 'on' : undefined,
    closingDays: (content.closingDays ?? []).map(closingDayText).join('\n'),
    hoursNote: content.hoursNote,
    accessibilityNote: content.accessibilityNote,
    ...englishFormValues(content.en, englishOfficeTexts),
  };
  for (const feature of accessibilityFeatures) values[feature] = content[feature] === null ? 'unknown' : content[feature] ? 'yes' : 'no';
  for (const day of weekdays) {
    content.hours
      .filter((period) => period.day === day)
      .slice(0, 2)
      .forEach((period, index) => {
        values[`d${day}Opens${index + 1}`] = period.opens;
        values[`d${day}Closes${index + 1}`] = period.closes;
      });
  }
  return values;
}

export function parseSituationForm(values: FormValues): { content: SituationContent; errors: RuleErrors } {
  const errors: RuleErrors = {};
  const positionRaw = text(values, 'position') || '100';
  const position = Number(positionRaw);
  if (!Number.isInteger(position) || position < 0 || position > 1000) errors.position = { key: 'catalog:errors.position' };
  const content: SituationContent = {
    slug: text(values, 'slug'),
    title: text(values, 'title'),
    summary: text(values, 'summary'),
    description: text(values, 'description'),
    tips: lines(values, 'tips'),
    showOnHome: text(values, 'showOnHome') === 'on',
    position: Number.isInteger(position) ? Math.min(Math.max(position, 0), 1000) : 100,
  };
  return { content: withEnglish(content, englishTexts(values, ['title', 'summary', 'description'], ['tips'])), errors };
}

export function situationFormValues(content: SituationContent): FormValues {
  return {
    slug: content.slug,
    title: content.title,
    summary: content.summary,
    description: content.description,
    tips: content.tips.join('\n'),
    showOnHome: content.showOnHome ? 'on' : undefined,
    position: String(content.position),
    ...englishFormValues(content.en, ['title', 'summary', 'description', 'tips']),
  };
}
