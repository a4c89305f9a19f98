import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { cronProblem, figureProblems, publishedTableSchema, rowProblems, schemaProblems } from './check.ts';
import type { TableSchema } from './datasets.ts';
import { densePerMonth, monthsIn, rangeInstants, type FigureDeclaration } from './figures.ts';

const schema: TableSchema = {
  primaryKey: ['id'],
  fields: [
    { name: 'id', type: 'string', title: 't', description: 'd', constraints: { required: true } },
    { name: 'fee', type: 'number', title: 't', description: 'd', unit: 'euro', constraints: { minimum: 0 } },
    { name: 'open', type: 'boolean', title: 't', description: 'd', constraints: { required: true } },
    { name: 'since', type: 'date', title: 't', description: 'd' },
    { name: 'url', type: 'string', format: 'uri', title: 't', description: 'd' },
    { name: 'kind', type: 'string', title: 't', description: 'd', constraints: { enum: ['a', 'b'] } },
  ],
};

describe('rows against their Table Schema', () => {
  it('accepts rows that fit, empty optional values included', () => {
    expect(rowProblems(schema, [{ id: 'x', fee: 12.5, open: true, since: '2026-02-28', url: 'https://erkelenz.example/x', kind: 'a' }, { id: 'y', fee: null, open: false, since: null, url: null, kind: null }])).toEqual([]);
  });

  it('names each wrong value with its row and column', () => {
    const problems = rowProblems(schema, [
      { id: 'x', fee: '12', open: 'yes', since: '2026-02-30', url: 'ftp://x', kind: 'c' },
      { id: 'x', fee: -1, open: null, since: null, url: null, kind: null, extra: 1 },
      { id: 'z', open: true, since: null, url: null, kind: null },
    ]);
    expect(problems).toEqual([
      'row 1: fee is "12", not of type number',
      'row 1: open is "yes", not of type boolean',
      'row 1: since is "2026-02-30", not of type date',
      'row 1: url is "ftp://x", not of format uri',
      'row 1: kind is "c", not one of a, b',
      'row 2: column extra is not in the schema',
      'row 2: fee is -1, below the minimum 0',
      'row 2: open is required but empty',
      'row 2: id ["x"] repeats an earlier row',
      'row 3: column fee is missing (null stands for no value)',
    ]);
  });

  it('finds mistakes in the schema itself', () => {
    expect(schemaProblems({ primaryKey: ['key'], fields: [schema.fields[0]!, schema.fields[0]!, { ...schema.fields[1]!, name: 'Fee' }] })).toEqual([
      'column name Fee is not lower case with underscores',
      'column id is declared twice',
      'primary key key is no column',
    ]);
  });
});

describe('figures', () => {
  const perChannel: FigureDeclaration = {
    id: 'test.sent',
    title: 't',
    definition: 'd',
    unit: 'count',
    period: 'month',
    dimensions: [{ name: 'channel', label: 'l', values: { email: 'e', letter: 'l' } }],
    values: async () => [],
  };
  const range = { from: '2026-11', to: '2027-01' };

  it('counts months across the turn of the year, in Berlin', () => {
    expect(monthsIn(range)).toEqual(['2026-11', '2026-12', '2027-01']);
    expect(rangeInstants(range)).toEqual({ from: new Date('2026-10-31T23:00:00Z'), to: new Date('2027-01-31T23:00:00Z') });
    expect(rangeInstants({ from: '2026-04', to: '2026-04' })).toEqual({ from: new Date('2026-03-31T22:00:00Z'), to: new Date('2026-04-30T22:00:00Z') });
  });

  it('fills every month and split the rows leave out with zero', () => {
    const values = densePerMonth(range, perChannel.dimensions, [{ month: '2026-12', channel: 'letter', value: '4' }]);
    expect(values).toHaveLength(6);
    expect(values.find((value) => value.month === '2026-12' && value.dimensions?.channel === 'letter')?.value).toBe(4);
    expect(values.filter((value) => value.value === 0)).toHaveLength(5);
    expect(figureProblems(perChannel, values, range)).toEqual([]);
  });

  it('names a missing month, a value twice, and a number outside its unit', () => {
    const values = densePerMonth(range, perChannel.dimensions, []).filter((value) => value.month !== '2027-01' || value.dimensions?.channel !== 'email');
    values.push({ month: '2026-11', dimensions: { channel: 'email' }, value: 1.5 });
    expect(figureProblems(perChannel, values, range)).toEqual([
      '["2026-11",[["channel","email"]]]: 2 values',
      '["2027-01",[["channel","email"]]]: no value',
      '{"month":"2026-11","dimensions":{"channel":"email"},"value":1.5}: not a number in count',
    ]);
    expect(figureProblems({ ...perChannel, unit: 'percent', period: 'now', dimensions: [] }, [{ value: 101 }], range)).toEqual(['{"value":101}: not a number in percent']);
  });

  it('takes minutes with decimals but none below zero, and publishes them as "min"', () => {
    const wait: FigureDeclaration = { ...perChannel, unit: 'minutes', period: 'now', dimensions: [] };
    expect(figureProblems(wait, [{ value: 12.5 }], range)).toEqual([]);
    expect(figureProblems(wait, [{ value: -1 }], range)).toEqual(['{"value":-1}: not a number in minutes']);
    const published = publishedTableSchema({ fields: [{ name: 'wait', type: 'number', title: 't', description: 'd', unit: 'minutes' }] }, ((key: string) => key) as unknown as TFunction) as { fields: { unit?: string }[] };
    expect(published.fields[0]?.unit).toBe('min');
  });
});

describe('refresh schedules', () => {
  it('reads five-field cron expressions and names what is wrong', () => {
    for (const good of ['15 4 * * *', '*/15 * * * *', '0 6 * * 1-5', '0 0 1,15 * *']) expect(cronProblem(good), good).toBeUndefined();
    expect(cronProblem('15 4 * *')).toBe('has 4 fields, not 5');
    expect(cronProblem('60 4 * * *')).toBe('field 1 (60) is not a value from 0 to 59');
    expect(cronProblem('0 5-2 * * *')).toBe('field 2 (5-2) is not a value from 0 to 23');
    expect(cronProblem('daily')).toBe('has 1 fields, not 5');
  });
});
