/*
 * What PostgreSQL said when it refused a statement, read the same way on both databases: pg and PGlite
 * both put the SQLSTATE on the error as `code`.
 */

/** The SQLSTATE of a database error, undefined for anything else. */
export function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code } = error as { code?: unknown };
  return typeof code === 'string' ? code : undefined;
}

/** unique_violation: another row holds the key (two saves raced, and the database refused the second). */
export const isUniqueViolation = (error: unknown): boolean => sqlState(error) === '23505';

/** Class 22, data exception: the data itself is wrong (a bad row in a COPY, a day the calendar lacks), not the database. */
export const isDataException = (error: unknown): boolean => sqlState(error)?.startsWith('22') ?? false;
