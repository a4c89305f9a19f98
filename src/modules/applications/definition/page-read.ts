import { parseDay } from '#kernel/dates.ts';
import type { FileInfo } from '#kernel/files/types.ts';
import type { Upload } from '#kernel/files/uploads.ts';
import { cleanText, rowFieldName, type FieldError, type FormErrors, type FormFile } from '#kernel/forms/index.ts';
import { isFileAnswer, isGroupRows, type AnswerValue, type Answers, type FileAnswer, type GroupRow } from './answers.ts';
import { groupFields, visibleFields } from './conditions.ts';
import { addressParts, fixedTown, type PageOptions } from './kernel-form.ts';
import { normalisePlate } from './plates.ts';
import type { Field, LeafField, Page } from './schema.ts';
import { textKeys } from './texts.ts';

/*
 * What reading a page adds to the kernel's reading: rules the kernel kinds do not know (a licence plate, an
 * address filled in part, a street the city does not have, a day before another), files chosen before, and
 * the kernel's values turned into stored answers.
 */

/** One place a field's inputs are posted at: a page's field, or a group's field in one row. */
export interface Slot {
  field: LeafField;
  group?: string;
  /** The input name of this field (and of an address's `part`) here. */
  input: (part?: string) => string;
  /** The input name of a field beside this one (the same row's, or the page's), when it is shown. */
  beside: (id: string) => { input: string; field: LeafField } | undefined;
  stored: AnswerValue | undefined;
}

/** Every slot of the page's shown fields, each group in all the rows it may have. */
export function* slotsOf(page: Page, kept: Answers): Generator<Slot> {
  const fields = visibleFields(page, kept);
  const leaves = fields.filter((field): field is LeafField => field.type !== 'group');
  for (const field of fields) {
    if (field.type !== 'group') {
      const beside = (id: string) => leaves.find((leaf) => leaf.id === id && leaf !== field);
      yield { field, input: (part = '') => field.id + part, beside: (id) => withInput(beside(id), (leaf) => leaf.id), stored: kept[field.id] };
      continue;
    }
    const children = groupFields(field.fields, kept);
    const rows = isGroupRows(kept[field.id]) ? (kept[field.id] as GroupRow[]) : [];
    for (let number = 1; number <= field.max; number += 1) {
      for (const child of children) {
        const input = (part = '') => rowFieldName(field.id, number, child.id + part);
        const beside = (id: string) => withInput(children.find((other) => other.id === id && other !== child), (other) => rowFieldName(field.id, number, other.id));
        yield { field: child, group: field.id, input, beside, stored: rows[number - 1]?.[child.id] };
      }
    }
  }
}

function withInput(field: LeafField | undefined, name: (field: LeafField) => string) {
  return field ? { input: name(field), field } : undefined;
}

/** A file chosen before, when it still fits the field (a file the store took is never shown again in a form). */
function storedFile(field: LeafField, stored: AnswerValue | undefined): FileAnswer | undefined {
  if (field.type !== 'file' || !isFileAnswer(stored)) return undefined;
  const fits = stored.bytes <= (field.maxBytes ?? 0) && (field.accept ?? []).includes(stored.mediaType);
  return fits ? stored : undefined;
}

/**
 * The uploads reading sees: what came with the post, else the file chosen before, so that a page shown again
 * keeps it (and a required file stays given) unless another is chosen or it is taken back.
 */
export function uploadsWithStored(page: Page, kept: Answers, body: Record<string, unknown>, upload: ((name: string) => Upload | undefined) | undefined) {
  const before = new Map<string, FileAnswer>();
  for (const slot of slotsOf(page, kept)) {
    const file = storedFile(slot.field, slot.stored);
    // Only an optional file of a page has the box that takes it back (`leafDefs`).
    const removed = !slot.group && slot.field.required !== true && textOf(body, slot.input('Remove')) === 'on';
    if (file && !removed) before.set(slot.input(), file);
  }
  return (name: string): Upload | undefined => {
    const sent = upload?.(name);
    const nothingSent = !sent || (!sent.result.ok && sent.result.reason === 'empty' && sent.filename === '');
    const kept = before.get(name);
    if (!nothingSent || !kept) return sent;
    // Only the id, size and type are read back (`fileAnswer`); the store has the rest.
    const file = { id: kept.fileId, size: kept.bytes, mediaType: kept.mediaType } as FileInfo;
    return { filename: kept.filename, result: { ok: true, file } };
  };
}

/** One posted input as text, cleaned as the kernel cleans it; '' for anything but one string. */
function textOf(body: Record<string, unknown>, name: string, multiline = false): string {
  const value: unknown = body[name];
  const one: unknown = Array.isArray(value) && value.length === 1 ? value[0] : value;
  return typeof one === 'string' ? cleanText(one.slice(0, 100_000), multiline) : '';
}

const defaultMaxLength = { text: 200, textarea: 10_000 } as const;

/** Problems of the rules kernel kinds do not know, by input name; an input the kernel refused already is left to that. */
export function ruleErrors(page: Page, kept: Answers, namespace: string, body: Record<string, unknown>, options: PageOptions): FormErrors {
  const errors: FormErrors = {};
  const say = (name: string, error: FieldError) => {
    errors[name] ??= error;
  };
  for (const slot of slotsOf(page, kept)) {
    const { field } = slot;
    if (field.type === 'text' || field.type === 'textarea') {
      // The kernel counts characters as people see them; systems the cases go to count code points, which the
      // answers' JSON Schema promises to stay within.
      const max = field.maxLength ?? defaultMaxLength[field.type];
      const length = [...textOf(body, slot.input(), field.type === 'textarea')].length;
      if (length > max) say(slot.input(), { code: 'too-long', values: { max, length } });
    }
    if (field.type === 'licencePlate') {
      const typed = textOf(body, slot.input());
      if (typed !== '' && !normalisePlate(typed)) say(slot.input(), { code: 'applications:definition.errors.licencePlate' });
    }
    if (field.type === 'address') {
      const parts = addressParts.filter(([part]) => part !== 'Town' || fixedTown(field, options) === undefined);
      const typed = parts.map(([part]) => [slot.input(part), textOf(body, slot.input(part))] as const);
      if (typed.some(([, value]) => value !== '')) for (const [name, value] of typed) if (value === '') say(name, { code: 'required' });
      const street = textOf(body, slot.input('Street'));
      if (field.cityOnly && options.knownStreet && street !== '' && !options.knownStreet(street)) say(slot.input('Street'), { code: 'applications:definition.errors.unknownStreet', values: { street } });
    }
    if (field.type === 'date' && field.notBefore) {
      const other = slot.beside(field.notBefore);
      const day = parseDay(textOf(body, slot.input()));
      const otherDay = other ? parseDay(textOf(body, other.input)) : undefined;
      if (other && day.ok && otherDay?.ok && day.day < otherDay.day) {
        const label = `${namespace}:${textKeys.label({ id: other.field.id, group: slot.group })}`;
        say(slot.input(), { code: 'applications:definition.errors.notBefore', values: { other: { key: label } } });
      }
    }
  }
  return errors;
}

function fileAnswer(value: unknown): FileAnswer | null {
  if (!value || typeof value !== 'object') return null;
  const { filename, file } = value as FormFile;
  return { fileId: file.id, filename, mediaType: file.mediaType, bytes: file.size };
}

/** A field's stored answer from what the kernel read, its inputs named as in `leafDefs`. */
export function leafAnswer(field: LeafField, read: Record<string, unknown>, options: PageOptions): AnswerValue {
  const value = read[field.id];
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'iban':
      return typeof value === 'string' && value !== '' ? value : null;
    case 'licencePlate':
      return typeof value === 'string' && value !== '' ? normalisePlate(value) : null;
    case 'number':
    case 'date':
    case 'select':
    case 'radio':
      return (value as number | string | null | undefined) ?? null;
    case 'checkbox':
      return value === true;
    case 'checkboxes':
      return Array.isArray(value) ? (value as string[]) : [];
    case 'file':
      return fileAnswer(value);
    case 'address': {
      const part = (name: string) => (typeof read[field.id + name] === 'string' ? (read[field.id + name] as string) : '');
      const town = fixedTown(field, options) ?? part('Town');
      if ([part('Street'), part('HouseNumber'), part('Postcode')].every((text) => text === '') && (town === '' || fixedTown(field, options) !== undefined)) return null;
      return { street: part('Street'), houseNumber: part('HouseNumber'), postcode: part('Postcode'), town };
    }
  }
}

/** The stored answers of a page's shown fields from what the kernel read. */
export function pageAnswers(page: Page, kept: Answers, read: Record<string, unknown>, options: PageOptions): Answers {
  const answers: Answers = {};
  for (const field of visibleFields(page, kept)) answers[field.id] = fieldAnswer(field, kept, read, options);
  return answers;
}

function fieldAnswer(field: Field, kept: Answers, read: Record<string, unknown>, options: PageOptions): AnswerValue {
  if (field.type !== 'group') return leafAnswer(field, read, options);
  const children = groupFields(field.fields, kept);
  const rows = (read[field.id] ?? []) as Record<string, unknown>[];
  return rows.map((row) => Object.fromEntries(children.map((child) => [child.id, leafAnswer(child, row, options)])));
}
