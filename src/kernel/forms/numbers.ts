import type { EurosDef, IntegerDef, TimeDef } from './fields.ts';
import { cleanText, fail, single, type Parsed } from './text.ts';

/** 999.999.999,99 €: more than any fee or grant, and far inside what a JavaScript number counts exactly. */
export const defaultMaxCents = 99_999_999_999;

export type EuroProblem = 'euros-format' | 'euros-cents';

/**
 * An amount as people in Germany write it, in cents: `46`, `46,00`, `46,5`, `46,-`, `1.234,50 €`,
 * `EUR 12,00`, and `46.00` with a decimal point (two digits after a point cannot be a thousands group).
 * A minus sign gives a negative amount, which the field's `min` decides about. Returns why not otherwise:
 * `euros-cents` for more than two digits after the comma, `euros-format` for anything else.
 */
export function parseEuros(text: string): { ok: true; cents: number } | { ok: false; reason: EuroProblem } {
  let value = text
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/^(€|EUR)/i, '')
    .replace(/(€|EUR)$/i, '');
  const negative = /^[-−]/.test(value);
  if (negative) value = value.slice(1);
  value = value.replace(/,[-–—]$/, '');
  const german = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/.exec(value);
  const pointed = german ? null : /^(\d+)\.(\d{1,2})$/.exec(value);
  const parts = german ?? pointed;
  if (!parts) return { ok: false, reason: 'euros-format' };
  const whole = parts[1]!.replace(/\./g, '');
  const fraction = parts[2] ?? '';
  if (fraction.length > 2) return { ok: false, reason: 'euros-cents' };
  if (whole.length > 13) return { ok: false, reason: 'euros-format' };
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return { ok: true, cents: negative ? -cents : cents };
}

/** Cents as a German amount without the sign: 123450 → `1.234,50`. */
export function formatEuros(cents: number): string {
  return new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100);
}

export function parseEurosField(field: EurosDef, input: unknown): Parsed<number | null> {
  const taken = single(input);
  if (!taken.ok) return taken;
  const text = cleanText(taken.value, false);
  if (text === '') return field.required ? fail('required') : { ok: true, value: null };
  const parsed = parseEuros(text);
  if (!parsed.ok) return fail(parsed.reason);
  const min = field.min ?? 0;
  const max = field.max ?? defaultMaxCents;
  if (parsed.cents < min) return fail(min === 0 ? 'euros-negative' : 'euros-too-small', { min });
  if (parsed.cents > max) return fail('euros-too-large', { max });
  return { ok: true, value: parsed.cents };
}

export function parseInteger(field: IntegerDef, input: unknown): Parsed<number | null> {
  const taken = single(input);
  if (!taken.ok) return taken;
  const text = cleanText(taken.value, false).replace(/[\s\u00a0\u202f]/g, '');
  if (text === '') return field.required ? fail('required') : { ok: true, value: null };
  const parts = /^([-−]?)(\d{1,3}(?:\.\d{3})+|\d{1,15})$/.exec(text);
  if (!parts) return fail('integer');
  const value = Number(parts[2]!.replace(/\./g, '')) * (parts[1] ? -1 : 1);
  if (!Number.isSafeInteger(value)) return fail('integer');
  if (field.min !== undefined && value < field.min) return fail('too-small', { min: field.min });
  if (field.max !== undefined && value > field.max) return fail('too-large', { max: field.max });
  return { ok: true, value };
}

/** `7:30`, `07.30`, `0730`, `7` and `7 Uhr` → `07:30` / `07:00`; null when it is no time of day. */
export function parseTime(text: string): string | null {
  const parts = /^(\d{1,2})(?:[:.]?(\d{2}))?(?:\s*(?:Uhr|h))?$/i.exec(text.trim());
  if (!parts) return null;
  const hours = Number(parts[1]);
  const minutes = Number(parts[2] ?? '0');
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

export function parseTimeField(field: TimeDef, input: unknown): Parsed<string | null> {
  const taken = single(input);
  if (!taken.ok) return taken;
  const text = cleanText(taken.value, false);
  if (text === '') return field.required ? fail('required') : { ok: true, value: null };
  const time = parseTime(text);
  return time ? { ok: true, value: time } : fail('time-format');
}
