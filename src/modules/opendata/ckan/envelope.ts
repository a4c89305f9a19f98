import type { FastifyRequest } from 'fastify';
import type { ErrorFormat } from '#kernel/http/error-formats.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import { absolute, ckanActionPath } from '../addresses.ts';

/*
 * CKAN's envelope (ckan/views/api.py in 2.10/2.11): `{ help, success, result }` or `{ help, success: false,
 * error: { __type, message } }`, with CKAN's status codes. A request CKAN refuses before any action runs
 * (unknown action, GET of an action with side effects, a body that is no JSON object) gets a bare JSON string
 * and 400, as CKAN's `_finish_bad_request` sends it; clients test for exactly that.
 */

export type CkanErrorType = 'Validation Error' | 'Authorization Error' | 'Not Found Error' | 'Search Query Error' | 'Integrity Error';

/** The problem types routes throw; the format below turns them into CKAN's error types. */
const types: Record<string, CkanErrorType | 'bare'> = {
  'ckan/bad-request': 'bare',
  'ckan/search-query': 'Search Query Error',
  'ckan/validation': 'Validation Error',
  'ckan/not-found': 'Not Found Error',
  'ckan/integrity': 'Integrity Error',
};

export const helpUrl = (publicUrl: string, action: string) => `${absolute(publicUrl, ckanActionPath('help_show'))}?name=${encodeURIComponent(action)}`;

/** The action a request names, for the help link; `help_show` for addresses that name none. */
export function actionOf(url: string): string {
  return /^\/api\/(?:3\/)?action\/([^/?#]+)/.exec(url)?.[1] ?? 'help_show';
}

/** How every action's answer is described in the OpenAPI document, read and write alike. */
export const openApiTags = ['CKAN Action API'];
/** Harvesters page through the whole catalogue and scripts send rows in batches; plenty for both, a limit for a runaway script. */
export const actionRateLimit = { max: 600, timeWindow: '1 minute' };

export function success(publicUrl: string, action: string, result: unknown) {
  return { help: helpUrl(publicUrl, action), success: true as const, result };
}

/** A refusal CKAN sends as a bare JSON string: `"Bad request - Action name not known: foo"`. */
export const badRequest = (message: string) => new HttpProblem(400, 'opendata:ckan.errors.raw', { message }, { type: 'ckan/bad-request' });
export const searchQueryError = (messageKey: string, values: Record<string, unknown> = {}) =>
  new HttpProblem(400, messageKey, values, { type: 'ckan/search-query' });
export const notFound = (messageKey: string, values: Record<string, unknown> = {}) => new HttpProblem(404, messageKey, values, { type: 'ckan/not-found' });
/** CKAN's Validation Error carries field → [messages] instead of one message; `fields` hold the translated texts. */
export const validationError = (fields: Record<string, string>, extensions?: Record<string, number>) =>
  new HttpProblem(409, null, {}, { type: 'ckan/validation', fields, ...(extensions ? { extensions } : {}) });

function errorType(status: number, type: string | undefined): CkanErrorType | 'bare' {
  const named = type ? types[type] : undefined;
  if (named) return named;
  if (status === 401 || status === 403) return 'Authorization Error';
  if (status === 404) return 'Not Found Error';
  // The kernel's schema validation and size limits: CKAN reports wrong parameters as a Validation Error.
  return 'Validation Error';
}

/** Every refusal under the CKAN prefixes, whatever refused it (route, guard, schema, router, rate limit). */
export function ckanErrorFormat(publicUrl: string): ErrorFormat {
  return {
    name: 'ckan',
    render(refusal, request: FastifyRequest) {
      const type = errorType(refusal.status, refusal.type);
      if (type === 'bare') return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(refusal.detail) };
      const help = helpUrl(publicUrl, actionOf(request.url));
      const error =
        type === 'Validation Error' && refusal.fields
          ? { ...Object.fromEntries(Object.entries(refusal.fields).map(([field, message]) => [field, [message]])), ...refusal.extensions, __type: type }
          : { __type: type, message: refusal.detail };
      return { contentType: 'application/json; charset=utf-8', body: JSON.stringify({ help, success: false, error }) };
    },
  };
}
