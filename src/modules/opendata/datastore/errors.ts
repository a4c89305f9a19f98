/*
 * The DataStore's refusals. A query error carries CKAN's field → [messages] dictionary (its `Validation Error`,
 * HTTP 409, with CKAN's English wording that clients may match on) and the same problems as codes, which
 * pages translate through `opendata:datastore.problems.<code>`.
 */

export const problemCodes = [
  'unknown-field',
  'bad-value',
  'bad-range',
  'not-filterable',
  'bad-sort',
  'bad-query',
  'not-natural',
  'no-geometry',
  'bad-name',
  'duplicate-field',
  'no-fields',
] as const;
export type ProblemCode = (typeof problemCodes)[number];

export interface DatastoreProblem {
  /** The parameter at fault (`filters`, `sort`, `fields`, `q`, `limit`, `offset`, `format`), or a schema field. */
  key: string;
  code: ProblemCode;
  /** The field or value it concerns, for the message. */
  field?: string;
  value?: string;
}

const englishMessages: Record<ProblemCode, (problem: DatastoreProblem) => string> = {
  'unknown-field': (p) => `field "${p.field}" not in table`,
  'bad-value': (p) => `invalid value "${p.value}" for field "${p.field}"`,
  'bad-range': (p) => `invalid range for field "${p.field}": use gt, gte, lt or lte`,
  'not-filterable': (p) => `field "${p.field}" cannot be filtered`,
  'bad-sort': (p) => `invalid sort "${p.value}"`,
  'bad-query': (p) => `invalid full-text query "${p.value}"`,
  'not-natural': () => 'Must be a natural number',
  'no-geometry': () => 'the table has no geojson field',
  'bad-name': (p) => `invalid field name "${p.field}": 1 to 63 bytes, not starting with "_"`,
  'duplicate-field': (p) => `duplicate field name "${p.field}"`,
  'no-fields': () => 'a table needs at least one field',
};

export function problemMessage(problem: DatastoreProblem): string {
  return englishMessages[problem.code](problem);
}

abstract class DatastoreValidationError extends Error {
  readonly problems: readonly DatastoreProblem[];

  constructor(problems: readonly DatastoreProblem[]) {
    super(problems.map(problemMessage).join('; '));
    this.problems = problems;
  }

  /** CKAN's `error` dictionary: each parameter with its messages. */
  get errors(): Record<string, string[]> {
    const errors: Record<string, string[]> = {};
    for (const problem of this.problems) (errors[problem.key] ??= []).push(problemMessage(problem));
    return errors;
  }
}

/** A search or export the table cannot answer: unknown fields, a bad sort, a value of the wrong type. */
export class DatastoreQueryError extends DatastoreValidationError {
  override name = 'DatastoreQueryError';
}

/** A Table Schema the DataStore cannot make a table of. */
export class DatastoreSchemaError extends DatastoreValidationError {
  override name = 'DatastoreSchemaError';
}

/** The resource has no DataStore table (never loaded, or dropped): CKAN's `Not Found Error`. */
export class DatastoreNotFoundError extends Error {
  override name = 'DatastoreNotFoundError';

  constructor(readonly resourceId: string) {
    super(`Resource "${resourceId}" was not found.`);
  }
}

/** Collects problems and throws them all at once, so a client learns every mistake in one answer. */
export class Problems {
  readonly list: DatastoreProblem[] = [];

  add(problem: DatastoreProblem): void {
    this.list.push(problem);
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw new DatastoreQueryError(this.list);
  }
}
