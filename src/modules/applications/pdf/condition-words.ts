import { textIn } from '../definition/texts.ts';
import type { Comparison, Condition, Field, FormDefinition } from '../definition/schema.ts';
import { languageTag, type Language } from './tagged.ts';

/**
 * The words a condition is written in, in the reader's language. Each puts a field's label (already quoted)
 * and what was chosen or entered into a clause that completes "… if": "Sie bei „Hundeart“ „Listenhund“
 * angekreuzt haben" / "you ticked “Listed breed” for “Kind of dog”".
 */
export interface ConditionLabels {
  /** The instruction around the clauses: "Nur ausfüllen, wenn {{condition}}." */
  onlyIf: (condition: string) => string;
  /** A label or choice in quotation marks: „…“ or “…”. */
  quote: (text: string) => string;
  chosen: (field: string, choices: string) => string;
  notChosen: (field: string, choices: string) => string;
  filled: (field: string) => string;
  notFilled: (field: string) => string;
  /** At least this number, or this many rows or ticks. */
  atLeast: (field: string, amount: string) => string;
  fewer: (field: string, amount: string) => string;
  is: (field: string, value: string) => string;
  isNot: (field: string, value: string) => string;
  /** The words that join clauses and choices: "und", "oder". */
  and: string;
  or: string;
}

export interface ConditionContext {
  definition: FormDefinition;
  lang: Language;
  easy: boolean;
  labels: ConditionLabels;
  /** The words printed beside a single checkbox, which a condition on it names. */
  yes: string;
  no: string;
}

/**
 * A condition as an instruction for paper, where nothing is hidden: "Nur ausfüllen, wenn Sie bei „Hundeart“
 * „Listenhund“ oder „Herdenschutzhund“ angekreuzt haben." Choices are named by their labels, never by their
 * stored values, and a checkbox by the yes or no box the printed form shows for it.
 */
export function conditionInWords(condition: Condition, context: ConditionContext): string {
  const { labels } = context;
  if ('all' in condition) return labels.onlyIf(joined(condition.all.map((comparison) => clause(comparison, false, context)), labels.and));
  if ('any' in condition) return labels.onlyIf(joined(condition.any.map((comparison) => clause(comparison, false, context)), labels.or));
  if ('not' in condition) return labels.onlyIf(clause(condition.not, true, context));
  return labels.onlyIf(clause(condition, false, context));
}

/** "A", "A und B", "A, B und C". */
function joined(parts: readonly string[], word: string): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} ${word} ${parts.at(-1)}`;
}

function clause(comparison: Comparison, negated: boolean, context: ConditionContext): string {
  const { labels } = context;
  const field = fieldById(context.definition, comparison.field);
  const name = labels.quote(field ? textIn(field.label, context.lang, context.easy) : comparison.field);
  const number = (value: number) => new Intl.NumberFormat(languageTag(context.lang)).format(value);
  const options = field && field.type !== 'group' ? field.options : undefined;
  const choice = (value: string) => {
    const option = options?.find((candidate) => candidate.value === value);
    return labels.quote(option ? textIn(option.label, context.lang, context.easy) : value);
  };
  const parts: string[] = [];

  if (typeof comparison.equals === 'boolean') {
    // A single checkbox is printed with a yes and a no box; "not ticked" on paper is the other box.
    parts.push(labels.chosen(name, labels.quote(comparison.equals !== negated ? context.yes : context.no)));
  } else if (typeof comparison.equals === 'number') {
    parts.push((negated ? labels.isNot : labels.is)(name, number(comparison.equals)));
  } else if (typeof comparison.equals === 'string') {
    if (options) parts.push((negated ? labels.notChosen : labels.chosen)(name, choice(comparison.equals)));
    else parts.push((negated ? labels.isNot : labels.is)(name, labels.quote(comparison.equals)));
  }
  if (comparison.in) parts.push((negated ? labels.notChosen : labels.chosen)(name, joined(comparison.in.map(choice), labels.or)));
  if (comparison.atLeast !== undefined) parts.push((negated ? labels.fewer : labels.atLeast)(name, number(comparison.atLeast)));
  // A comparison naming only its field asks whether anything was entered there.
  const filled = comparison.filled ?? (parts.length === 0 ? true : undefined);
  if (filled !== undefined) parts.push(filled !== negated ? labels.filled(name) : labels.notFilled(name));
  // "not (A and B)" holds when either fails.
  return joined(parts, negated ? labels.or : labels.and);
}

function fieldById(definition: FormDefinition, id: string): Field | undefined {
  for (const page of definition.pages) {
    const found = page.fields.find((field) => field.id === id);
    if (found) return found;
  }
  return undefined;
}
