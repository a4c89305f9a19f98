import { isFilled, isGroupRows, type AnswerValue, type Answers, type GroupRow } from './answers.ts';
import type { Comparison, Condition, Field, FormDefinition, Page } from './schema.ts';

/*
 * Which pages and questions a person is asked, from what they answered before. A condition names a field of
 * an earlier page (check.ts makes sure), so walking the pages in order and keeping only the answers of what
 * was shown decides every condition on answers that still count: an answer on a page that is no longer
 * shown cannot keep a later page open.
 */

/** How much of something there is: a number as it is, a list by its length (dogs in a group, boxes ticked). */
function amount(value: AnswerValue | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (Array.isArray(value)) return value.length;
  return undefined;
}

function compare(comparison: Comparison, answers: Answers): boolean {
  const value = answers[comparison.field];
  const tests: boolean[] = [];
  if (comparison.equals !== undefined) {
    const expected = comparison.equals;
    tests.push(Array.isArray(value) ? value.some((item) => item === expected) : value === expected);
  }
  if (comparison.in !== undefined) {
    const allowed = comparison.in;
    const among = (item: unknown) => typeof item === 'string' && allowed.includes(item);
    tests.push(Array.isArray(value) ? value.some(among) : among(value));
  }
  if (comparison.filled !== undefined) tests.push(isFilled(value) === comparison.filled);
  if (comparison.atLeast !== undefined) {
    const counted = amount(value);
    tests.push(counted !== undefined && counted >= comparison.atLeast);
  }
  // A comparison naming only its field asks whether anything was entered.
  return tests.length === 0 ? isFilled(value) : tests.every(Boolean);
}

/** Whether a condition holds for these answers. A field without an answer holds for `filled: false` and `not` only. */
export function holds(condition: Condition, answers: Answers): boolean {
  if ('all' in condition) return condition.all.every((comparison) => compare(comparison, answers));
  if ('any' in condition) return condition.any.some((comparison) => compare(comparison, answers));
  if ('not' in condition) return !compare(condition.not, answers);
  return compare(condition, answers);
}

const shown = (item: { when?: Condition | undefined }, answers: Answers) => item.when === undefined || holds(item.when, answers);

/**
 * The fields of a page that are asked, given the answers of the earlier pages (pass `pruneHidden`'s answers,
 * so that an answer on a hidden page counts as none). A group's own fields are filtered by `groupFields`.
 */
export function visibleFields(page: Page, answers: Answers): Field[] {
  return page.fields.filter((field) => shown(field, answers));
}

/** The fields of a group's rows that are asked. */
export function groupFields<F extends { when?: Condition | undefined }>(fields: readonly F[], answers: Answers): F[] {
  return fields.filter((field) => shown(field, answers));
}

/** A group's rows with only the fields that are asked; anything that is no row is dropped. */
function keptRows(field: Extract<Field, { type: 'group' }>, value: AnswerValue, answers: Answers): GroupRow[] {
  if (!isGroupRows(value)) return [];
  const ids = groupFields(field.fields, answers).map((child) => child.id);
  return value.map((row) => Object.fromEntries(ids.filter((id) => id in row).map((id) => [id, row[id]!])));
}

function walk(definition: FormDefinition, answers: Answers): { pages: Page[]; kept: Answers } {
  const kept: Answers = {};
  const pages: Page[] = [];
  for (const page of definition.pages) {
    if (!shown(page, kept)) continue;
    pages.push(page);
    for (const field of visibleFields(page, kept)) {
      if (!Object.hasOwn(answers, field.id)) continue;
      const value = answers[field.id]!;
      kept[field.id] = field.type === 'group' ? keptRows(field, value, kept) : value;
    }
  }
  return { pages, kept };
}

/** The pages a person with these answers is asked, in order. */
export function visiblePages(definition: FormDefinition, answers: Answers): Page[] {
  return walk(definition, answers).pages;
}

/**
 * The answers that count: those of fields shown on pages shown, without ids the form does not have. What a
 * draft keeps after each page and what a case receives, so that a choice taken back leaves nothing behind.
 */
export function pruneHidden(definition: FormDefinition, answers: Answers): Answers {
  return walk(definition, answers).kept;
}
