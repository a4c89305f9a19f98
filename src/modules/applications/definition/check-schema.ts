import Type, { type TSchema } from 'typebox';
import Value from 'typebox/value';
import { Comparison, FormDefinition, GroupField, leafTypes, LeafField, Page, prefillSources, procedureNames } from './schema.ts';

/*
 * Where an uploaded definition does not fit the schema, said per place (a JSON pointer) with a stable code,
 * so the designer's page can name each problem in German or English. The definition is checked part by part
 * (the form, each page, each field by its type, each condition by its shape): a check of the whole would
 * report every branch of every union it tried, and stop after a few.
 */

export interface DefinitionProblem {
  /** JSON pointer into the uploaded definition (`/pages/2/fields/0/id`); '' for the whole. */
  path: string;
  code: string;
  values?: Record<string, string | number>;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const without = (value: Json, keys: readonly string[]): Json => Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));

// Unions of literals are checked by hand: the schema checker would report each literal it compared.
// An omitting copy of an object schema forgets that it takes no other properties; it is said again.
const closed = { additionalProperties: false };
const Form = Type.Omit(FormDefinition, ['pages', 'access', 'procedure'], closed);
const PageHead = Type.Omit(Page, ['fields', 'when'], closed);
const Leaf = Type.Omit(LeafField, ['type', 'prefill', 'when'], closed);
const Group = Type.Omit(GroupField, ['fields', 'when'], closed);
const Together = Type.Object({ all: Type.Array(Comparison, { minItems: 1, maxItems: 10 }) }, { additionalProperties: false });
const Either = Type.Object({ any: Type.Array(Comparison, { minItems: 1, maxItems: 10 }) }, { additionalProperties: false });
const Negated = Type.Object({ not: Comparison }, { additionalProperties: false });

// Patterns of the schema by what they are for, so a problem can say it in words.
const patternCodes: Record<string, string> = {
  '^[a-z][a-zA-Z0-9]{0,39}$': 'schema-id',
  '^[a-z0-9][a-z0-9-]{0,59}$': 'schema-option-value',
  '^[a-z0-9][a-z0-9-]{1,79}$': 'schema-slug',
  '^[a-z0-9][a-z0-9-]{1,119}$': 'schema-slug',
  '^[FG][0-9]{8}$': 'schema-fim',
  '^[a-z]+/[a-z0-9.+-]+$': 'schema-media-type',
};

const limitCodes: Record<string, string> = {
  minLength: 'schema-too-short',
  maxLength: 'schema-too-long',
  minimum: 'schema-too-small',
  exclusiveMinimum: 'schema-too-small',
  maximum: 'schema-too-large',
  exclusiveMaximum: 'schema-too-large',
  minItems: 'schema-too-few',
  maxItems: 'schema-too-many',
};

// A union that is not of literals, by the property it stands for.
const unionCodes: Record<string, string> = { min: 'schema-limit', max: 'schema-limit', equals: 'schema-equals' };

interface Checker {
  problems: DefinitionProblem[];
  say: (path: string, code: string, values?: Record<string, string | number>) => void;
}

function schemaErrors(checker: Checker, path: string, schema: TSchema, value: unknown): void {
  const unions = new Set<string>();
  for (const error of Value.Errors(schema, value)) {
    const at = path + error.instancePath;
    if (error.schemaPath.includes('/anyOf/')) {
      unions.add(at);
      continue;
    }
    const params = error.params as Record<string, unknown>;
    const limit = typeof params.limit === 'number' ? params.limit : 0;
    if (error.keyword === 'required') {
      for (const property of params.requiredProperties as string[]) checker.say(`${at}/${property}`, 'schema-required', { property });
    } else if (error.keyword === 'additionalProperties') {
      for (const property of params.additionalProperties as string[]) checker.say(`${at}/${property}`, 'schema-unknown-property', { property });
    } else if (error.keyword === 'type') {
      checker.say(at, 'schema-type', { type: String(params.type) });
    } else if (error.keyword === 'pattern') {
      checker.say(at, patternCodes[String(params.pattern)] ?? 'schema-pattern', { pattern: String(params.pattern) });
    } else if (error.keyword === 'minLength' && limit === 1) {
      checker.say(at, 'schema-empty', { limit });
    } else if (limitCodes[error.keyword]) {
      checker.say(at, limitCodes[error.keyword]!, { limit });
    } else if (error.keyword !== 'boolean') {
      // `boolean` repeats an unknown property that `additionalProperties` names already.
      checker.say(at, unionCodes[at.split('/').at(-1) ?? ''] ?? 'schema-invalid');
    }
  }
  for (const at of unions) if (!checker.problems.some((problem) => problem.path === at)) checker.say(at, unionCodes[at.split('/').at(-1) ?? ''] ?? 'schema-invalid');
}

function oneOf(checker: Checker, path: string, value: unknown, allowed: readonly string[], optional: boolean): void {
  if (value === undefined && optional) return;
  if (value === undefined) return checker.say(path, 'schema-required', { property: path.split('/').at(-1)! });
  if (typeof value !== 'string' || !allowed.includes(value)) checker.say(path, 'schema-one-of', { allowed: allowed.join(', ') });
}

function list(checker: Checker, path: string, value: unknown, min: number, max: number): unknown[] {
  if (!Array.isArray(value)) {
    checker.say(path, value === undefined ? 'schema-required' : 'schema-type', value === undefined ? { property: path.split('/').at(-1)! } : { type: 'array' });
    return [];
  }
  if (value.length < min) checker.say(path, 'schema-too-few', { limit: min });
  if (value.length > max) checker.say(path, 'schema-too-many', { limit: max });
  return value.slice(0, max);
}

function condition(checker: Checker, path: string, value: unknown): void {
  if (value === undefined) return;
  if (!isObject(value)) return checker.say(path, 'schema-type', { type: 'object' });
  const shape = 'all' in value ? Together : 'any' in value ? Either : 'not' in value ? Negated : Comparison;
  schemaErrors(checker, path, shape, value);
}

function field(checker: Checker, path: string, value: unknown, inGroup: boolean): void {
  if (!isObject(value)) return checker.say(path, 'schema-type', { type: 'object' });
  condition(checker, `${path}/when`, value.when);
  if (value.type === 'group' && !inGroup) {
    schemaErrors(checker, path, Group, without(value, ['fields', 'when']));
    list(checker, `${path}/fields`, value.fields, 1, 20).forEach((child, index) => field(checker, `${path}/fields/${index}`, child, true));
    return;
  }
  oneOf(checker, `${path}/type`, value.type, inGroup ? leafTypes : [...leafTypes, 'group'], false);
  oneOf(checker, `${path}/prefill`, value.prefill, prefillSources, true);
  schemaErrors(checker, path, Leaf, without(value, ['type', 'prefill', 'when']));
}

/** Every place the uploaded JSON does not fit the schema of a definition; none when it fits. */
export function schemaProblems(json: unknown): DefinitionProblem[] {
  const checker: Checker = {
    problems: [],
    say(path, code, values) {
      if (checker.problems.some((problem) => problem.path === path && problem.code === code)) return;
      checker.problems.push(values ? { path, code, values } : { path, code });
    },
  };
  if (!isObject(json)) return [{ path: '', code: 'schema-type', values: { type: 'object' } }];
  schemaErrors(checker, '', Form, without(json, ['pages', 'access', 'procedure']));
  oneOf(checker, '/access', json.access, ['anyone', 'account'], false);
  oneOf(checker, '/procedure', json.procedure, procedureNames, true);
  list(checker, '/pages', json.pages, 1, 40).forEach((page, index) => {
    const path = `/pages/${index}`;
    if (!isObject(page)) return checker.say(path, 'schema-type', { type: 'object' });
    schemaErrors(checker, path, PageHead, without(page, ['fields', 'when']));
    condition(checker, `${path}/when`, page.when);
    list(checker, `${path}/fields`, page.fields, 1, 30).forEach((child, fieldIndex) => field(checker, `${path}/fields/${fieldIndex}`, child, false));
  });
  // What the parts miss of the whole (nothing, as long as the parts above cover the schema).
  if (checker.problems.length === 0 && !Value.Check(FormDefinition, json)) checker.say('', 'schema-invalid');
  return checker.problems;
}
