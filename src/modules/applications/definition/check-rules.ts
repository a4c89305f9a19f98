import { rowFieldName } from '#kernel/forms/index.ts';
import { parseDay } from '#kernel/dates.ts';
import { derivedAnswerNames } from './answers-schema.ts';
import type { DefinitionProblem } from './check-schema.ts';
import type { Comparison, Condition, Field, FormDefinition, LeafField, LeafType } from './schema.ts';

/*
 * What a definition must keep that its schema cannot say: ids that are unique, conditions that look back,
 * properties that fit their field's type, limits that leave room. Each rule reports a stable code at the
 * place it concerns (a JSON pointer), for the designer's page to say in words.
 */

type Say = (path: string, code: string, values?: Record<string, string | number>) => void;

interface Placed {
  field: Field;
  path: string;
  pageIndex: number;
}

const choiceTypes: readonly LeafType[] = ['select', 'radio', 'checkboxes'];
const textTypes: readonly LeafType[] = ['text', 'textarea', 'email'];
const prefillTypes: Record<string, LeafType> = { name: 'text', givenName: 'text', familyName: 'text', email: 'email', phone: 'phone', address: 'address' };

/** Properties only some types have, with the types that have them. */
const ownProperties: [keyof LeafField, readonly LeafType[]][] = [
  ['options', choiceTypes],
  ['accept', ['file']],
  ['maxBytes', ['file']],
  ['min', ['number', 'date']],
  ['max', ['number', 'date']],
  ['notBefore', ['date']],
  ['cityOnly', ['address']],
  ['maxLength', textTypes],
];

function unique(say: Say, items: { id: string; path: string }[], code: string): void {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id)) say(`${item.path}/id`, code, { id: item.id });
    seen.add(item.id);
  }
}

/** The input names a field has on its page, as the kernel form names them. */
function inputNames(field: Field): string[] {
  const of = (leaf: LeafField, name = leaf.id) => (leaf.type === 'address' ? ['Street', 'HouseNumber', 'Postcode', 'Town'].map((part) => name + part) : leaf.type === 'file' ? [name, `${name}Remove`] : [name]);
  if (field.type !== 'group') return of(field);
  return Array.from({ length: field.max }, (_, index) => field.fields.flatMap((child) => of(child).map((name) => rowFieldName(field.id, index + 1, name)))).flat();
}

function comparisons(condition: Condition, path: string): [Comparison, string][] {
  if ('all' in condition) return condition.all.map((comparison, index) => [comparison, `${path}/all/${index}`]);
  if ('any' in condition) return condition.any.map((comparison, index) => [comparison, `${path}/any/${index}`]);
  if ('not' in condition) return [[condition.not, `${path}/not`]];
  return [[condition, path]];
}

function checkComparison(say: Say, comparison: Comparison, path: string, pageIndex: number, fields: Map<string, Placed>, children: Set<string>): void {
  const target = fields.get(comparison.field);
  const values = { field: comparison.field };
  if (!target) return say(`${path}/field`, children.has(comparison.field) ? 'condition-group-child' : 'condition-unknown-field', values);
  if (target.pageIndex >= pageIndex) return say(`${path}/field`, 'condition-not-earlier', values);
  const type = target.field.type;
  if (type === 'file') return say(`${path}/field`, 'condition-file', values);
  const options = type === 'group' ? undefined : target.field.options?.map((option) => option.value);
  const { equals } = comparison;
  if (equals !== undefined) {
    const fits = type === 'checkbox' ? typeof equals === 'boolean' : type === 'number' ? typeof equals === 'number' : type !== 'group' && type !== 'address' && typeof equals === 'string';
    if (!fits) say(`${path}/equals`, 'condition-value-type', { ...values, test: 'equals' });
    else if (options && typeof equals === 'string' && !options.includes(equals)) say(`${path}/equals`, 'condition-not-an-option', { ...values, value: equals });
  }
  if (comparison.in !== undefined) {
    if (type === 'group' || type === 'address' || type === 'checkbox' || type === 'number') say(`${path}/in`, 'condition-value-type', { ...values, test: 'in' });
    else for (const value of comparison.in.filter((item) => options && !options.includes(item))) say(`${path}/in`, 'condition-not-an-option', { ...values, value });
  }
  if (comparison.atLeast !== undefined && !['number', 'checkboxes', 'group'].includes(type)) say(`${path}/atLeast`, 'condition-value-type', { ...values, test: 'atLeast' });
}

function checkLimits(say: Say, field: LeafField, path: string): void {
  const { min, max } = field;
  if (field.type === 'number') {
    for (const [name, limit] of [['min', min], ['max', max]] as const) if (typeof limit === 'string') say(`${path}/${name}`, 'limit-type', { type: field.type });
    if (typeof min === 'number' && typeof max === 'number' && min > max) say(`${path}/min`, 'min-above-max', { min, max });
  }
  if (field.type === 'date') {
    for (const [name, limit] of [['min', min], ['max', max]] as const) {
      if (typeof limit === 'number') say(`${path}/${name}`, 'limit-type', { type: field.type });
      else if (typeof limit === 'string' && !/^[+-]/.test(limit) && !parseDay(limit).ok) say(`${path}/${name}`, 'limit-not-a-day', { value: limit });
    }
    if (typeof min === 'string' && typeof max === 'string' && /^[+-]/.test(min) === /^[+-]/.test(max)) {
      const above = /^[+-]/.test(min) ? Number(min) > Number(max) : min > max;
      if (above) say(`${path}/min`, 'min-above-max', { min, max });
    }
  }
}

function checkLeaf(say: Say, field: LeafField, path: string, beside: readonly LeafField[]): void {
  for (const [property, types] of ownProperties) {
    if (field[property] !== undefined && !types.includes(field.type)) say(`${path}/${property}`, 'property-not-allowed', { property, type: field.type });
  }
  if (choiceTypes.includes(field.type) && !field.options) say(`${path}/options`, 'options-missing', { type: field.type });
  if (field.options) unique(say, field.options.map((option, index) => ({ id: option.value, path: `${path}/options/${index}` })), 'option-value-taken');
  if (field.type === 'file' && (!field.accept || field.maxBytes === undefined)) say(path, 'file-limits-missing');
  checkLimits(say, field, path);
  if (field.type === 'date' && field.notBefore !== undefined) {
    const other = beside.find((candidate) => candidate.id === field.notBefore && candidate !== field);
    if (other?.type !== 'date') say(`${path}/notBefore`, 'not-before-field', { field: field.notBefore });
  }
  if (field.prefill && prefillTypes[field.prefill] !== field.type) say(`${path}/prefill`, 'prefill-type', { prefill: field.prefill, type: field.type });
}

/** Every rule of a schema-valid definition it breaks; none when it keeps them all. */
export function ruleProblems(definition: FormDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const say: Say = (path, code, values) => void problems.push(values ? { path, code, values } : { path, code });
  const placed: Placed[] = definition.pages.flatMap((page, pageIndex) => page.fields.map((field, index) => ({ field, pageIndex, path: `/pages/${pageIndex}/fields/${index}` })));
  unique(say, definition.pages.map((page, index) => ({ id: page.id, path: `/pages/${index}` })), 'page-id-taken');
  unique(say, placed.map(({ field, path }) => ({ id: field.id, path })), 'field-id-taken');
  // The procedure's own answer would be overwritten by the person's, or theirs by it.
  const derived = definition.procedure ? derivedAnswerNames(definition.procedure) : [];
  for (const { field, path } of placed) if (derived.includes(field.id)) say(`${path}/id`, 'field-id-derived', { id: field.id, procedure: definition.procedure! });
  const fields = new Map<string, Placed>();
  for (const item of placed) if (!fields.has(item.field.id)) fields.set(item.field.id, item);
  const children = new Set(placed.flatMap(({ field }) => (field.type === 'group' ? field.fields.map((child) => child.id) : [])));
  const conditionAt = (condition: Condition | undefined, path: string, pageIndex: number) => {
    if (condition) for (const [comparison, at] of comparisons(condition, path)) checkComparison(say, comparison, at, pageIndex, fields, children);
  };

  definition.pages.forEach((page, pageIndex) => {
    conditionAt(page.when, `/pages/${pageIndex}/when`, pageIndex);
    const leaves = page.fields.filter((field): field is LeafField => field.type !== 'group');
    const names = new Set<string>();
    page.fields.forEach((field, index) => {
      const path = `/pages/${pageIndex}/fields/${index}`;
      conditionAt(field.when, `${path}/when`, pageIndex);
      const taken = inputNames(field).find((name) => names.has(name));
      if (taken) say(`${path}/id`, 'input-name-taken', { name: taken });
      for (const name of inputNames(field)) names.add(name);
      if (field.type !== 'group') return checkLeaf(say, field, path, leaves);
      if (field.min > field.max) say(`${path}/min`, 'group-min-above-max', { min: field.min, max: field.max });
      unique(say, field.fields.map((child, childIndex) => ({ id: child.id, path: `${path}/fields/${childIndex}` })), 'child-id-taken');
      field.fields.forEach((child, childIndex) => {
        conditionAt(child.when, `${path}/fields/${childIndex}/when`, pageIndex);
        checkLeaf(say, child, `${path}/fields/${childIndex}`, field.fields);
      });
    });
  });
  if (definition.service === undefined && definition.office === undefined) say('/office', 'office-missing');
  return problems;
}
