import { formatDay } from '../dates.ts';
import { rowFieldName, type FormDef, type FormValue, type LeafDef, type Raw } from './fields.ts';
import { formatIban } from './iban.ts';
import { formatEuros } from './numbers.ts';

function shown(field: LeafDef, value: unknown): string | string[] | undefined {
  if (value === null || value === undefined) return undefined;
  switch (field.kind) {
    case 'password':
    case 'file':
      return undefined;
    case 'lines':
      return (value as string[]).join('\n');
    case 'terms':
      return (value as string[]).join(', ');
    case 'choices':
      return [...(value as string[])];
    case 'checkbox':
      return value === true ? (field.value ?? 'on') : undefined;
    case 'euros':
      return formatEuros(value as number);
    case 'date':
      return formatDay(value as string);
    case 'integer':
      return typeof value === 'number' ? String(value) : undefined;
    case 'iban':
      return typeof value === 'string' ? formatIban(value) : undefined;
    case 'text':
    case 'textarea':
    case 'email':
    case 'hidden':
    case 'time':
    case 'phone':
    case 'choice':
      return typeof value === 'string' ? value : undefined;
  }
}

/**
 * A stored value as the form shows it: amounts with a comma, days the German way, lists one per line,
 * group rows under their input names. The opposite of reading; reading what this gives yields the value
 * again. Fields missing from `value` stay empty.
 */
export function toRaw<D extends FormDef>(form: D, value: Partial<FormValue<D>>): Raw {
  const raw: Raw = {};
  const given = value as Record<string, unknown>;
  for (const [name, field] of Object.entries(form.fields)) {
    if (field.kind !== 'group') {
      const text = shown(field, given[name]);
      if (text !== undefined) raw[name] = text;
      continue;
    }
    const rows = (given[name] ?? []) as Record<string, unknown>[];
    rows.slice(0, field.max).forEach((row, index) => {
      for (const [child, childField] of Object.entries(field.fields)) {
        const text = shown(childField, row[child]);
        if (text !== undefined) raw[rowFieldName(name, index + 1, child)] = text;
      }
    });
  }
  return raw;
}
