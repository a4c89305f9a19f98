import type { Translate } from '#kernel/i18n/i18n.ts';
import type { Problem, ProblemType, ValidationReport } from './types.ts';

const cellLength = 100;

/** A problem that ends reading the file (a record too large, a broken quote, too many columns …). */
export class StopReading extends Error {
  constructor(readonly problem: Omit<Problem, 'message'>) {
    super(problem.type);
  }
}

/** Collects problems while a pass reads the file; keeps the first `maxErrors` and counts the rest. */
export class ReportBuilder {
  readonly errors: Problem[] = [];
  readonly notes = new Set<string>();
  errorCount = 0;
  rowCount = 0;
  stopped = false;
  header: string[] = [];

  constructor(private readonly maxErrors: number) {}

  add(problem: Omit<Problem, 'message'>): void {
    this.errorCount++;
    if (this.errors.length >= this.maxErrors) return;
    const { cell } = problem;
    this.errors.push({
      ...problem,
      ...(cell === undefined ? {} : { cell: cell.length > cellLength ? `${cell.slice(0, cellLength)}…` : cell }),
      message: problemKey(problem.type),
    });
  }

  note(key: string): void {
    this.notes.add(`opendata:ingest.notes.${key}`);
  }

  build(): ValidationReport {
    return {
      valid: this.errorCount === 0,
      rowCount: this.rowCount,
      errorCount: this.errorCount,
      errors: this.errors,
      truncated: this.stopped || this.errorCount > this.errors.length,
      header: this.header,
      notes: [...this.notes],
    };
  }
}

export function problemKey(type: ProblemType): string {
  return `opendata:ingest.problems.${type}`;
}

/**
 * The sentence for a problem in the translator's language, led by where it is ("Zeile 4, Spalte 2: …")
 * unless `where: false` (a table that shows row and column in columns of its own).
 */
export function describeProblem(problem: Problem, t: Translate, options: { where?: boolean } = {}): string {
  // The constraint picks the sentence where one reads better ("must not be empty" for required).
  const context = problem.values?.constraint;
  const values: Record<string, string | number | undefined> = { ...problem.values, row: problem.row, column: problem.column, field: problem.field, cell: problem.cell, context: context === undefined ? undefined : String(context) };
  const what = String(t(problem.message, values));
  if (options.where === false) return what;
  const where =
    problem.row !== undefined && problem.column !== undefined
      ? t('opendata:ingest.where.cell', { row: problem.row, column: problem.column })
      : problem.row !== undefined
        ? t('opendata:ingest.where.row', { row: problem.row })
        : problem.column !== undefined
          ? t('opendata:ingest.where.column', { column: problem.column })
          : '';
  return where ? `${String(where)}: ${what}` : what;
}
