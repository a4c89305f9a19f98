import type { FastifyError, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../html/page.ts';
import { fieldErrorsFrom } from './validation.ts';

/**
 * Reads a posted form on a route declared with `attachValidation: true`: what the person typed (to show it
 * again) and the schema's complaints per field, so the route re-renders the form instead of failing.
 */
export function readForm<T>(request: FastifyRequest): { values: Partial<T>; errors: FieldErrors } {
  const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string' && key !== '_csrf') values[key] = value.slice(0, 5000);
  }
  const failed = request.validationError as FastifyError | undefined;
  const errors = failed?.validation ? fieldErrorsFrom(failed.validation, request.t) : {};
  return { values: values as Partial<T>, errors };
}
