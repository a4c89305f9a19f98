import type { FileInfo } from '../files/types.ts';

/*
 * A form definition is data: fields by name, each with its kind, the i18n keys of its label and hint,
 * whether it is required, and its limits. The same definition reads a posted form into a typed value,
 * renders the form again with what was typed, and declares the route's body schema, so a module writes a
 * form once; a module that builds forms from stored definitions (one question per page) builds this data.
 */

interface Base {
  /** i18n key of the label; the field's name is used when there is none (a hidden field). */
  label?: string;
  /** Values the label's text needs, `{ key }` translated first (a twin's label naming the field it translates). */
  labelValues?: Readonly<Record<string, ErrorValue>>;
  /** i18n key of a hint shown under the label. */
  hint?: string;
  required?: boolean;
  /** Message keys by error code, for saying a problem in the form's own words (`{ required: 'accounts:errors.nameRequired' }`). */
  messages?: Readonly<Record<string, string>>;
}

export interface TextDef extends Base {
  /** `text` one line; `textarea` several; `email` an address (lower-cased); `password` never trimmed nor shown again; `hidden` carried along. */
  kind: 'text' | 'textarea' | 'email' | 'password' | 'hidden';
  maxLength?: number;
  minLength?: number;
  /** A regular expression the whole (trimmed) value must match; refused as `pattern`. */
  pattern?: string;
  autocomplete?: string;
  /** The keyboard a phone shows (`numeric` for a code of digits). */
  inputmode?: 'numeric' | 'text' | 'email' | 'tel';
}

export interface ListDef extends Base {
  /** `lines`: one entry per line, list bullets dropped; `terms`: separated by commas or lines, each once. */
  kind: 'lines' | 'terms';
  maxLength?: number;
  maxItems?: number;
}

export interface IntegerDef extends Base {
  kind: 'integer';
  min?: number;
  max?: number;
}

/** An amount in euros as Germans write it (`46,00`, `1.234,50 €`), read into integer cents. */
export interface EurosDef extends Base {
  kind: 'euros';
  /** Smallest amount taken, in cents (default 0: no negative amounts). */
  min?: number;
  /** Largest amount taken, in cents (default 999.999.999,99 €). */
  max?: number;
}

/** A calendar day (`01.12.2026`, `1.12.2026`, `01.12.26`, `2026-12-01`), read into `YYYY-MM-DD`. */
export interface DateDef extends Base {
  kind: 'date';
  /** Earliest day taken, `YYYY-MM-DD`. */
  min?: string;
  /** Latest day taken, `YYYY-MM-DD`. */
  max?: string;
}

/** A time of day (`7:30`, `07.30`, `0730`), read into `HH:MM`. */
export interface TimeDef extends Base {
  kind: 'time';
}

/** An IBAN (`DE89 3704 0044 0532 0130 00`, spaces and lower case taken), read compact and upper case. */
export interface IbanDef extends Base {
  kind: 'iban';
}

/** A telephone number as people write it (`02431 85-0`, `+49 2431 850`), read into E.164 (`+492431850`). */
export interface PhoneDef extends Base {
  kind: 'phone';
  /** What the browser may fill in (default `tel`; `off` for someone else's number). */
  autocomplete?: string;
}

export interface CheckboxDef extends Base {
  kind: 'checkbox';
  /** What a ticked box sends (default `on`). A required box must be ticked (a consent). */
  value?: string;
}

export interface Option {
  value: string;
  /** i18n key of the option's label. */
  label: string;
  hint?: string;
}

/**
 * One of several values (radio buttons or a select). Without `options` any value up to 200 characters is
 * taken and the service checks it (choices that come from the database, such as an office).
 */
export interface ChoiceDef extends Base {
  kind: 'choice';
  options?: readonly Option[];
  widget?: 'radio' | 'select';
  /** Without `options`: the longest value taken (default 200); a longer one is `not-a-choice`. */
  maxLength?: number;
}

/** Any number of values (checkboxes); without `options`, checked by the service. */
export interface ChoicesDef extends Base {
  kind: 'choices';
  options?: readonly Option[];
  maxItems?: number;
  /** Without `options`: the longest value taken (default 200); a longer one is `not-a-choice`. */
  maxLength?: number;
}

/** A file, streamed into the kernel's file store while the form is parsed (multipart only). */
export interface FileDef extends Base {
  kind: 'file';
  /** Media types taken, as `ctx.files.put` takes them. */
  accept: readonly string[];
  maxBytes: number;
}

export type LeafDef = TextDef | ListDef | IntegerDef | EurosDef | DateDef | TimeDef | IbanDef | PhoneDef | CheckboxDef | ChoiceDef | ChoicesDef | FileDef;

/**
 * Rows of the same fields (several fees, several dogs). Row `n`'s field `label` of group `fee` is posted as
 * `fee<n>Label`, so every input has a plain name of its own and its own error. A row where nothing was
 * entered is left out; a required field is required in the rows that were filled in.
 */
export interface GroupDef {
  kind: 'group';
  /** i18n key of a row's heading, given `{{number}}` (e.g. "Gebühr {{number}}"). */
  label?: string;
  hint?: string;
  fields: Readonly<Record<string, LeafDef>>;
  /** Most rows taken. */
  max: number;
  /** Fewest filled rows taken (default 0). */
  min?: number;
  /** Empty rows offered below the filled ones when the form is shown (default 1). */
  spare?: number;
  messages?: Readonly<Record<string, string>>;
}

export type FieldDef = LeafDef | GroupDef;
export type FormFields = Readonly<Record<string, FieldDef>>;

export interface FormDef<F extends FormFields = FormFields> {
  /** Names the form in idempotency records (`catalog.create-service`). */
  id: string;
  fields: F;
  /**
   * The form creates something: it carries a one-time key, and `once` does the work of a key a single
   * time, answering a repeat with the first outcome (README.md, "Submitted once").
   */
  once?: boolean;
}

/** Keeps the literal types of the definition, so that `FormValue<typeof form>` knows each field's value. */
export function defineForm<const F extends FormFields>(form: FormDef<F>): FormDef<F> {
  return form;
}

/** A file a form took: the name the browser sent (for showing only) and the stored file. */
export interface FormFile {
  filename: string;
  file: FileInfo;
}

type Maybe<F, T> = F extends { required: true } ? T : T | null;
type OptionValue<F> = F extends { options: readonly { value: infer V extends string }[] } ? V : string;

export type ValueOf<F> = F extends { kind: 'text' | 'textarea' | 'email' | 'password' | 'hidden' }
  ? string
  : F extends { kind: 'lines' | 'terms' }
    ? string[]
    : F extends { kind: 'choices' }
      ? OptionValue<F>[]
      : F extends { kind: 'checkbox' }
        ? boolean
        : F extends { kind: 'choice' }
          ? Maybe<F, OptionValue<F>>
          : F extends { kind: 'integer' | 'euros' }
            ? Maybe<F, number>
            : F extends { kind: 'date' | 'time' | 'iban' | 'phone' }
              ? Maybe<F, string>
              : F extends { kind: 'file' }
                ? Maybe<F, FormFile>
                : F extends { kind: 'group'; fields: infer G }
                  ? { -readonly [K in keyof G]: ValueOf<G[K]> }[]
                  : never;

/** The typed value a definition reads into. */
export type FormValue<D> = D extends FormDef<infer F> ? { -readonly [K in keyof F]: ValueOf<F[K]> } : never;

/** What was posted, by input name, to show again: strings, and lists of strings for multiple choices. */
export type Raw = Record<string, string | string[]>;

/** A value in an error's message: shown as it is, or, as `{ key }`, translated first (a weekday's name). */
export type ErrorValue = string | number | { key: string };

/** Why a field was refused: a reason code and the values its message needs. Routes translate; services never do. */
export interface FieldError {
  code: string;
  values?: Record<string, ErrorValue>;
}

/** Problems by input name (`email`, `fee2Amount`); `form` for one that belongs to no field. */
export type FormErrors = Record<string, FieldError>;

/** The hidden field that carries a form's one-time key. */
export const formKeyField = '_formKey';

/** The input name of row `row` (1-based) of a group's field: `fee`, 2, `amount` → `fee2Amount`. */
export function rowFieldName(group: string, row: number, field: string): string {
  return `${group}${row}${field.charAt(0).toUpperCase()}${field.slice(1)}`;
}

/** Every input the form has, groups expanded to their largest number of rows, with its definition and row. */
export function* inputsOf(form: FormDef): Generator<{ name: string; field: LeafDef; row?: { group: string; number: number } }> {
  for (const [name, field] of Object.entries(form.fields)) {
    if (field.kind !== 'group') {
      yield { name, field };
      continue;
    }
    for (let number = 1; number <= field.max; number += 1) {
      for (const [child, childField] of Object.entries(field.fields)) yield { name: rowFieldName(name, number, child), field: childField, row: { group: name, number } };
    }
  }
}
