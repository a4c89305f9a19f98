import { defineForm, parseTime, toRaw, type FormErrors, type FormValue, type Raw } from '#kernel/forms/index.ts';
import type { HoursException, OfficeContent, OpeningPeriod, SituationContent } from './schemas.content.ts';
import { closingDayText, parseClosingDays } from './closing-days.ts';
import { isLink, isPhoneNumber } from './rules.ts';
import { englishTexts, englishValues, withEnglish, withTwin } from './forms.english.ts';

/*
 * Office and life-situation forms. Opening hours are a grid of two periods per weekday; exceptions are one
 * line per day ("24.12.2026 geschlossen Heiligabend", "12.02.2026 07:30-12:00 Altweiber"), which an editor
 * can type without help and a screen reader reads as written.
 */

export const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;
type Weekday = (typeof weekdays)[number];
const periods = [1, 2] as const;

/** `d2Opens1`: Tuesday, first period. */
export const hourField = (day: Weekday, edge: 'Opens' | 'Closes', period: 1 | 2) => `d${day}${edge}${period}` as const;

type TimeField = { kind: 'time'; label: string; labelValues: Readonly<Record<string, { key: string } | number>> };
type HourFields = Record<`d${Weekday}${'Opens' | 'Closes'}${1 | 2}`, TimeField>;
// The label names the day, so that a message in the summary above the form says which day it means.
const hourFields = Object.fromEntries(
  weekdays.flatMap((day) =>
    periods.flatMap((period) =>
      (['Opens', 'Closes'] as const).map((edge): [string, TimeField] => [
        hourField(day, edge, period),
        { kind: 'time', label: `catalog:fields.${edge === 'Opens' ? 'opensOn' : 'closesOn'}`, labelValues: { day: { key: `catalog:weekdays.${day}` }, period } },
      ]),
    ),
  ),
) as HourFields;

export const accessibilityFeatures = ['stepFree', 'accessibleToilet', 'disabledParking', 'hearingLoop'] as const;
const tristate = (feature: string) =>
  ({ kind: 'choice', label: `catalog:accessibility.${feature}`, options: (['yes', 'no', 'unknown'] as const).map((value) => ({ value, label: `catalog:accessibility.${value}` })) }) as const;

const long = { kind: 'textarea', maxLength: 5000 } as const;

export const officeForm = defineForm({
  id: 'catalog.office',
  once: true,
  fields: {
    revision: { kind: 'hidden', maxLength: 10 },
    ...withTwin('title', { kind: 'text', label: 'catalog:fields.officeName', maxLength: 160 }),
    slug: { kind: 'text', label: 'catalog:fields.slug', maxLength: 80 },
    ...withTwin('summary', { kind: 'textarea', label: 'catalog:fields.summary', maxLength: 400 }),
    ...withTwin('description', { ...long, label: 'catalog:fields.officeTasks' }),
    street: { kind: 'text', label: 'catalog:fields.street', maxLength: 200 },
    postalCode: { kind: 'text', label: 'catalog:fields.postalCode', maxLength: 10, pattern: '[0-9]{5}', messages: { pattern: 'catalog:errors.postalCode' } },
    city: { kind: 'text', label: 'catalog:fields.city', maxLength: 100 },
    phone: { kind: 'text', label: 'catalog:fields.phone', maxLength: 60 },
    email: { kind: 'email', label: 'catalog:fields.email', messages: { email: 'catalog:errors.channelEmail' } },
    website: { kind: 'text', label: 'catalog:fields.website', maxLength: 500 },
    ...withTwin('publicTransport', { ...long, label: 'catalog:fields.publicTransport' }),
    ...hourFields,
    closedOnHolidays: { kind: 'checkbox', label: 'catalog:fields.closedOnHolidays' },
    closingDays: { kind: 'lines', label: 'catalog:fields.closingDays', maxLength: 5000 },
    exceptions: { kind: 'lines', label: 'catalog:fields.exceptions', maxLength: 5000 },
    ...withTwin('hoursNote', { ...long, label: 'catalog:fields.hoursNote' }),
    stepFree: tristate('stepFree'),
    accessibleToilet: tristate('accessibleToilet'),
    disabledParking: tristate('disabledParking'),
    hearingLoop: tristate('hearingLoop'),
    ...withTwin('accessibilityNote', { ...long, label: 'catalog:fields.accessibilityNote' }),
  },
});
export type OfficeFormValue = FormValue<typeof officeForm>;

/** Each period needs both ends, the end after the start; the problem is shown at the period's first field. */
function parseHours(value: OfficeFormValue, errors: FormErrors): OpeningPeriod[] {
  const hours: OpeningPeriod[] = [];
  for (const day of weekdays) {
    for (const period of periods) {
      const opens = value[hourField(day, 'Opens', period)];
      const closes = value[hourField(day, 'Closes', period)];
      if (!opens && !closes) continue;
      if (!opens || !closes || opens >= closes) {
        errors[hourField(day, 'Opens', period)] = { code: 'catalog:errors.period', values: { day: { key: `catalog:weekdays.${day}` } } };
        continue;
      }
      hours.push({ day, opens, closes });
    }
  }
  return hours;
}

const exceptionLine = /^(\d{1,2})\.(\d{1,2})\.(\d{4})\s+(geschlossen|closed|[0-9:.,\s-–]+?)(?:\s+(\D.*))?$/i;

function parseExceptions(lines: readonly string[], errors: FormErrors): HoursException[] {
  const exceptions: HoursException[] = [];
  for (const [index, line] of lines.entries()) {
    const match = exceptionLine.exec(line);
    const periods = match && !/^(geschlossen|closed)$/i.test(match[4]!) ? match[4]!.split(',').map((part) => part.split(/[-–]/).map(parseTime)) : [];
    const date = match ? `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}` : '';
    const validDate = match !== null && !Number.isNaN(Date.parse(`${date}T12:00:00Z`)) && new Date(`${date}T12:00:00Z`).toISOString().startsWith(date);
    const validPeriods = periods.every((pair) => pair.length === 2 && pair[0] && pair[1] && pair[0] < pair[1]);
    if (!validDate || !validPeriods) {
      errors.exceptions ??= { code: 'catalog:errors.exceptionLine', values: { line: index + 1 } };
      continue;
    }
    exceptions.push({ date, periods: periods.map(([opens, closes]) => ({ opens: opens!, closes: closes! })), note: (match[5] ?? '').trim() });
  }
  return exceptions;
}

const englishOfficeTexts = ['title', 'summary', 'description', 'publicTransport', 'hoursNote', 'accessibilityNote'] as const;
const answer = { yes: true, no: false, unknown: null } as const;

/** The content a read office form stands for, and what the catalogue's own rules find wrong with it. */
export function officeContentOf(value: OfficeFormValue): { content: OfficeContent; errors: FormErrors } {
  const errors: FormErrors = {};
  if (value.phone && !isPhoneNumber(value.phone)) errors.phone = { code: 'catalog:errors.channelPhone' };
  if (value.website && !isLink(value.website)) errors.website = { code: 'catalog:errors.channelLink' };
  const closing = parseClosingDays(value.closingDays);
  if (closing.problem) errors.closingDays = { code: closing.problem.key, values: closing.problem.values };
  const content: OfficeContent = {
    slug: value.slug,
    title: value.title,
    summary: value.summary,
    description: value.description,
    street: value.street,
    postalCode: value.postalCode,
    city: value.city,
    phone: value.phone,
    email: value.email,
    website: value.website,
    publicTransport: value.publicTransport,
    hours: parseHours(value, errors),
    exceptions: parseExceptions(value.exceptions, errors),
    closedOnHolidays: value.closedOnHolidays,
    closingDays: closing.days,
    hoursNote: value.hoursNote,
    stepFree: answer[value.stepFree ?? 'unknown'],
    accessibleToilet: answer[value.accessibleToilet ?? 'unknown'],
    disabledParking: answer[value.disabledParking ?? 'unknown'],
    hearingLoop: answer[value.hearingLoop ?? 'unknown'],
    accessibilityNote: value.accessibilityNote,
  };
  return { content: withEnglish(content, englishTexts(value, englishOfficeTexts)), errors };
}

function exceptionText(exception: HoursException): string {
  const [year, month, day] = exception.date.split('-');
  const when = exception.periods.length === 0 ? 'geschlossen' : exception.periods.map((period) => `${period.opens}-${period.closes}`).join(', ');
  return `${day}.${month}.${year} ${when}${exception.note ? ` ${exception.note}` : ''}`;
}

const tristateOf = (stored: boolean | null) => (stored === null ? 'unknown' : stored ? 'yes' : 'no');

/** A stored office as its form shows it. */
export function officeFormValues(content: OfficeContent): Raw {
  const hours: Record<string, string> = {};
  for (const day of weekdays) {
    content.hours
      .filter((period) => period.day === day)
      .slice(0, 2)
      .forEach((period, index) => {
        hours[hourField(day, 'Opens', periods[index]!)] = period.opens;
        hours[hourField(day, 'Closes', periods[index]!)] = period.closes;
      });
  }
  return toRaw(officeForm, {
    ...content,
    ...englishValues(content.en, englishOfficeTexts),
    ...hours,
    exceptions: content.exceptions.map(exceptionText),
    closingDays: (content.closingDays ?? []).map(closingDayText),
    stepFree: tristateOf(content.stepFree),
    accessibleToilet: tristateOf(content.accessibleToilet),
    disabledParking: tristateOf(content.disabledParking),
    hearingLoop: tristateOf(content.hearingLoop),
  });
}

export const situationForm = defineForm({
  id: 'catalog.situation',
  once: true,
  fields: {
    revision: { kind: 'hidden', maxLength: 10 },
    ...withTwin('title', { kind: 'text', label: 'catalog:fields.title', maxLength: 160 }),
    slug: { kind: 'text', label: 'catalog:fields.slug', maxLength: 80 },
    ...withTwin('summary', { kind: 'textarea', label: 'catalog:fields.summary', maxLength: 400 }),
    ...withTwin('description', { ...long, label: 'catalog:fields.introduction' }),
    ...withTwin('tips', { kind: 'lines', label: 'catalog:fields.tips', maxLength: 5000, maxItems: 30 }),
    showOnHome: { kind: 'checkbox', label: 'catalog:fields.showOnHome' },
    position: {
      kind: 'integer',
      label: 'catalog:fields.position',
      min: 0,
      max: 1000,
      messages: { integer: 'catalog:errors.position', 'too-small': 'catalog:errors.position', 'too-large': 'catalog:errors.position' },
    },
  },
});
export type SituationFormValue = FormValue<typeof situationForm>;

/** Without a position a life situation goes after those that have one. */
const defaultPosition = 100;

export function situationContentOf(value: SituationFormValue): { content: SituationContent; errors: FormErrors } {
  const content: SituationContent = {
    slug: value.slug,
    title: value.title,
    summary: value.summary,
    description: value.description,
    tips: value.tips,
    showOnHome: value.showOnHome,
    position: value.position ?? defaultPosition,
  };
  return { content: withEnglish(content, englishTexts(value, ['title', 'summary', 'description', 'tips'])), errors: {} };
}

export function situationFormValues(content: SituationContent): Raw {
  return toRaw(situationForm, { ...content, ...englishValues(content.en, ['title', 'summary', 'description', 'tips']) });
}

/** What a new entry's form starts with. */
export const newOfficeRaw: Raw = { closedOnHolidays: 'on' };
export const newSituationRaw: Raw = { position: String(defaultPosition) };
