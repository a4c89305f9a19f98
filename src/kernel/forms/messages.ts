import type { TFunction } from 'i18next';
import type { Language } from '../auth/actor.ts';
import { formatDay } from '../dates.ts';
import { formatBytes } from '../files/refusals.ts';
import { mediaTypeLabel } from '../files/media.ts';
import type { FieldErrors } from '../html/page.ts';
import { inputsOf, type ErrorValue, type FieldDef, type FieldError, type FormDef, type FormErrors, type Raw } from './fields.ts';

/** What translating needs: the page context of a request has both. */
export interface Reader {
  t: TFunction;
  lang: Language;
}

const kernelCodes = new Set([
  'required',
  'multiple',
  'invalid',
  'too-long',
  'too-short',
  'too-many',
  'too-few',
  'pattern',
  'email',
  'integer',
  'too-small',
  'too-large',
  'euros-format',
  'euros-cents',
  'euros-negative',
  'euros-too-small',
  'euros-too-large',
  'date-too-early',
  'date-too-late',
  'time-format',
  'iban-format',
  'iban-country',
  'iban-length',
  'iban-check',
  'phone-letters',
  'phone-format',
  'phone-too-short',
  'phone-too-long',
  'not-a-choice',
]);

// The date problems and the file store's refusals have their sentences already, beside their parsers.
const elsewhere: Record<string, string> = {
  'date-format': 'kernel:dates.format',
  'date-year': 'kernel:dates.noSuchYear',
  'date-month': 'kernel:dates.noSuchMonth',
  'date-day': 'kernel:dates.noSuchDay',
  'file-too-large': 'kernel:files.refused.too-large',
  'file-type-not-allowed': 'kernel:files.refused.type-not-allowed',
  'file-empty': 'kernel:files.refused.empty',
  'file-unreadable': 'kernel:files.refused.unreadable',
  'file-infected': 'kernel:files.refused.infected',
};

interface Place {
  field: FieldDef;
  /** The group's definition and the row, for a field in a row. */
  row?: { group: FieldDef; number: number };
}

function places(form: FormDef | undefined): Map<string, Place> {
  const found = new Map<string, Place>();
  if (!form) return found;
  for (const [name, field] of Object.entries(form.fields)) found.set(name, { field });
  for (const { name, field, row } of inputsOf(form)) if (row) found.set(name, { field, row: { group: form.fields[row.group]!, number: row.number } });
  return found;
}

function messageKey(code: string, place: Place | undefined): string {
  const own = place?.field.messages?.[code] ?? place?.row?.group.messages?.[code];
  if (own) return own;
  // A module's own problem, named by the key of its message (`catalog:errors.slugTaken`).
  if (code.includes(':')) return code;
  if (code === 'required' && place) {
    const kind = place.field.kind;
    if (kind === 'checkbox' || kind === 'file') return `kernel:forms.errors.required-${kind}`;
    if (kind === 'choice' || kind === 'choices') return 'kernel:forms.errors.required-choice';
  }
  if (kernelCodes.has(code)) return `kernel:forms.errors.${code}`;
  return elsewhere[code] ?? 'kernel:forms.errors.invalid';
}

/** Values for a message or a label: `{ key }` translated, the rest as they are. */
export function translated(reader: Pick<Reader, 't'>, values: Readonly<Record<string, ErrorValue>> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values ?? {}).map(([name, value]) => [name, typeof value === 'object' ? reader.t(value.key) : value]));
}

function label(reader: Reader, name: string, place: Place | undefined): string {
  if (!place?.field.label) return name;
  const own = reader.t(place.field.label, { ...translated(reader, 'labelValues' in place.field ? place.field.labelValues : undefined), number: place.row?.number });
  const group = place.row?.group.label;
  return group ? `${reader.t(group, { number: place.row!.number })}: ${own}` : own;
}

function euros(reader: Reader, cents: number): string {
  return new Intl.NumberFormat(reader.lang === 'de' ? 'de-DE' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

const regionNames = { de: new Intl.DisplayNames(['de'], { type: 'region' }), en: new Intl.DisplayNames(['en'], { type: 'region' }) };

/** A country's name in the reader's language (`DE` → Deutschland), or its code when there is none. */
function countryName(reader: Reader, code: string): string {
  try {
    return regionNames[reader.lang].of(code) ?? code;
  } catch {
    return code;
  }
}

/** The values a code's message shows, in the reader's language: amounts, days, sizes and types, keys translated. */
function shownValues(reader: Reader, code: string, values: Record<string, ErrorValue>): Record<string, unknown> {
  const shown = translated(reader, values);
  if (code.startsWith('euros-')) for (const name of ['min', 'max'] as const) if (typeof values[name] === 'number') shown[name] = euros(reader, values[name]);
  if (code === 'date-too-early' || code === 'date-too-late') for (const name of ['min', 'max'] as const) if (typeof values[name] === 'string') shown[name] = formatDay(values[name]);
  const number = (name: string) => (typeof values[name] === 'number' ? values[name] : 0);
  if (code === 'iban-length' && typeof values.country === 'string') shown.countryName = countryName(reader, values.country);
  if (code === 'date-day') {
    const pad = (value: number, width = 2) => String(value).padStart(width, '0');
    shown.date = `${pad(number('day'))}.${pad(number('month'))}.${pad(number('year'), 4)}`;
    shown.month = reader.t(`kernel:dates.months.${number('month')}`);
    shown.count = number('daysInMonth');
  }
  if (code.startsWith('file-')) {
    const accept = typeof values.accept === 'string' ? values.accept : '';
    shown.limit = formatBytes(number('maxBytes'), reader.lang);
    shown.types = [...new Set(accept.split(',').filter(Boolean).map(mediaTypeLabel))].join(', ');
  }
  return shown;
}

/** One problem in a sentence, naming its field as the form does. */
export function fieldMessage(reader: Reader, name: string, error: FieldError, form?: FormDef): string {
  return formMessages(reader, { [name]: error }, form)[name]!;
}

/**
 * The problems of a form in the reader's language, by input name, for the error summary and the fields.
 * A field's `messages` say a code in the form's own words; a code with a colon is a module's message key;
 * the others are the kernel's (`kernel:forms.errors.<code>`).
 */
export function formMessages(reader: Reader, errors: FormErrors, form?: FormDef): FieldErrors {
  const found = places(form);
  const messages: FieldErrors = {};
  for (const [name, error] of Object.entries(errors)) {
    const place = found.get(name);
    const field = label(reader, name, place);
    const sentence = reader.t(messageKey(error.code, place), { ...shownValues(reader, error.code, error.values ?? {}), field });
    // A row repeats its fields, so a sentence that does not name its field (a day typed wrongly) would not
    // say which row; the summary names it as the other problems do ("Hund 2: Geburtsdatum").
    messages[name] = place?.row && !sentence.includes(field) ? reader.t('kernel:forms.inRow', { field, message: sentence }) : sentence;
  }
  return messages;
}

/** A form as a page shows it: what was typed, and the problems in words. */
export interface FormState {
  raw: Raw;
  errors: FieldErrors;
  hasErrors: boolean;
}

/**
 * What a view needs to show a form again: `raw` as posted (or `toRaw` of what is stored) and the problems
 * translated. `{ raw: {} }` is a form shown for the first time.
 */
export function formState(reader: Reader, read: { raw: Raw; errors?: FormErrors }, form?: FormDef): FormState {
  const errors = read.errors ? formMessages(reader, read.errors, form) : {};
  return { raw: read.raw, errors, hasErrors: Object.keys(errors).length > 0 };
}
