import type { FastifyRequest } from 'fastify';
import { stdSerializers } from 'pino';

/*
 * Addresses carry live secrets in their query strings (the token of a password-reset or confirmation link,
 * the code of an OpenID Connect return) and personal data (an e-mail address the audit log is filtered by).
 * A log line is read by more people and kept longer than either may be, so the request log shows the path
 * and only the names of the query parameters.
 */

// A parameter name is shown when it looks like one; anything else in that place might itself be a token.
const parameterName = /^[A-Za-z][A-Za-z_-]{0,31}$/;

/** `/passwort-neu?token=abc` → `/passwort-neu?token=…`. */
export function redactUrl(url: string): string {
  const cut = url.indexOf('?');
  if (cut === -1) return url;
  const names = url
    .slice(cut + 1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const name = pair.split('=')[0] ?? '';
      return parameterName.test(name) ? `${name}=…` : '…';
    });
  return `${url.slice(0, cut)}?${names.join('&')}`;
}

/** Query values inside free text (an error message that quotes the address it failed on). */
function redactText(text: string): string {
  return text.replace(/([?&][^=&\s'"#?]*=)[^&\s'"#]*/g, '$1…');
}

/** The request as the log shows it: Fastify's usual fields, with the address redacted. */
function request(req: FastifyRequest) {
  return {
    method: req.method,
    url: redactUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/** Every text in a serialized error, its causes included. */
function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (depth > 5 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrub(item, depth + 1)]));
}

function error(err: Error) {
  return scrub(stdSerializers.err(err));
}

/** Serializers for the request logger; they replace Fastify's own `req` and pino's `err`. */
export const requestLogSerializers = { req: request, err: error };
