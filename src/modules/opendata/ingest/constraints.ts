import type { PublishedField } from '../tables.ts';
import type { RowValue } from './types.ts';

/** The name of the first constraint of the field that a non-empty value breaks, or undefined. */
export function brokenConstraint(value: RowValue, field: PublishedField): string | undefined {
  const constraints = field.constraints;
  if (!constraints || value === null) return undefined;
  if (constraints.enum && !constraints.enum.includes(String(value))) return 'enum';
  if (typeof value === 'number' || field.type === 'date' || field.type === 'datetime' || field.type === 'time') {
    // Dates and times compare as their ISO text, which sorts as they do.
    const below = (limit: number) => (typeof value === 'number' ? value < limit : String(value) < String(limit));
    if (constraints.minimum !== undefined && below(constraints.minimum)) return 'minimum';
    if (constraints.maximum !== undefined && (typeof value === 'number' ? value > constraints.maximum : String(value) > String(constraints.maximum))) {
      return 'maximum';
    }
  }
  if (constraints.pattern !== undefined && typeof value === 'string' && !patternOf(constraints.pattern).test(value)) return 'pattern';
  return undefined;
}

const patterns = new Map<string, RegExp>();

/** Table Schema patterns match the whole value. A pattern that is no regular expression matches nothing. */
function patternOf(source: string): RegExp {
  let pattern = patterns.get(source);
  if (!pattern) {
    try {
      pattern = new RegExp(`^(?:${source})$`, 'u');
    } catch {
      pattern = /(?!)/;
    }
    patterns.set(source, pattern);
  }
  return pattern;
}
