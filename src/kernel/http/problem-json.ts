import type { FastifyRequest } from 'fastify';
import Type, { type Static } from 'typebox';
import type { ErrorFormat } from './error-formats.ts';
import type { Refusal } from './problem.ts';

/*
 * The platform's own APIs refuse with RFC 9457 problem details. The schema is declared once here and is the
 * error response of every /api/ route, so the OpenAPI description shows it.
 */

export const problemMediaType = 'application/problem+json';

const FieldProblem = Type.Object(
  {
    detail: Type.String({ description: 'What is wrong, in the caller’s language' }),
    pointer: Type.Optional(Type.String({ description: 'Where in the request body, as a JSON Pointer in a URI fragment (#/recipient/email)' })),
    parameter: Type.Optional(Type.String({ description: 'The query or path parameter concerned' })),
    header: Type.Optional(Type.String({ description: 'The request header concerned' })),
  },
  { additionalProperties: false },
);

export const Problem = Type.Object(
  {
    type: Type.String({
      description: 'The kind of problem: about:blank where the status says it all, otherwise <PUBLIC_URL>/api/problems/<kind> (validation, invalid-json, notify/unknown-purpose …)',
    }),
    title: Type.String({ description: 'Short summary of the kind of problem, in the caller’s language' }),
    status: Type.Integer({ minimum: 400, maximum: 599, description: 'The HTTP status of the response' }),
    detail: Type.String({ description: 'What went wrong with this request, in the caller’s language' }),
    instance: Type.String({ description: 'The path the request was sent to' }),
    errors: Type.Optional(Type.Array(FieldProblem, { description: 'Each refused field, or each finding that belongs to no field (the lines of a refused import)' })),
  },
  { title: 'Problem', description: 'RFC 9457 problem details (application/problem+json); texts in German, or English with ?lang=en or Accept-Language' },
);
export type Problem = Static<typeof Problem>;

const reasons: Record<number, string> = {
  400: 'The request does not fit what the endpoint accepts',
  401: 'No valid bearer token',
  403: 'The token’s client may not do this',
  404: 'Nothing at this address',
  409: 'The request conflicts with the current state',
  413: 'The request or a file in it is too large',
  415: 'The request’s media type is not accepted',
  422: 'Well-formed, but cannot be done',
  429: 'Too many requests; wait as long as Retry-After says',
  500: 'An unexpected error; the detail names a reference for enquiries',
};

/** The error responses of an /api/ route, all problem details: `response: { 200: …, ...problemResponses(400, 404) }`. */
export function problemResponses(...statuses: (keyof typeof reasons)[]) {
  return Object.fromEntries(statuses.map((status) => [status, { description: reasons[status], content: { [problemMediaType]: { schema: Problem } } }])) as Record<
    number,
    { description: string; content: { [problemMediaType]: { schema: typeof Problem } } }
  >;
}

const jsonPointer = (field: string) => `#/${field.split('.').map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;

function errorsOf(refusal: Refusal): Problem['errors'] {
  const place = refusal.fieldsIn ?? 'body';
  const fields = Object.entries(refusal.fields ?? {}).map(([field, detail]) =>
    place === 'body' ? { detail, pointer: jsonPointer(field) } : place === 'headers' ? { detail, header: field } : { detail, parameter: field },
  );
  const errors = [...fields, ...(refusal.problems ?? []).map((detail) => ({ detail }))];
  return errors.length > 0 ? errors : undefined;
}

/**
 * The platform's APIs' format, registered for /api/ by the kernel, whose clients authenticate with a bearer
 * token; also the answer to a page's script that asked for JSON.
 */
export function problemJson(publicUrl: string, options: { bearer: boolean }): ErrorFormat {
  return {
    name: 'problem+json',
    render(refusal: Refusal, request: FastifyRequest) {
      const body: Problem = {
        type: refusal.type ? `${publicUrl}/api/problems/${refusal.type}` : 'about:blank',
        title: refusal.title,
        status: refusal.status,
        detail: refusal.detail,
        instance: request.url.split('?')[0] ?? '/',
        errors: errorsOf(refusal),
      };
      // RFC 6750: a machine refused for want of credentials is told which scheme to use.
      return { contentType: problemMediaType, body, headers: refusal.status === 401 && options.bearer ? { 'www-authenticate': 'Bearer' } : undefined };
    },
  };
}
