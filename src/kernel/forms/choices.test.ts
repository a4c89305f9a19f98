import { describe, expect, it } from 'vitest';
import { parseCheckbox, parseChoice, parseChoices, parseDateField } from './choices.ts';
import type { ChoiceDef, ChoicesDef } from './fields.ts';

const channel: ChoiceDef = {
  kind: 'choice',
  required: true,
  options: [
    { value: 'digital', label: 'digital' },
    { value: 'letter', label: 'letter' },
  ],
};

describe('checkboxes', () => {
  it('is ticked when its own value came, and a required box must be ticked', () => {
    expect(parseCheckbox({ kind: 'checkbox' }, 'on')).toEqual({ ok: true, value: true });
    expect(parseCheckbox({ kind: 'checkbox' }, undefined)).toEqual({ ok: true, value: false });
    expect(parseCheckbox({ kind: 'checkbox', value: 'yes', required: true }, 'yes')).toEqual({ ok: true, value: true });
    expect(parseCheckbox({ kind: 'checkbox', value: 'yes', required: true }, undefined)).toEqual({ ok: false, error: { code: 'required' } });
  });

  it('refuses a value the box never sends, and two values', () => {
    expect(parseCheckbox({ kind: 'checkbox' }, 'true')).toEqual({ ok: false, error: { code: 'not-a-choice' } });
    expect(parseCheckbox({ kind: 'checkbox' }, ['on', 'on'])).toEqual({ ok: false, error: { code: 'multiple' } });
  });
});

describe('one of several values', () => {
  it('takes an offered value and refuses any other', () => {
    expect(parseChoice(channel, 'letter')).toEqual({ ok: true, value: 'letter' });
    expect(parseChoice(channel, 'pigeon')).toEqual({ ok: false, error: { code: 'not-a-choice' } });
    expect(parseChoice(channel, '')).toEqual({ ok: false, error: { code: 'required' } });
    expect(parseChoice({ ...channel, required: false }, '')).toEqual({ ok: true, value: null });
    expect(parseChoice(channel, ['digital', 'letter'])).toEqual({ ok: false, error: { code: 'multiple' } });
  });

  it('without declared options takes an id of sensible length, for the service to look up', () => {
    expect(parseChoice({ kind: 'choice' }, '3f2504e0-4f89-11d3-9a0c-0305e82c3301')).toEqual({ ok: true, value: '3f2504e0-4f89-11d3-9a0c-0305e82c3301' });
    expect(parseChoice({ kind: 'choice' }, 'x'.repeat(201))).toEqual({ ok: false, error: { code: 'not-a-choice' } });
    expect(parseChoices({ kind: 'choices', maxLength: 100 }, ['hund', 'x'.repeat(101)])).toEqual({ ok: false, error: { code: 'not-a-choice' } });
    expect(parseChoices({ kind: 'choices', maxLength: 100 }, ['hund', 'x'.repeat(100)])).toEqual({ ok: true, value: ['hund', 'x'.repeat(100)] });
  });
});

describe('any number of values', () => {
  const roles: ChoicesDef = { kind: 'choices', options: [{ value: 'editor', label: 'e' }, { value: 'caseworker', label: 'c' }, { value: 'print-room', label: 'p' }], maxItems: 2 };
  it('takes one value as a list of one, drops repeats and empty values', () => {
    expect(parseChoices(roles, 'editor')).toEqual({ ok: true, value: ['editor'] });
    expect(parseChoices(roles, ['editor', '', 'editor', 'caseworker'])).toEqual({ ok: true, value: ['editor', 'caseworker'] });
    expect(parseChoices(roles, undefined)).toEqual({ ok: true, value: [] });
    expect(parseChoices({ ...roles, required: true }, [])).toEqual({ ok: false, error: { code: 'required' } });
  });

  it('refuses unknown values, too many, and values that are not text', () => {
    expect(parseChoices(roles, ['editor', 'administrator'])).toEqual({ ok: false, error: { code: 'not-a-choice' } });
    expect(parseChoices(roles, ['editor', 'caseworker', 'print-room'])).toEqual({ ok: false, error: { code: 'too-many', values: { max: 2, given: 3 } } });
    expect(parseChoices(roles, [{ role: 'administrator' }])).toEqual({ ok: false, error: { code: 'invalid' } });
  });
});

describe('calendar days', () => {
  it('reads the ways people write a day into YYYY-MM-DD', () => {
    for (const typed of ['01.12.2026', '1.12.2026', '01.12.26', '2026-12-01', ' 01.12.2026\t']) {
      expect(parseDateField({ kind: 'date' }, typed), typed).toEqual({ ok: true, value: '2026-12-01' });
    }
    expect(parseDateField({ kind: 'date' }, '')).toEqual({ ok: true, value: null });
    expect(parseDateField({ kind: 'date', required: true }, '')).toEqual({ ok: false, error: { code: 'required' } });
  });

  it('says exactly what is wrong with a day', () => {
    expect(parseDateField({ kind: 'date' }, '31.02.2026')).toEqual({ ok: false, error: { code: 'date-day', values: { day: 31, month: 2, year: 2026, daysInMonth: 28 } } });
    expect(parseDateField({ kind: 'date' }, '01.13.2026')).toEqual({ ok: false, error: { code: 'date-month', values: { month: 13 } } });
    expect(parseDateField({ kind: 'date' }, '01.12.0026')).toEqual({ ok: false, error: { code: 'date-year', values: { year: 26 } } });
    expect(parseDateField({ kind: 'date' }, '01/12/2026')).toEqual({ ok: false, error: { code: 'date-format' } });
    expect(parseDateField({ kind: 'date' }, ['01.12.2026', '02.12.2026'])).toEqual({ ok: false, error: { code: 'multiple' } });
  });

  it('keeps a day within the field’s first and last day', () => {
    const field = { kind: 'date', min: '2026-01-01', max: '2026-12-31' } as const;
    expect(parseDateField(field, '31.12.2025')).toEqual({ ok: false, error: { code: 'date-too-early', values: { min: '2026-01-01' } } });
    expect(parseDateField(field, '01.01.27')).toEqual({ ok: false, error: { code: 'date-too-late', values: { max: '2026-12-31' } } });
    expect(parseDateField(field, '31.12.2026')).toEqual({ ok: true, value: '2026-12-31' });
  });
});
