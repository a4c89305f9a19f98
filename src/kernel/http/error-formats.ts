import type { FastifyRequest } from 'fastify';
import type { App } from '../module.ts';
import type { Refusal } from './problem.ts';

/** An error body as it goes on the wire. */
export interface ErrorResponse {
  /** Media type of the body (`application/problem+json`, `application/json`, `application/xml`). */
  contentType: string;
  /** An object is serialised as JSON (through the route's response schema for the status, if it has one). */
  body: string | object;
  headers?: Readonly<Record<string, string>>;
}

/**
 * How refusals look under a prefix of addresses: the platform's APIs answer RFC 9457 problem details, a
 * foreign API its own envelope (CKAN's `{ success: false, error }`, Open311's error list). Pages get the
 * site's error page; that needs no registration.
 */
export interface ErrorFormat {
  /** Named in logs and tests. */
  name: string;
  render(refusal: Refusal, request: FastifyRequest): ErrorResponse;
}

/** The formats by prefix; the longest prefix that fits a request's path wins. */
export class ErrorFormats {
  readonly #byPrefix = new Map<string, ErrorFormat>();

  register(prefix: string, format: ErrorFormat): void {
    if (!prefix.startsWith('/') || !prefix.endsWith('/')) throw new Error(`An error format's prefix starts and ends with a slash: ${prefix}`);
    const taken = this.#byPrefix.get(prefix);
    if (taken) throw new Error(`Errors under ${prefix} are answered as ${taken.name} already`);
    this.#byPrefix.set(prefix, format);
  }

  /** The format registered for the request's path, or undefined where the site's pages answer. */
  for(url: string): ErrorFormat | undefined {
    const path = url.split('?')[0] ?? '/';
    let best: [string, ErrorFormat] | undefined;
    for (const entry of this.#byPrefix) if (path.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
    return best?.[1];
  }
}

/**
 * Lets a module answer refusals under its prefix in its own format, whatever refused the request: its
 * route, a guard, schema validation, an unknown address, a rate limit. Call it while registering routes.
 */
export function registerErrorFormat(app: App, prefix: string, format: ErrorFormat): void {
  app.errorFormats.register(prefix, format);
}
