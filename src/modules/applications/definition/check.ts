import { ruleProblems } from './check-rules.ts';
import { schemaProblems, type DefinitionProblem } from './check-schema.ts';
import type { FormDefinition } from './schema.ts';

export type { DefinitionProblem } from './check-schema.ts';

/**
 * Whether uploaded JSON is a definition the platform can put before citizens: first its schema, then what
 * the schema cannot say (check-rules.ts). Problems carry a JSON pointer and a stable code; their words are
 * under `applications:definition.problems.<code>`.
 */
export function checkDefinition(json: unknown): { ok: true; definition: FormDefinition } | { ok: false; problems: DefinitionProblem[] } {
  const schema = schemaProblems(json);
  if (schema.length > 0) return { ok: false, problems: schema };
  const definition = json as FormDefinition;
  const rules = ruleProblems(definition);
  return rules.length > 0 ? { ok: false, problems: rules } : { ok: true, definition };
}
