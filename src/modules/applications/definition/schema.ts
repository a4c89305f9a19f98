import Type, { type Static } from 'typebox';

/*
 * A form definition is data a form designer uploads or edits: its pages, fields and conditions, its texts in
 * German (always), English and Leichte Sprache (where written), how long its cases are kept. A published
 * version is never changed; a case keeps the version it was made with. Behaviour that needs code (a zone
 * derived from the street, delivery only by letter) is named here as a `procedure` and lives in the module.
 */

const Id = Type.String({ pattern: '^[a-z][a-zA-Z0-9]{0,39}$', description: 'camelCase, unique within the form' });

/** A text in each language the form is written in; German is required, the others fall back to it. */
export const Text = Type.Object(
  {
    de: Type.String({ minLength: 1, maxLength: 4000 }),
    en: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
    /** Leichte Sprache. */
    ls: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
  },
  { additionalProperties: false },
);
export type Text = Static<typeof Text>;

/** A field's value compared: the field is a top-level field or a page's field, never a group's row. */
export const Comparison = Type.Object(
  {
    field: Id,
    /** Holds when the value is one of these (a choice, a checkbox `true`/`false`, a number). */
    equals: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Number(), Type.Boolean()])),
    in: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { minItems: 1, maxItems: 50 })),
    /** Holds when something was entered (at least one box ticked, one row filled). */
    filled: Type.Optional(Type.Boolean()),
    /** Holds when a number is at least this (a dog count, an age). */
    atLeast: Type.Optional(Type.Number()),
  },
  { additionalProperties: false },
);
export type Comparison = Static<typeof Comparison>;

/** When a page or field is shown: one comparison, or all / any of several. */
export const Condition = Type.Union([
  Comparison,
  Type.Object({ all: Type.Array(Comparison, { minItems: 1, maxItems: 10 }) }, { additionalProperties: false }),
  Type.Object({ any: Type.Array(Comparison, { minItems: 1, maxItems: 10 }) }, { additionalProperties: false }),
  Type.Object({ not: Comparison }, { additionalProperties: false }),
]);
export type Condition = Static<typeof Condition>;

export const Option = Type.Object({ value: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,59}$' }), label: Text, hint: Type.Optional(Text) }, { additionalProperties: false });
export type Option = Static<typeof Option>;

export const leafTypes = ['text', 'textarea', 'number', 'date', 'select', 'radio', 'checkbox', 'checkboxes', 'email', 'phone', 'iban', 'address', 'licencePlate', 'file'] as const;
export type LeafType = (typeof leafTypes)[number];

/** What the account already knows and a field may offer ("we already know this"), never use silently. */
export const prefillSources = ['name', 'givenName', 'familyName', 'email', 'phone', 'address'] as const;

const leafProperties = {
  id: Id,
  label: Text,
  hint: Type.Optional(Text),
  required: Type.Optional(Type.Boolean()),
  when: Type.Optional(Condition),
  /** Id of the matching FIM Datenfeld (`F60000227`), carried into the export. */
  fim: Type.Optional(Type.String({ pattern: '^[FG][0-9]{8}$' })),
  prefill: Type.Optional(Type.Enum(prefillSources)),
  /** Texts: longest answer in characters. */
  maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  /** Numbers: smallest and largest; dates: earliest and latest as `YYYY-MM-DD` or days from today (`+14`, `-36500`). */
  min: Type.Optional(Type.Union([Type.Number(), Type.String({ pattern: '^([0-9]{4}-[0-9]{2}-[0-9]{2}|[+-][0-9]{1,5})$' })])),
  max: Type.Optional(Type.Union([Type.Number(), Type.String({ pattern: '^([0-9]{4}-[0-9]{2}-[0-9]{2}|[+-][0-9]{1,5})$' })])),
  /** Dates: not before the day given in this other date field of the same page (the end of a range). */
  notBefore: Type.Optional(Id),
  /** Choices. */
  options: Type.Optional(Type.Array(Option, { minItems: 1, maxItems: 100 })),
  /** Files: media types taken and the largest size. */
  accept: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z]+/[a-z0-9.+-]+$' }), { minItems: 1, maxItems: 10 })),
  maxBytes: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 * 1024 * 1024 })),
  /** Addresses: only streets of the city's street list (a permit for residents). */
  cityOnly: Type.Optional(Type.Boolean()),
};

export const LeafField = Type.Object({ type: Type.Enum(leafTypes), ...leafProperties }, { additionalProperties: false });
export type LeafField = Static<typeof LeafField>;

/** Rows of the same fields: several dogs, several children. */
export const GroupField = Type.Object(
  {
    type: Type.Literal('group'),
    id: Id,
    label: Text,
    /** A row's heading; `{{number}}` is the row's number ("Hund {{number}}"). */
    itemLabel: Text,
    hint: Type.Optional(Text),
    when: Type.Optional(Condition),
    min: Type.Integer({ minimum: 0, maximum: 20 }),
    max: Type.Integer({ minimum: 1, maximum: 20 }),
    fields: Type.Array(LeafField, { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type GroupField = Static<typeof GroupField>;

export const Field = Type.Union([LeafField, GroupField]);
export type Field = Static<typeof Field>;

/** One question or one group of questions, shown on a page of its own. */
export const Page = Type.Object(
  {
    id: Id,
    title: Text,
    intro: Type.Optional(Text),
    when: Type.Optional(Condition),
    fields: Type.Array(Field, { minItems: 1, maxItems: 30 }),
  },
  { additionalProperties: false },
);
export type Page = Static<typeof Page>;

/** Code-defined behaviour a form may name (`procedures.ts`). */
export const procedureNames = ['residentsParking', 'registrationCertificate'] as const;

export const FormDefinition = Type.Object(
  {
    /** Stable across versions; the form's address (`/antraege/<key>`). */
    key: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,79}$' }),
    title: Text,
    /** Slug of the catalogue's service this form serves; its fees, documents and office come from there. A form without one (a general contact form) names its `office`. */
    service: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,119}$' })),
    /** Slug of the office that receives the cases, when not the service's responsible office. */
    office: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,119}$' })),
    /** What to have at hand, one entry each (the start page). */
    needs: Type.Array(Text, { maxItems: 12 }),
    /** How long filling in takes, in minutes. */
    minutes: Type.Integer({ minimum: 1, maximum: 240 }),
    pages: Type.Array(Page, { minItems: 1, maxItems: 40 }),
    declaration: Text,
    /** What happens after sending (the confirmation page and the receipt). */
    nextSteps: Text,
    /** Days a closed case is kept before it is deleted. */
    retentionDays: Type.Integer({ minimum: 30, maximum: 36_500 }),
    /** Days the office aims to decide in, counted while it is not waiting for the applicant. */
    targetDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
    /** Who may send it: anyone (also without an account), or only a signed-in person. */
    access: Type.Union([Type.Literal('anyone'), Type.Literal('account')]),
    procedure: Type.Optional(Type.Enum(procedureNames)),
  },
  { additionalProperties: false },
);
export type FormDefinition = Static<typeof FormDefinition>;
