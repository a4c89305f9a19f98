import type { FastifyRequest } from 'fastify';
import type { Upload } from '../files/uploads.ts';
import { uploadOf } from '../files/uploads.ts';
import { parseCheckbox, parseChoice, parseChoices, parseDateField } from './choices.ts';
import { formKeyField, rowFieldName, type FormDef, type FormErrors, type FormValue, type GroupDef, type LeafDef, type Raw } from './fields.ts';
import { parseFile } from './files.ts';
import { parseIbanField } from './iban.ts';
import { parseEurosField, parseInteger, parseTimeField } from './numbers.ts';
import { parsePhoneField } from './phone.ts';
import { parseList, parseText, rawLimit, type Parsed } from './text.ts';

/** What reading a form gives: the typed value, or the problems by field; both with what was posted, to show again. */
export type FormRead<V> =
  | { ok: true; value: V; raw: Raw; form: string; key: string | null }
  | { ok: false; errors: FormErrors; raw: Raw; form: string; key: string | null };

export interface FormInput {
  /** The parsed body (url-encoded or multipart key-values), or a parsed query string. */
  body: unknown;
  /** The uploads of file fields, as the file store took them. */
  upload?: (name: string) => Upload | undefined;
}

// Random, URL-safe, long enough not to be guessed; anything else in the field is treated as no key.
const keyPattern = /^[A-Za-z0-9_-]{16,64}$/;

function parseLeaf(field: LeafDef, input: unknown, upload: Upload | undefined): Parsed<unknown> {
  switch (field.kind) {
    case 'text':
    case 'textarea':
    case 'email':
    case 'password':
    case 'hidden':
      return parseText(field, input);
    case 'lines':
    case 'terms':
      return parseList(field, input);
    case 'integer':
      return parseInteger(field, input);
    case 'euros':
      return parseEurosField(field, input);
    case 'date':
      return parseDateField(field, input);
    case 'time':
      return parseTimeField(field, input);
    case 'iban':
      return parseIbanField(field, input);
    case 'phone':
      return parsePhoneField(field, input);
    case 'checkbox':
      return parseCheckbox(field, input);
    case 'choice':
      return parseChoice(field, input);
    case 'choices':
      return parseChoices(field, input);
    case 'file':
      return parseFile(field, upload);
  }
}

/** What to show again of one input: text as sent (cut at a length no person types), never a password or a file. */
function rawOf(field: LeafDef, input: unknown): string | string[] | undefined {
  if (field.kind === 'password' || field.kind === 'file') return undefined;
  const values = (Array.isArray(input) ? input : [input]).filter((item): item is string => typeof item === 'string').map((item) => item.slice(0, rawLimit));
  if (values.length === 0) return undefined;
  return field.kind === 'choices' ? values : values[0];
}

function filled(value: unknown): boolean {
  return typeof value === 'string' ? value.trim() !== '' : Array.isArray(value) && value.some((item) => typeof item === 'string' && item.trim() !== '');
}

interface Reader {
  fields: Record<string, unknown>;
  upload: (name: string) => Upload | undefined;
  raw: Raw;
  errors: FormErrors;
}

function readLeaf(reader: Reader, name: string, field: LeafDef): unknown {
  const input = reader.fields[name];
  const shown = rawOf(field, input);
  if (shown !== undefined) reader.raw[name] = shown;
  const parsed = parseLeaf(field, input, reader.upload(name));
  if (parsed.ok) return parsed.value;
  reader.errors[name] = parsed.error;
  return undefined;
}

/** The rows of a group that were filled in, each read like a form of its own. */
function readGroup(reader: Reader, name: string, group: GroupDef): unknown[] {
  const rows: unknown[] = [];
  for (let number = 1; number <= group.max; number += 1) {
    const names = Object.keys(group.fields).map((child) => [child, rowFieldName(name, number, child)] as const);
    const used = names.some(([child, input]) => (group.fields[child]!.kind === 'file' ? reader.upload(input) !== undefined && reader.upload(input)?.filename !== '' : filled(reader.fields[input])));
    if (!used) continue;
    rows.push(Object.fromEntries(names.map(([child, input]) => [child, readLeaf(reader, input, group.fields[child]!)])));
  }
  const min = group.min ?? 0;
  if (rows.length < min) reader.errors[name] = { code: 'too-few', values: { min } };
  return rows;
}

/**
 * Reads a posted form against its definition: every field by its kind, the problems by input name as
 * reason codes, and what was posted to show again. Pure: the route's `readForm` gives it the request's body
 * and uploads, a test or another edge (a query string) gives them directly.
 */
export function parseForm<D extends FormDef>(form: D, input: FormInput): FormRead<FormValue<D>> {
  const fields = input.body && typeof input.body === 'object' && !Array.isArray(input.body) ? (input.body as Record<string, unknown>) : {};
  const reader: Reader = { fields, upload: input.upload ?? (() => undefined), raw: {}, errors: {} };
  const value: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(form.fields)) {
    value[name] = field.kind === 'group' ? readGroup(reader, name, field) : readLeaf(reader, name, field);
  }
  const sentKey = fields[formKeyField];
  const key = form.once && typeof sentKey === 'string' && keyPattern.test(sentKey) ? sentKey : null;
  if (key) reader.raw[formKeyField] = key;
  const base = { raw: reader.raw, form: form.id, key };
  if (Object.keys(reader.errors).length > 0) return { ok: false, errors: reader.errors, ...base };
  return { ok: true, value: value as FormValue<D>, ...base };
}

/**
 * Reads the form a request posted (or, for a GET form, its query). The route declares `formBody(form)` as
 * its body schema with `attachValidation: true`, so that a malformed body reaches this reader, which says
 * per field what is wrong, instead of the kernel's error page.
 */
export function readForm<D extends FormDef>(form: D, request: FastifyRequest, source: 'body' | 'query' = 'body'): FormRead<FormValue<D>> {
  return parseForm(form, { body: source === 'body' ? request.body : request.query, upload: (name) => uploadOf(request, name) });
}

/** Adds problems a service found (by input name, as reason codes) to a read form, for showing it again. */
export function withErrors<V>(read: FormRead<V>, errors: FormErrors): FormRead<V> & { ok: false } {
  return { ok: false, errors: { ...(read.ok ? {} : read.errors), ...errors }, raw: read.raw, form: read.form, key: read.key };
}
