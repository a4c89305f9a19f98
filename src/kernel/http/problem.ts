/**
 * An expected refusal with a status and a message for the person (an i18n key). Thrown by routes and
 * guards; the error handler renders it as a page or as JSON, never as a 500.
 */
export class HttpProblem extends Error {
  constructor(
    readonly statusCode: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429,
    readonly messageKey: string,
    readonly values: Record<string, unknown> = {},
  ) {
    super(messageKey);
  }
}
