import type { Language } from '#kernel/auth/actor.ts';
import type { LetterBlock } from '#kernel/pdf/letter.ts';

/*
 * Templates in the GOV.UK Notify manner: plain text with ((placeholders)), blank lines between paragraphs,
 * lines starting with "- " as a list. Pure functions, so a template renders the same in the e-mail, the
 * inbox, the letter and the editor's preview.
 */

export type PlaceholderType = 'text' | 'date' | 'datetime' | 'number' | 'money' | 'url';

/** A value the sending module supplies, with its type and an example for the editor's preview. */
export interface Placeholder {
  name: string;
  type: PlaceholderType;
  example: string;
}

/** Always available, filled in by notify itself: the recipient's name, the city, the message's reference. */
export const builtInPlaceholders = ['name', 'city', 'reference'] as const;

const placeholderPattern = /\(\(([A-Za-z][A-Za-z0-9_]*)\)\)/g;

export function placeholdersIn(...texts: string[]): string[] {
  const names = new Set<string>();
  for (const text of texts) for (const match of text.matchAll(placeholderPattern)) names.add(match[1]!);
  return [...names];
}

/** Placeholders a text uses that neither the purpose declares nor notify fills in. */
export function unknownPlaceholders(declared: readonly Placeholder[], ...texts: string[]): string[] {
  const known = new Set<string>([...builtInPlaceholders, ...declared.map((placeholder) => placeholder.name)]);
  return placeholdersIn(...texts).filter((name) => !known.has(name));
}

export interface ValueProblem {
  name: string;
  problem: 'missing' | 'invalid';
  type: PlaceholderType;
}

export type RawValues = Record<string, string | number>;

/** Intl formatters are costly to make and the same few serve every message: made once per language and kind. */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function formatterOf<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => F): F {
  let made = formatters.get(key) as F | undefined;
  if (!made) {
    made = make();
    formatters.set(key, made);
  }
  return made;
}

function formatValue(type: PlaceholderType, raw: string | number, language: Language, publicUrl: string): string | null {
  const locale = language === 'de' ? 'de-DE' : 'en-GB';
  const text = typeof raw === 'number' ? String(raw) : raw.trim();
  switch (type) {
    case 'text':
      return text.length > 0 && text.length <= 10_000 ? text : null;
    case 'date': {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T12:00:00Z`))) return null;
      return formatterOf(`date:${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' })).format(new Date(`${text}T12:00:00Z`));
    }
    case 'datetime': {
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) || Number.isNaN(Date.parse(text))) return null;
      const formatted = formatterOf(`datetime:${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Berlin' })).format(new Date(text));
      return language === 'de' ? `${formatted} Uhr` : formatted;
    }
    case 'number': {
      const value = typeof raw === 'number' ? raw : Number(text);
      return text !== '' && Number.isFinite(value) ? formatterOf(`number:${locale}`, () => new Intl.NumberFormat(locale)).format(value) : null;
    }
    case 'money': {
      // Money travels as integer cents, as everywhere on the platform.
      const cents = typeof raw === 'number' ? raw : Number(text);
      if (text === '' || !Number.isInteger(cents)) return null;
      return formatterOf(`money:${locale}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' })).format(cents / 100);
    }
    case 'url':
      if (text.startsWith('/') && !text.startsWith('//')) return `${publicUrl}${text}`;
      return /^https?:\/\/[^\s]+$/.test(text) ? text : null;
  }
}

/**
 * Checks the values for every placeholder the version's texts use and formats them for the recipient's
 * language. A missing value is an error, never a blank in a letter to a citizen.
 */
export function prepareValues(
  declared: readonly Placeholder[],
  used: readonly string[],
  values: RawValues,
  language: Language,
  publicUrl: string,
): { ok: true; values: Record<string, string> } | { ok: false; problems: ValueProblem[] } {
  const problems: ValueProblem[] = [];
  const formatted: Record<string, string> = {};
  for (const placeholder of declared) {
    if (!used.includes(placeholder.name)) continue;
    const raw = Object.hasOwn(values, placeholder.name) ? values[placeholder.name] : undefined;
    if (raw === undefined || raw === '') {
      problems.push({ name: placeholder.name, problem: 'missing', type: placeholder.type });
      continue;
    }
    const value = formatValue(placeholder.type, raw, language, publicUrl);
    if (value === null) problems.push({ name: placeholder.name, problem: 'invalid', type: placeholder.type });
    else formatted[placeholder.name] = value;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values: formatted };
}

/** Example values for the editor's preview, formatted like real ones. */
export function exampleValues(declared: readonly Placeholder[], language: Language, publicUrl: string): Record<string, string> {
  return Object.fromEntries(declared.map((placeholder) => [placeholder.name, formatValue(placeholder.type, placeholder.example, language, publicUrl) ?? placeholder.example]));
}

/** One pass over the text, so a value that itself contains "((x))" is never expanded. */
export function fill(text: string, values: Record<string, string>): string {
  return text.replace(placeholderPattern, (whole, name: string) => values[name] ?? whole);
}

/** Paragraphs (single line breaks kept) and bullet lists, the only structure a message has. */
export function toBlocks(body: string): LetterBlock[] {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk.length > 0)
    .map((chunk): LetterBlock => {
      const lines = chunk.split('\n');
      return lines.every((line) => line.startsWith('- ')) ? { kind: 'list', items: lines.map((line) => line.slice(2).trim()) } : { kind: 'paragraph', text: chunk };
    });
}
