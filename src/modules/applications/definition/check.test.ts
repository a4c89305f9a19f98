import { describe, expect, it } from 'vitest';
import de from '../locales/de.json' with { type: 'json' };
import en from '../locales/en.json' with { type: 'json' };
import { shippedForms } from '../forms/index.ts';
import { checkDefinition } from './check.ts';
import { sampleDefinition } from './sample-definition.ts';
import type { Condition, FormDefinition, GroupField, LeafField } from './schema.ts';

/** The sample definition changed by `change`, checked; the problems, or [] when it passes. */
function problemsAfter(change: (definition: FormDefinition) => void) {
  const definition = structuredClone(sampleDefinition);
  change(definition);
  const checked = checkDefinition(definition);
  return checked.ok ? [] : checked.problems;
}

// Tests break definitions on purpose, with values their types do not allow.
const set = (target: object, values: Record<string, unknown>) => void Object.assign(target, values);
const remove = (target: object, key: string) => void delete (target as Record<string, unknown>)[key];
const page = (definition: FormDefinition, id: string) => definition.pages.find((candidate) => candidate.id === id)!;
const field = (definition: FormDefinition, pageId: string, id: string) => page(definition, pageId).fields.find((candidate) => candidate.id === id) as LeafField;
const dogs = (definition: FormDefinition) => page(definition, 'dogs').fields[0] as GroupField;
const when = (definition: FormDefinition, pageId: string, condition: unknown) => void (page(definition, pageId).when = condition as Condition);

describe('checking a definition', () => {
  it('takes the sample and every form the platform ships', () => {
    expect(checkDefinition(sampleDefinition)).toEqual({ ok: true, definition: sampleDefinition });
    for (const form of shippedForms) expect(checkDefinition(form), form.key).toMatchObject({ ok: true });
  });

  it('says where the JSON does not fit the schema, by JSON pointer and code', () => {
    expect(checkDefinition('form')).toEqual({ ok: false, problems: [{ path: '', code: 'schema-type', values: { type: 'object' } }] });
    const problems = problemsAfter((definition) => {
      remove(definition, 'title');
      set(definition, { key: 'Beispiel', access: 'everyone', colour: 'blue' });
      set(field(definition, 'applicant', 'name'), { type: 'string', label: { de: '' } });
      set(field(definition, 'applicant', 'email'), { colour: 'blue' });
      set(field(definition, 'household', 'adults'), { min: 'one' });
      set(dogs(definition).fields[0]!, { id: 'Name' });
      dogs(definition).fields.push({ type: 'group', id: 'inner', label: { de: 'x' } } as unknown as LeafField);
      when(definition, 'period', { field: 'kind', equals: ['car'] });
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: '/title', code: 'schema-required', values: { property: 'title' } },
        { path: '/key', code: 'schema-slug', values: { pattern: '^[a-z0-9][a-z0-9-]{1,79}$' } },
        { path: '/access', code: 'schema-one-of', values: { allowed: 'anyone, account' } },
        { path: '/colour', code: 'schema-unknown-property', values: { property: 'colour' } },
        { path: '/pages/0/fields/0/type', code: 'schema-one-of', values: { allowed: expect.stringContaining('licencePlate, file, group') } },
        { path: '/pages/0/fields/0/label/de', code: 'schema-empty', values: { limit: 1 } },
        { path: '/pages/0/fields/1/colour', code: 'schema-unknown-property', values: { property: 'colour' } },
        { path: '/pages/3/fields/1/min', code: 'schema-limit' },
        { path: '/pages/4/fields/0/fields/0/id', code: 'schema-id', values: expect.any(Object) },
        { path: '/pages/4/fields/0/fields/3/type', code: 'schema-one-of', values: { allowed: expect.not.stringContaining('group') } },
        { path: '/pages/2/when/equals', code: 'schema-equals' },
      ]),
    );
  });

  it('wants unique page ids, field ids across the form, and field ids within a group', () => {
    expect(problemsAfter((definition) => set(page(definition, 'vehicle'), { id: 'applicant' }))).toEqual([{ path: '/pages/1/id', code: 'page-id-taken', values: { id: 'applicant' } }]);
    expect(problemsAfter((definition) => set(field(definition, 'period', 'to'), { id: 'email' }))).toContainEqual({ path: '/pages/2/fields/1/id', code: 'field-id-taken', values: { id: 'email' } });
    expect(problemsAfter((definition) => set(dogs(definition).fields[1]!, { id: 'name' }))).toEqual([{ path: '/pages/4/fields/0/fields/1/id', code: 'child-id-taken', values: { id: 'name' } }]);
    // A group's field may share its id with a page's field: it is stored inside the group's rows.
    expect(problemsAfter((definition) => set(dogs(definition).fields[2]!, { id: 'email' }))).toEqual([]);
  });

  it('keeps the ids of answers a procedure derives free: a form of residents’ parking cannot ask for “parkingZone”', () => {
    const problems = problemsAfter((definition) => {
      definition.procedure = 'residentsParking';
      set(field(definition, 'period', 'to'), { id: 'parkingZone' });
    });
    expect(problems).toContainEqual({ path: '/pages/2/fields/1/id', code: 'field-id-derived', values: { id: 'parkingZone', procedure: 'residentsParking' } });
    expect(problemsAfter((definition) => set(field(definition, 'period', 'to'), { id: 'parkingZone' }))).not.toContainEqual(expect.objectContaining({ code: 'field-id-derived' }));
  });

  it('refuses ids whose inputs would meet on a page', () => {
    const problems = problemsAfter((definition) => page(definition, 'applicant').fields.push({ type: 'text', id: 'homeStreet', label: { de: 'Straße' } }));
    expect(problems).toEqual([{ path: '/pages/0/fields/4/id', code: 'input-name-taken', values: { name: 'homeStreet' } }]);
  });

  it('lets a condition name only a field of an earlier page, not a group row, not a file', () => {
    const on = (condition: unknown) => problemsAfter((definition) => when(definition, 'payment', condition));
    expect(on({ field: 'colour', equals: 'red' })).toEqual([{ path: '/pages/5/when/field', code: 'condition-unknown-field', values: { field: 'colour' } }]);
    expect(on({ field: 'breed', equals: 'mix' })).toEqual([{ path: '/pages/5/when/field', code: 'condition-group-child', values: { field: 'breed' } }]);
    expect(on({ all: [{ field: 'name', filled: true }, { field: 'iban', filled: true }] })).toEqual([{ path: '/pages/5/when/all/1/field', code: 'condition-not-earlier', values: { field: 'iban' } }]);
    expect(problemsAfter((definition) => set(field(definition, 'applicant', 'email'), { when: { field: 'name', filled: true } }))).toEqual([
      { path: '/pages/0/fields/1/when/field', code: 'condition-not-earlier', values: { field: 'name' } },
    ]);
    const photo: LeafField = { type: 'file', id: 'photo', label: { de: 'Foto' }, accept: ['image/jpeg'], maxBytes: 1000 };
    expect(problemsAfter((definition) => (page(definition, 'vehicle').fields.push(photo), when(definition, 'payment', { field: 'photo', filled: true })))).toEqual([
      { path: '/pages/5/when/field', code: 'condition-file', values: { field: 'photo' } },
    ]);
    expect(on({ not: { field: 'dog', atLeast: 2 } })).toEqual([]);
  });

  it('takes only option values of the field named, and values of its kind', () => {
    const on = (condition: unknown) => problemsAfter((definition) => when(definition, 'payment', condition));
    expect(on({ field: 'kind', equals: 'bus' })).toEqual([{ path: '/pages/5/when/equals', code: 'condition-not-an-option', values: { field: 'kind', value: 'bus' } }]);
    expect(on({ field: 'topics', in: ['waste', 'schools'] })).toEqual([{ path: '/pages/5/when/in', code: 'condition-not-an-option', values: { field: 'topics', value: 'schools' } }]);
    expect(on({ field: 'hasDogs', equals: 'yes' })).toEqual([{ path: '/pages/5/when/equals', code: 'condition-value-type', values: { field: 'hasDogs', test: 'equals' } }]);
    expect(on({ field: 'name', atLeast: 2 })).toEqual([{ path: '/pages/5/when/atLeast', code: 'condition-value-type', values: { field: 'name', test: 'atLeast' } }]);
    expect(on({ any: [{ field: 'kind', in: ['car', 'motorbike'] }, { field: 'hasDogs', equals: false }, { field: 'adults', equals: 2 }] })).toEqual([]);
  });

  it('wants options exactly for select, radio and checkboxes', () => {
    expect(problemsAfter((definition) => remove(field(definition, 'vehicle', 'kind'), 'options'))).toEqual([{ path: '/pages/1/fields/1/options', code: 'options-missing', values: { type: 'radio' } }]);
    expect(problemsAfter((definition) => set(field(definition, 'applicant', 'name'), { options: [{ value: 'a', label: { de: 'A' } }] }))).toEqual([
      { path: '/pages/0/fields/0/options', code: 'property-not-allowed', values: { property: 'options', type: 'text' } },
    ]);
    expect(problemsAfter((definition) => field(definition, 'vehicle', 'kind').options!.push({ value: 'car', label: { de: 'Noch ein Auto' } }))).toEqual([
      { path: '/pages/1/fields/1/options/2/id', code: 'option-value-taken', values: { id: 'car' } },
    ]);
  });

  it('wants accept and maxBytes exactly for files', () => {
    expect(problemsAfter((definition) => remove(field(definition, 'payment', 'proof'), 'maxBytes'))).toEqual([{ path: '/pages/5/fields/1', code: 'file-limits-missing' }]);
    expect(problemsAfter((definition) => set(field(definition, 'applicant', 'name'), { accept: ['application/pdf'] }))).toEqual([
      { path: '/pages/0/fields/0/accept', code: 'property-not-allowed', values: { property: 'accept', type: 'text' } },
    ]);
  });

  it("wants limits of the field's kind, real days, and the lower not above the upper", () => {
    expect(problemsAfter((definition) => set(field(definition, 'household', 'adults'), { min: 5, max: 2 }))).toEqual([{ path: '/pages/3/fields/1/min', code: 'min-above-max', values: { min: 5, max: 2 } }]);
    expect(problemsAfter((definition) => set(field(definition, 'period', 'from'), { min: '+30', max: '+7' }))).toEqual([{ path: '/pages/2/fields/0/min', code: 'min-above-max', values: { min: '+30', max: '+7' } }]);
    expect(problemsAfter((definition) => set(field(definition, 'period', 'from'), { min: '2027-01-01', max: '2026-12-31' }))).toEqual([
      { path: '/pages/2/fields/0/min', code: 'min-above-max', values: { min: '2027-01-01', max: '2026-12-31' } },
    ]);
    expect(problemsAfter((definition) => set(field(definition, 'period', 'from'), { max: '2026-02-30' }))).toEqual([{ path: '/pages/2/fields/0/max', code: 'limit-not-a-day', values: { value: '2026-02-30' } }]);
    expect(problemsAfter((definition) => set(field(definition, 'period', 'from'), { max: 30 }))).toEqual([{ path: '/pages/2/fields/0/max', code: 'limit-type', values: { type: 'date' } }]);
    expect(problemsAfter((definition) => set(field(definition, 'household', 'adults'), { max: '+3' }))).toEqual([{ path: '/pages/3/fields/1/max', code: 'limit-type', values: { type: 'number' } }]);
    expect(problemsAfter((definition) => set(field(definition, 'applicant', 'name'), { min: 1 }))).toEqual([{ path: '/pages/0/fields/0/min', code: 'property-not-allowed', values: { property: 'min', type: 'text' } }]);
    // Days from today and fixed days cannot be compared before the day they are read.
    expect(problemsAfter((definition) => set(field(definition, 'period', 'from'), { min: '+1', max: '2020-01-01' }))).toEqual([]);
  });

  it('wants notBefore to name another date field of the same page or row', () => {
    expect(problemsAfter((definition) => set(field(definition, 'period', 'to'), { notBefore: 'name' }))).toEqual([{ path: '/pages/2/fields/1/notBefore', code: 'not-before-field', values: { field: 'name' } }]);
    expect(problemsAfter((definition) => set(field(definition, 'period', 'to'), { notBefore: 'to' }))).toEqual([{ path: '/pages/2/fields/1/notBefore', code: 'not-before-field', values: { field: 'to' } }]);
    const since = (notBefore: string): LeafField => ({ type: 'date', id: 'since', label: { de: 'Seit' }, notBefore });
    expect(problemsAfter((definition) => dogs(definition).fields.push(since('born')))).toEqual([]);
    expect(problemsAfter((definition) => dogs(definition).fields.push(since('from')))).toEqual([{ path: '/pages/4/fields/0/fields/3/notBefore', code: 'not-before-field', values: { field: 'from' } }]);
  });

  it('wants a group to allow at least as many rows as it asks for', () => {
    expect(problemsAfter((definition) => set(dogs(definition), { min: 4 }))).toEqual([{ path: '/pages/4/fields/0/min', code: 'group-min-above-max', values: { min: 4, max: 3 } }]);
    expect(problemsAfter((definition) => set(dogs(definition), { min: 3 }))).toEqual([]);
  });

  it('lets a field be prefilled only from what fits its type', () => {
    expect(problemsAfter((definition) => set(field(definition, 'applicant', 'name'), { prefill: 'email' }))).toEqual([{ path: '/pages/0/fields/0/prefill', code: 'prefill-type', values: { prefill: 'email', type: 'text' } }]);
    expect(problemsAfter((definition) => set(field(definition, 'applicant', 'phone'), { prefill: 'address' }))).toEqual([{ path: '/pages/0/fields/2/prefill', code: 'prefill-type', values: { prefill: 'address', type: 'phone' } }]);
    expect(problemsAfter((definition) => set(field(definition, 'applicant', 'name'), { prefill: 'familyName' }))).toEqual([]);
  });

  it('wants a form without a service to name its office', () => {
    expect(problemsAfter((definition) => remove(definition, 'service'))).toEqual([{ path: '/office', code: 'office-missing' }]);
    expect(problemsAfter((definition) => (remove(definition, 'service'), set(definition, { office: 'buergerbuero' })))).toEqual([]);
  });
});

describe('the words for each problem', () => {
  it('exist in German and English for every code the checks can report', async () => {
    const { readFile } = await import('node:fs/promises');
    const sources = await Promise.all(['check-schema.ts', 'check-rules.ts'].map((name) => readFile(new URL(name, import.meta.url), 'utf8')));
    const codes = new Set(sources.flatMap((source) => [...source.matchAll(/'((?:schema|page|field|child|option|options|input|condition|property|file|limit|min|not|group|prefill|office)-[a-z-]+)'/g)].map((match) => match[1]!)));
    expect(codes.size).toBeGreaterThan(35);
    for (const code of codes) {
      expect(de.definition.problems, `de ${code}`).toHaveProperty([code], expect.stringMatching(/\S/));
      expect(en.definition.problems, `en ${code}`).toHaveProperty([code], expect.stringMatching(/\S/));
    }
  });
});
