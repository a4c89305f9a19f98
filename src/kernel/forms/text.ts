import { normaliseEmail } from '../text.ts';
import type { FieldError, ListDef, TextDef } from './fields.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: FieldError };

export const fail = (code: string, values?: FieldError['values']): { ok: false; error: FieldError } => ({ ok: false, error: values ? { code, values } : { code } });

/** Longest value kept of one input, to show again; a person types less, a script is cut off here. */
export const rawLimit = 100_000;

const defaultMaxLength = { text: 200, textarea: 10_000, email: 254, password: 1024, hidden: 500, lines: 10_000, terms: 2_000 } as const;

/**
 * One value from what the body parser made of an input: a string, or nothing. A browser sends a name
 * twice only when a page has two inputs of that name, so two values for a one-value field are refused
 * (`multiple`) rather than one of them silently picked; anything but text (a JSON object) is `invalid`.
 */
export function single(input: unknown): Parsed<string> {
  if (input === undefined || input === null) return { ok: true, value: '' };
  if (typeof input === 'string') return { ok: true, value: input };
  if (Array.isArray(input)) {
    if (input.length === 0) return { ok: true, value: '' };
    if (input.length === 1 && typeof input[0] === 'string') return { ok: true, value: input[0] };
    return fail(input.every((item) => typeof item === 'string') ? 'multiple' : 'invalid');
  }
  return fail('invalid');
}

/** Several values (checkboxes): one string is a list of one. */
export function several(input: unknown): Parsed<string[]> {
  if (input === undefined || input === null || input === '') return { ok: true, value: [] };
  if (typeof input === 'string') return { ok: true, value: [input] };
  if (Array.isArray(input) && input.every((item) => typeof item === 'string')) return { ok: true, value: input.filter((item) => item !== '') };
  return fail('invalid');
}

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const controlsKeepingLines = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const allControls = /[\u0000-\u001f\u007f-\u009f]/g;
// Halves of a UTF-16 pair without their partner cannot be stored as UTF-8 (PostgreSQL refuses them).
const loneSurrogates = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text as it is stored: composed Unicode (NFC, so "ä" typed two ways is one), line breaks as `\n`, no
 * control characters (a pasted NUL or escape sequence would reach a PDF, a mail or a terminal), and for one
 * line, tabs and breaks as spaces; trimmed.
 */
export function cleanText(value: string, multiline: boolean): string {
  const text = value.replace(loneSurrogates, '\ufffd').normalize('NFC').replace(/\r\n?/g, '\n');
  const cleaned = multiline ? text.replace(controlsKeepingLines, '') : text.replace(/[\t\n]/g, ' ').replace(allControls, '');
  return cleaned.trim();
}

const graphemes = new Intl.Segmenter('de', { granularity: 'grapheme' });

/** Length as people count characters: an emoji or an "é" made of two code points is one. */
export function characters(text: string): number {
  return [...graphemes.segment(text)].length;
}

function lengthProblem(text: string, field: { minLength?: number; maxLength?: number }, fallbackMax: number): Parsed<never> | null {
  const max = field.maxLength ?? fallbackMax;
  // Counting graphemes of a huge value costs time; code units already tell that it is far too long.
  const length = text.length > max * 4 ? text.length : characters(text);
  if (length > max) return fail('too-long', { max, length });
  if (field.minLength !== undefined && length > 0 && length < field.minLength) return fail('too-short', { min: field.minLength, length });
  return null;
}

export function parseText(field: TextDef, input: unknown): Parsed<string> {
  const taken = single(input);
  if (!taken.ok) return taken;
  const max = defaultMaxLength[field.kind];
  if (field.kind === 'password') {
    // Exactly as typed: a password with a leading space is another password.
    if (field.required && taken.value === '') return fail('required');
    return lengthProblem(taken.value, field, max) ?? { ok: true, value: taken.value };
  }
  const text = cleanText(taken.value, field.kind === 'textarea');
  if (text === '') return field.required ? fail('required') : { ok: true, value: '' };
  const tooLong = lengthProblem(text, field, max);
  if (tooLong) return tooLong;
  if (field.kind === 'email') {
    const email = normaliseEmail(text);
    return email ? { ok: true, value: email } : fail('email');
  }
  if (field.pattern && !new RegExp(`^(?:${field.pattern})$`, 'u').test(text)) return fail('pattern');
  return { ok: true, value: text };
}

/** One entry per line; blank lines and the list bullets people paste along are dropped. */
export function splitLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/^\s*[-•*–]\s+/, '').trim())
    .filter(Boolean);
}

/** Terms separated by commas or lines, each once. */
export function splitTerms(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,\n]/)
        .map((term) => term.trim())
        .filter(Boolean),
    ),
  ];
}

export function parseList(field: ListDef, input: unknown): Parsed<string[]> {
  const taken = single(input);
  if (!taken.ok) return taken;
  const text = cleanText(taken.value, true);
  if (text === '') return field.required ? fail('required') : { ok: true, value: [] };
  const tooLong = lengthProblem(text, field, defaultMaxLength[field.kind]);
  if (tooLong) return tooLong;
  const items = field.kind === 'lines' ? splitLines(text) : splitTerms(text);
  if (field.maxItems !== undefined && items.length > field.maxItems) return fail('too-many', { max: field.maxItems, given: items.length });
  return { ok: true, value: items };
}
