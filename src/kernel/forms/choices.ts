import { parseDay } from '../dates.ts';
import type { CheckboxDef, ChoiceDef, ChoicesDef, DateDef } from './fields.ts';
import { cleanText, fail, several, single, type Parsed } from './text.ts';

/** Longest value of a choice without declared options (an id the service looks up). */
const openChoiceLength = 200;

/** Ticked when the box's own value came; an unticked box sends nothing at all. */
export function parseCheckbox(field: CheckboxDef, input: unknown): Parsed<boolean> {
  const taken = single(input);
  if (!taken.ok) return taken;
  const ticked = taken.value === (field.value ?? 'on');
  if (!ticked && taken.value !== '') return fail('not-a-choice');
  if (field.required && !ticked) return fail('required');
  return { ok: true, value: ticked };
}

function known(field: ChoiceDef | ChoicesDef, value: string): boolean {
  return field.options ? field.options.some((option) => option.value === value) : value.length <= (field.maxLength ?? openChoiceLength);
}

export function parseChoice(field: ChoiceDef, input: unknown): Parsed<string | null> {
  const taken = single(input);
  if (!taken.ok) return taken;
  const value = cleanText(taken.value, false);
  if (value === '') return field.required ? fail('required') : { ok: true, value: null };
  return known(field, value) ? { ok: true, value } : fail('not-a-choice');
}

export function parseChoices(field: ChoicesDef, input: unknown): Parsed<string[]> {
  const taken = several(input);
  if (!taken.ok) return taken;
  const values = [...new Set(taken.value.map((value) => cleanText(value, false)).filter(Boolean))];
  if (values.length === 0) return field.required ? fail('required') : { ok: true, value: [] };
  if (values.some((value) => !known(field, value))) return fail('not-a-choice');
  const max = field.maxItems ?? field.options?.length ?? 100;
  if (values.length > max) return fail('too-many', { max, given: values.length });
  return { ok: true, value: values };
}

/**
 * A day as typed (`parseDay` in kernel/dates.ts reads it), within the field's `min` and `max`. The codes
 * carry what the message needs: the year, the month or the days the month has.
 */
export function parseDateField(field: DateDef, input: unknown): Parsed<string | null> {
  const taken = single(input);
  if (!taken.ok) return taken;
  const text = cleanText(taken.value, false);
  if (text === '') return field.required ? fail('required') : { ok: true, value: null };
  const day = parseDay(text);
  if (!day.ok) {
    switch (day.reason) {
      case 'format':
        return fail('date-format');
      case 'no-such-year':
        return fail('date-year', { year: day.year });
      case 'no-such-month':
        return fail('date-month', { month: day.month });
      case 'no-such-day':
        return fail('date-day', { day: day.day, month: day.month, year: day.year, daysInMonth: day.daysInMonth });
    }
  }
  if (field.min && day.day < field.min) return fail('date-too-early', { min: field.min });
  if (field.max && day.day > field.max) return fail('date-too-late', { max: field.max });
  return { ok: true, value: day.day };
}
