import type { TFunction } from 'i18next';
import type { FieldType, Row, TableField, TableSchema } from './datasets.ts';
import { dimensionCombinations, monthsIn, type FigureDeclaration, type FigureValue, type MonthRange, type Unit } from './figures.ts';

/*
 * Checks that a declaration's output is what it declares: rows that fit the Table Schema, figures complete
 * and in their unit. The declarations test runs them on every module; the open-data module runs them before
 * it publishes, so a broken query never reaches a download.
 */

const realDate = (value: string) => !Number.isNaN(Date.parse(`${value}T12:00:00Z`)) && new Date(`${value}T12:00:00Z`).toISOString().startsWith(value);

const typeChecks: Record<FieldType, (value: unknown) => boolean> = {
  string: (value) => typeof value === 'string',
  integer: (value) => Number.isInteger(value),
  number: (value) => typeof value === 'number' && Number.isFinite(value),
  boolean: (value) => typeof value === 'boolean',
  date: (value) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && realDate(value),
  datetime: (value) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value)),
  time: (value) => typeof value === 'string' && /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/.test(value),
  year: (value) => Number.isInteger(value),
  yearmonth: (value) => typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value),
};

const formatChecks = {
  email: (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value),
  uri: (value: string) => /^https?:\/\/\S+$/.test(value),
};

function valueProblem(field: TableField, value: unknown): string | undefined {
  const { constraints = {} } = field;
  if (value === null || value === undefined || value === '') return constraints.required ? 'is required but empty' : undefined;
  if (!typeChecks[field.type](value)) return `is ${JSON.stringify(value)}, not of type ${field.type}`;
  if (typeof value === 'string' && field.format && !formatChecks[field.format](value)) return `is ${JSON.stringify(value)}, not of format ${field.format}`;
  if (constraints.enum && !(typeof value === 'string' && constraints.enum.includes(value))) return `is ${JSON.stringify(value)}, not one of ${constraints.enum.join(', ')}`;
  if (typeof value === 'number' && constraints.minimum !== undefined && value < constraints.minimum) return `is ${value}, below the minimum ${constraints.minimum}`;
  if (typeof value === 'number' && constraints.maximum !== undefined && value > constraints.maximum) return `is ${value}, above the maximum ${constraints.maximum}`;
  if (typeof value === 'string' && constraints.pattern && !new RegExp(`^(?:${constraints.pattern})$`).test(value)) return `is ${JSON.stringify(value)}, not matching ${constraints.pattern}`;
  return undefined;
}

/** Everything wrong with the schema itself: names, duplicate columns, a primary key naming no column. */
export function schemaProblems(schema: TableSchema): string[] {
  const problems: string[] = [];
  const names = schema.fields.map((field) => field.name);
  for (const name of names) if (!/^[a-z][a-z0-9_]*$/.test(name)) problems.push(`column name ${name} is not lower case with underscores`);
  for (const name of new Set(names)) if (names.filter((other) => other === name).length > 1) problems.push(`column ${name} is declared twice`);
  for (const key of schema.primaryKey ?? []) if (!names.includes(key)) problems.push(`primary key ${key} is no column`);
  return problems;
}

/** Everything wrong with the rows against the schema, each problem with its row number and column. */
export function rowProblems(schema: TableSchema, rows: readonly Row[]): string[] {
  const problems: string[] = [];
  const names = new Set(schema.fields.map((field) => field.name));
  const seen = new Map<string, Set<string>>();
  rows.forEach((row, index) => {
    for (const name of Object.keys(row)) if (!names.has(name)) problems.push(`row ${index + 1}: column ${name} is not in the schema`);
    for (const field of schema.fields) {
      if (!(field.name in row)) {
        problems.push(`row ${index + 1}: column ${field.name} is missing (null stands for no value)`);
        continue;
      }
      const problem = valueProblem(field, row[field.name]);
      if (problem) problems.push(`row ${index + 1}: ${field.name} ${problem}`);
    }
    const uniqueColumns = [...schema.fields.filter((field) => field.constraints?.unique).map((field) => [field.name]), ...(schema.primaryKey ? [[...schema.primaryKey]] : [])];
    for (const columns of uniqueColumns) {
      const label = columns.join('+');
      const value = JSON.stringify(columns.map((name) => row[name]));
      const values = seen.get(label) ?? new Set<string>();
      if (values.has(value)) problems.push(`row ${index + 1}: ${label} ${value} repeats an earlier row`);
      values.add(value);
      seen.set(label, values);
    }
  });
  return problems;
}

const unitChecks: Record<Unit, (value: number) => boolean> = {
  count: (value) => Number.isInteger(value) && value >= 0,
  percent: (value) => Number.isFinite(value) && value >= 0 && value <= 100,
  euro: (value) => Number.isFinite(value),
  days: (value) => Number.isFinite(value) && value >= 0,
  minutes: (value) => Number.isFinite(value) && value >= 0,
};

/** Everything wrong with a figure's values: a month or combination missing or twice, a number outside its unit. */
export function figureProblems(declaration: FigureDeclaration, values: readonly FigureValue[], range: MonthRange): string[] {
  const problems: string[] = [];
  const keyOf = (month: string | undefined, combination: Record<string, string>) => JSON.stringify([month ?? null, Object.entries(combination).sort(([a], [b]) => a.localeCompare(b))]);
  const months = declaration.period === 'month' ? monthsIn(range) : [undefined];
  const expected = months.flatMap((month) => dimensionCombinations(declaration.dimensions).map((combination) => keyOf(month, combination)));
  const found = values.map((value) => keyOf(value.month, value.dimensions ?? {}));
  for (const key of expected) {
    const count = found.filter((candidate) => candidate === key).length;
    if (count !== 1) problems.push(`${key}: ${count === 0 ? 'no value' : `${count} values`}`);
  }
  for (const key of found) if (!expected.includes(key)) problems.push(`${key}: not a month of the range or combination of the dimensions`);
  for (const value of values) if (typeof value.value !== 'number' || !unitChecks[declaration.unit](value.value)) problems.push(`${JSON.stringify(value)}: not a number in ${declaration.unit}`);
  return problems;
}

/** A cron expression of five fields (minute hour day month weekday) with numbers, ranges, lists and steps. */
export function cronProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) return `has ${fields.length} fields, not 5`;
  const bounds: [number, number][] = [
    [0, 59],
    [0, 23],
    [1, 31],
    [1, 12],
    [0, 7],
  ];
  for (const [index, field] of fields.entries()) {
    const [min, max] = bounds[index]!;
    for (const item of field.split(',')) {
      const match = /^(?:\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(item);
      const [first, last, step] = [match?.[1], match?.[2], match?.[3]].map((part) => (part === undefined ? undefined : Number(part)));
      const inRange = [first, last].every((part) => part === undefined || (part >= min && part <= max));
      if (!match || !inRange || (step !== undefined && step < 1) || (last !== undefined && last < first!)) return `field ${index + 1} (${item}) is not a value from ${min} to ${max}`;
    }
  }
  return undefined;
}

/**
 * The schema as published beside the data (Frictionless Table Schema), its texts in the language of `t`
 * and units spelt as codes: `count` → "{count}", `percent` → "%", `euro` → "EUR", `days` → "d", `minutes` → "min".
 */
export function publishedTableSchema(schema: TableSchema, t: TFunction): Record<string, unknown> {
  const unitCodes: Record<Unit, string> = { count: '{count}', percent: '%', euro: 'EUR', days: 'd', minutes: 'min' };
  return {
    fields: schema.fields.map((field) => ({
      name: field.name,
      type: field.type,
      title: t(field.title),
      description: t(field.description),
      ...(field.format ? { format: field.format } : {}),
      ...(field.unit ? { unit: unitCodes[field.unit] } : {}),
      ...(field.constraints ? { constraints: field.constraints } : {}),
    })),
    ...(schema.primaryKey ? { primaryKey: schema.primaryKey } : {}),
    missingValues: [''],
  };
}
