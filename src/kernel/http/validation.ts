import type { FastifySchemaValidationError } from 'fastify';
import type { TFunction } from 'i18next';
import type { FieldErrors } from '../html/page.ts';

interface VerboseError extends FastifySchemaValidationError {
  parentSchema?: { title?: string; properties?: Record<string, { title?: string }> };
}

const knownKeywords = new Set(['required', 'minLength', 'maxLength', 'format', 'pattern', 'enum', 'type', 'minimum', 'maximum', 'additionalProperties']);
// A choice between literals fails as one `const` per branch plus an `anyOf`; only the `anyOf` knows the
// field's title, and to the person all of it means "not one of the offered values".
const choiceKeywords = new Set(['anyOf', 'oneOf', 'const']);

/**
 * Turns schema validation errors into one message per field, in the reader's language. A property's
 * `title` in the schema is the i18n key of its label, so messages name the field as the form does.
 */
export function fieldErrorsFrom(errors: readonly FastifySchemaValidationError[], t: TFunction): FieldErrors {
  const result: FieldErrors = {};
  const choicesFirst = [...errors].sort((a, b) => Number(b.keyword === 'anyOf') - Number(a.keyword === 'anyOf'));
  for (const error of choicesFirst) {
    const params = error.params;
    const missing = typeof params.missingProperty === 'string' ? params.missingProperty : undefined;
    const extra = typeof params.additionalProperty === 'string' ? params.additionalProperty : undefined;
    const field = missing ?? extra ?? error.instancePath.split('/').filter(Boolean)[0] ?? 'form';
    if (result[field]) continue;
    const parent = (error as VerboseError).parentSchema;
    const titleKey = missing || extra ? parent?.properties?.[field]?.title : parent?.title;
    const label = titleKey ? t(titleKey) : field;
    const keyword = choiceKeywords.has(error.keyword) ? 'enum' : knownKeywords.has(error.keyword) ? error.keyword : 'invalid';
    const messageKey = keyword === 'format' && params.format === 'email' ? 'email' : keyword;
    result[field] = t(`kernel:validation.${messageKey}`, { field: label, limit: params.limit });
  }
  return result;
}
