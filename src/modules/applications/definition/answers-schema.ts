import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { parseDay } from '#kernel/dates.ts';
import { normaliseEmail } from '#kernel/text.ts';
import { platePattern } from './plates.ts';
import type { Field, FormDefinition, LeafField, procedureNames } from './schema.ts';

/*
 * The JSON Schema (2020-12) of a definition's answers, for specialist systems that take the cases: each field
 * by its id with its German label as title and its FIM Datenfeld as `x-fim`. Whether a field is there at all
 * depends on the answers before it (conditions), so no field is listed as required at the top; a field that
 * is there and was required is never null.
 */

type Schema = Record<string, unknown>;

const nullable = (schema: Schema, required: boolean | undefined): Schema => (required ? schema : { anyOf: [schema, { type: 'null' }] });

const text = (maxLength: number): Schema => ({ type: 'string', minLength: 1, maxLength });

// What the kernel's kinds give: E.164 telephone numbers, compact IBANs, days as ISO dates.
const phonePattern = '^\\+[1-9][0-9]{6,14}$';
const ibanPattern = '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$';
const dayPattern = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

function value(field: LeafField): Schema {
  const options = (field.options ?? []).map((option) => option.value);
  switch (field.type) {
    case 'text':
      return text(field.maxLength ?? 200);
    case 'textarea':
      return text(field.maxLength ?? 10_000);
    case 'email':
      return { ...text(field.maxLength ?? 254), format: 'email' };
    case 'phone':
      return { type: 'string', pattern: phonePattern };
    case 'iban':
      return { type: 'string', pattern: ibanPattern };
    case 'licencePlate':
      return { type: 'string', pattern: platePattern };
    case 'number':
      return { type: 'integer', ...(typeof field.min === 'number' ? { minimum: field.min } : {}), ...(typeof field.max === 'number' ? { maximum: field.max } : {}) };
    case 'date':
      return { type: 'string', format: 'date', pattern: dayPattern };
    case 'select':
    case 'radio':
      return { type: 'string', enum: options };
    case 'checkbox':
      return field.required ? { const: true } : { type: 'boolean' };
    case 'checkboxes':
      return { type: 'array', items: { enum: options }, uniqueItems: true, minItems: field.required ? 1 : 0, maxItems: options.length };
    case 'address':
      return {
        type: 'object',
        properties: { street: text(100), houseNumber: { ...text(12), pattern: '^[0-9]' }, postcode: { type: 'string', pattern: '^[0-9]{5}$' }, town: text(100) },
        required: ['street', 'houseNumber', 'postcode', 'town'],
        additionalProperties: false,
      };
    case 'file':
      return {
        type: 'object',
        properties: {
          fileId: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the content' },
          filename: { type: 'string' },
          mediaType: { enum: field.accept ?? [] },
          bytes: { type: 'integer', minimum: 1, maximum: field.maxBytes ?? 1 },
        },
        required: ['fileId', 'filename', 'mediaType', 'bytes'],
        additionalProperties: false,
      };
  }
}

function described(field: Field, schema: Schema): Schema {
  return { title: field.label.de, ...(field.hint ? { description: field.hint.de } : {}), ...('fim' in field && field.fim ? { 'x-fim': field.fim } : {}), ...schema };
}

function leafSchema(field: LeafField): Schema {
  const always = field.type === 'checkbox' || field.type === 'checkboxes';
  return described(field, nullable(value(field), always || field.required));
}

function fieldSchema(field: Field): Schema {
  if (field.type !== 'group') return leafSchema(field);
  const row = {
    type: 'object',
    properties: Object.fromEntries(field.fields.map((child) => [child.id, leafSchema(child)])),
    // A row has every field that is not shown only on a condition.
    required: field.fields.filter((child) => child.when === undefined).map((child) => child.id),
    additionalProperties: false,
  };
  return described(field, { type: 'array', items: row, minItems: field.min, maxItems: field.max });
}

/** The answer the procedure `residentsParking` adds beside the person's own: the zone of their street. */
export const parkingZoneAnswer = 'parkingZone';

/**
 * Answers a procedure (`procedures.ts`) works out and stores with the case beside the person's own, marked
 * `x-derived` so a receiving system knows nobody typed them. Never required: a city whose street register
 * is still empty derives nothing.
 */
const derivedAnswers: Record<(typeof procedureNames)[number], Record<string, Schema>> = {
  residentsParking: {
    [parkingZoneAnswer]: {
      title: 'Bewohnerparkzone',
      description: 'Aus der Straße der Anschrift im Straßenverzeichnis der Stadt ermittelt, nicht von der antragstellenden Person angegeben.',
      'x-derived': 'residentsParking',
      type: 'string',
      minLength: 1,
      maxLength: 100,
    },
  },
  registrationCertificate: {},
};

/** The names of the answers a procedure adds: no field of a form with that procedure may take one. */
export const derivedAnswerNames = (procedure: (typeof procedureNames)[number]): string[] => Object.keys(derivedAnswers[procedure]);

/** The JSON Schema (2020-12) of the answers to a definition, with the answers its procedure derives. */
export function answersSchema(definition: FormDefinition): Record<string, unknown> {
  const fields = definition.pages.flatMap((page) => page.fields);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: definition.title.de,
    type: 'object',
    properties: { ...Object.fromEntries(fields.map((field) => [field.id, fieldSchema(field)])), ...(definition.procedure ? derivedAnswers[definition.procedure] : {}) },
    additionalProperties: false,
  };
}

const validators = new WeakMap<FormDefinition, ValidateFunction>();

/**
 * A check of answers against `answersSchema`, as a receiving system would run it: JSON Schema 2020-12,
 * strict, formats checked. Made once per definition (building one costs milliseconds, using it nothing).
 */
export function answersValidator(definition: FormDefinition): ValidateFunction {
  const known = validators.get(definition);
  if (known) return known;
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  ajv.addVocabulary(['x-fim', 'x-derived']);
  ajv.addFormat('date', (value: string) => /^\d{4}-/.test(value) && parseDay(value).ok);
  ajv.addFormat('email', (value: string) => normaliseEmail(value) === value);
  const validate = ajv.compile(answersSchema(definition));
  validators.set(definition, validate);
  return validate;
}
