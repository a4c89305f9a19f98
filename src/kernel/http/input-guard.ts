import type { App } from '../module.ts';
import { HttpProblem } from './problem.ts';

/** Nesting deeper than any form or API body of the platform; a body nested further is not looked into. */
const maxDepth = 64;

type Unstorable = 'nul' | 'number' | null;

/** The first value no database column can take: text with a NUL character, a number beyond a double ("1e309"). */
function unstorable(value: unknown, depth = 0): Unstorable {
  if (typeof value === 'string') return value.includes('\u0000') ? 'nul' : null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : 'number';
  if (depth >= maxDepth || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return null;
  for (const entry of Array.isArray(value) ? value : Object.values(value)) {
    const found = unstorable(entry, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Refuses what passes a schema and still cannot be stored: PostgreSQL keeps no NUL character in text, and
 * "1e309" in a query or JSON becomes Infinity, which no integer column takes. Checked once for every route,
 * after the schema has coerced the input and before the handler, so such input gets a 400 with its reason
 * instead of a database error and a 500.
 */
export function refuseUnstorableInput(app: App): void {
  app.addHook('preHandler', async (request) => {
    for (const part of [request.params, request.query, request.body]) {
      const found = unstorable(part);
      if (found) throw new HttpProblem(400, found === 'nul' ? 'kernel:errors.nulCharacter' : 'kernel:errors.numberOutOfRange');
    }
  });
}
