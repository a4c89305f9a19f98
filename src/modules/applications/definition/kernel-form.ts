import { addDays, todayInBerlin } from '#kernel/calendar.ts';
import type { FieldDef, FormDef, LeafDef, Option } from '#kernel/forms/index.ts';
import { isFileAnswer, type Answers } from './answers.ts';
import { groupFields, pruneHidden, visibleFields } from './conditions.ts';
import type { FormDefinition, LeafField, Page } from './schema.ts';
import { textKeys, type FieldAt } from './texts.ts';

/*
 * One page of a definition as a kernel form: each field by the kernel kind that reads it, its texts by key in
 * the version's namespace. An address is four inputs (`<id>Street` …); everything else is one input by the
 * field's id, in a group's rows as the kernel names them (`dog2Name`).
 */

export interface PageOptions {
  /** The moment "today" is taken from for dates limited in days from today (`+14`); default now. */
  now?: Date;
  /** The town of an address limited to the city (`cityOnly`); without it the town is asked. */
  city?: string;
  /** Whether a street is in the city's street register; without it the street of a `cityOnly` address is not checked. */
  knownStreet?: (street: string) => boolean;
}

export const addressParts = [
  ['Street', 'street'],
  ['HouseNumber', 'houseNumber'],
  ['Postcode', 'postcode'],
  ['Town', 'town'],
] as const;

/** The town is fixed, not asked, for an address limited to the city when the city is known. */
export const fixedTown = (field: LeafField, options: PageOptions): string | undefined => (field.cityOnly ? options.city : undefined);

/** A limit of a date field as a day: `YYYY-MM-DD` as it is, `+14` / `-36500` as days from today in Berlin. */
export function dayLimit(limit: number | string | undefined, today: string): string | undefined {
  if (typeof limit !== 'string') return undefined;
  return /^[+-]/.test(limit) ? addDays(today, Number(limit)) : limit;
}

const numberLimit = (limit: number | string | undefined) => (typeof limit === 'number' ? limit : undefined);

const autocomplete: Record<string, string> = { name: 'name', givenName: 'given-name', familyName: 'family-name', email: 'email', phone: 'tel' };

interface Place {
  namespace: string;
  at: FieldAt;
  today: string;
  options: PageOptions;
  /** The answer stored for a page's field, which decides whether a stored file may be removed. */
  stored?: unknown;
}

const key = (place: Place, name: string) => `${place.namespace}:${name}`;

function choices(place: Place, field: LeafField): Option[] {
  return (field.options ?? []).map((option) => ({
    value: option.value,
    label: key(place, textKeys.optionLabel(place.at, option.value)),
    hint: option.hint ? key(place, textKeys.optionHint(place.at, option.value)) : undefined,
  }));
}

function addressDefs(field: LeafField, place: Place, common: { label: string; hint?: string | undefined; required: boolean }): [string, LeafDef][] {
  const named = { field: { key: common.label } };
  const own = field.prefill === 'address';
  const part = (name: string, extra: Partial<LeafDef>): LeafDef => ({ kind: 'text', label: `applications:definition.address.${name}`, labelValues: named, required: common.required, ...extra }) as LeafDef;
  const defs: [string, LeafDef][] = [
    [`${field.id}Street`, part('street', { hint: common.hint, maxLength: 100, autocomplete: own ? 'address-line1' : undefined })],
    [`${field.id}HouseNumber`, part('houseNumber', { maxLength: 12, pattern: '[0-9].*', messages: { pattern: 'applications:definition.errors.houseNumber' } })],
    [`${field.id}Postcode`, part('postcode', { maxLength: 5, pattern: '[0-9]{5}', inputmode: 'numeric', autocomplete: own ? 'postal-code' : undefined, messages: { pattern: 'applications:definition.errors.postcode' } })],
  ];
  if (fixedTown(field, place.options) === undefined) defs.push([`${field.id}Town`, part('town', { maxLength: 100, autocomplete: own ? 'address-level2' : undefined })]);
  return defs;
}

/** The kernel inputs of one field of a page or a group's row, by their names there. */
export function leafDefs(field: LeafField, place: Place): [string, LeafDef][] {
  const common = { label: key(place, textKeys.label(place.at)), hint: field.hint ? key(place, textKeys.hint(place.at)) : undefined, required: field.required === true };
  const text = { ...common, maxLength: field.maxLength, autocomplete: field.prefill ? autocomplete[field.prefill] : undefined };
  const one = (def: LeafDef): [string, LeafDef][] => [[field.id, def]];
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'email':
      return one({ kind: field.type, ...text });
    case 'phone':
      // Someone else's number (a contact person) is not the browser's to fill in.
      return one({ kind: 'phone', ...common, autocomplete: field.prefill === 'phone' ? 'tel' : 'off' });
    case 'iban':
      return one({ kind: 'iban', ...common });
    case 'licencePlate':
      return one({ kind: 'text', ...common, maxLength: 20, autocomplete: 'off' });
    case 'number':
      return one({ kind: 'integer', ...common, min: numberLimit(field.min), max: numberLimit(field.max) });
    case 'date':
      return one({ kind: 'date', ...common, min: dayLimit(field.min, place.today), max: dayLimit(field.max, place.today) });
    case 'select':
      return one({ kind: 'choice', widget: 'select', ...common, options: choices(place, field) });
    case 'radio':
      return one({ kind: 'choice', ...common, options: choices(place, field) });
    case 'checkbox':
      return one({ kind: 'checkbox', ...common });
    case 'checkboxes':
      return one({ kind: 'choices', ...common, options: choices(place, field) });
    case 'address':
      return addressDefs(field, place, common);
    case 'file': {
      const def: [string, LeafDef] = [field.id, { kind: 'file', ...common, accept: field.accept ?? [], maxBytes: field.maxBytes ?? 1 }];
      // A file chosen before stays unless another is chosen; an optional one may also be taken back.
      if (place.at.group || common.required || !isFileAnswer(place.stored)) return [def];
      return [def, [`${field.id}Remove`, { kind: 'checkbox', label: 'applications:definition.file.remove', labelValues: { filename: place.stored.filename } }]];
    }
  }
}

/**
 * A page of a definition as a kernel form: the fields the answers of the earlier pages show, each by its
 * kernel kind, its texts by key in `namespace` (what `registerFormTexts` returned).
 */
export function kernelForm(definition: FormDefinition, namespace: string, page: Page, answers: Answers, options: PageOptions = {}): FormDef {
  const kept = pruneHidden(definition, answers);
  const today = todayInBerlin(options.now);
  const fields: Record<string, FieldDef> = {};
  for (const field of visibleFields(page, kept)) {
    if (field.type !== 'group') {
      for (const [name, def] of leafDefs(field, { namespace, at: { id: field.id }, today, options, stored: kept[field.id] })) fields[name] = def;
      continue;
    }
    const rowFields: Record<string, LeafDef> = {};
    for (const child of groupFields(field.fields, kept)) {
      for (const [name, def] of leafDefs(child, { namespace, at: { id: child.id, group: field.id }, today, options })) rowFields[name] = def;
    }
    fields[field.id] = { kind: 'group', label: `${namespace}:${textKeys.itemLabel(field.id)}`, min: field.min, max: field.max, fields: rowFields };
  }
  return { id: `applications.${definition.key}.${page.id}`, fields };
}
