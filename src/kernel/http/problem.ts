/** What a refusal says beyond its message, already in the person's language (the route translated it). */
export interface ProblemDetails {
  /** What is wrong with each field of the request body, by the field's name (`values.receivedAt` for a nested one). */
  fields?: Record<string, string>;
  /** Findings that belong to no single field (the lines of a refused import). */
  problems?: string[];
  /** i18n key of the title, when the status's own title says too little. */
  titleKey?: string;
  /**
   * Members a foreign API's envelope carries beside the fields for machines (CKAN's `_records_row`); the
   * platform's own problem+json has its fixed members and leaves them out.
   */
  extensions?: Record<string, string | number | boolean>;
  /**
   * The kind of problem, for machines to tell refusals of one status apart: `<module>/<reason>`
   * (`notify/unknown-purpose`). It becomes the problem type URI of the APIs; without it the status says it all.
   */
  type?: string;
}

/**
 * An expected refusal with a status and a message for the person (an i18n key). Thrown by routes and
 * guards; the error handler answers it in the format of the route's scope (a page, problem+json, a foreign
 * API's envelope), never as a 500, so no route writes an error body of its own. Without a message key the
 * message is the details' fields and problems, one after another.
 */
export class HttpProblem extends Error {
  constructor(
    readonly statusCode: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429,
    readonly messageKey: string | null,
    readonly values: Record<string, unknown> = {},
    readonly details: ProblemDetails = {},
  ) {
    super(messageKey ?? 'problem');
  }
}

/** Where a refused field was in the request, as Fastify's validation names it. */
export type FieldPlace = 'body' | 'querystring' | 'params' | 'headers';

/**
 * A refusal as the kernel resolved it, in the reader's language, handed to the error format of the route's
 * scope. Formats decide only how it looks on the wire.
 */
export interface Refusal {
  status: number;
  /** The kind of problem (`validation`, `notify/unknown-purpose`); absent where the status says it all. */
  type?: string;
  title: string;
  detail: string;
  /** What is wrong with each field, by name, and where those fields were. */
  fields?: Record<string, string>;
  fieldsIn?: FieldPlace;
  /** Findings that belong to no single field. */
  problems?: readonly string[];
  extensions?: ProblemDetails['extensions'];
}
