import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { KernelContext } from '../context.ts';
import { Heading } from '../html/components.tsx';
import { renderPage } from '../html/layout.tsx';
import type { App } from '../module.ts';
import { AccessDenied } from '../auth/permissions.ts';
import type { ErrorFormat, ErrorFormats } from './error-formats.ts';
import { HttpProblem, type FieldPlace, type Refusal } from './problem.ts';
import { fieldErrorsFrom } from './validation.ts';

/*
 * One error contract. Services return reason codes, routes translate them and throw `HttpProblem`; the
 * framework's own refusals (schema, CSRF, size, unknown address, rate limit) and `AccessDenied` join them
 * here as a `Refusal` in the reader's language. How it looks is the route scope's choice: the site's error
 * page for people, RFC 9457 problem details under /api/, or a format a module registered for its prefix.
 */

/** Whether a refusal of this request is answered as a page, rather than in a machine format. */
export function answersWithPage(formats: ErrorFormats, request: FastifyRequest): boolean {
  if (formats.for(request.url)) return false;
  const accept = request.headers.accept ?? '';
  return !(accept.includes('application/json') && !accept.includes('text/html'));
}

const codeToRefusal: Record<string, (t: FastifyRequest['t']) => Omit<Refusal, 'title'>> = {
  FST_CSRF_INVALID_TOKEN: (t) => ({ status: 403, type: 'csrf', detail: t('kernel:errors.csrf') }),
  FST_CSRF_MISSING_SECRET: (t) => ({ status: 403, type: 'csrf', detail: t('kernel:errors.csrf') }),
  FST_ERR_CTP_BODY_TOO_LARGE: (t) => ({ status: 413, detail: t('kernel:errors.tooLarge', { limit: '1 MB' }) }),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: (t) => ({ status: 415, detail: t('kernel:errors.unsupportedMediaType') }),
  FST_ERR_CTP_INVALID_JSON_BODY: (t) => ({ status: 400, type: 'invalid-json', detail: t('kernel:errors.invalidJson') }),
  FST_ERR_CTP_EMPTY_JSON_BODY: (t) => ({ status: 400, type: 'invalid-json', detail: t('kernel:errors.invalidJson') }),
};

/**
 * An upload cut off on the way ends the file's stream early; one without its boundary, or otherwise
 * garbled, makes the multipart parser throw a plain Error that names multipart. Either way it is the
 * sender's data that is broken, not the platform.
 */
function isBrokenUpload(error: FastifyError, request: FastifyRequest): boolean {
  if (!/^multipart\//i.test(request.headers['content-type'] ?? '')) return false;
  return error.code === 'ERR_STREAM_PREMATURE_CLOSE' || (!error.code && !error.statusCode && /multipart/i.test(error.message));
}

function titleFor(status: number, t: FastifyRequest['t']): string {
  if (status === 401) return t('kernel:errors.unauthorized.title');
  if (status === 403) return t('kernel:errors.forbidden.title');
  if (status === 404) return t('kernel:errors.notFound.title');
  if (status === 429) return t('kernel:errors.tooManyRequestsTitle');
  if (status >= 500) return t('kernel:errors.serverError.title');
  return t('kernel:errors.badRequest.title');
}

const withTitle = (refusal: Omit<Refusal, 'title'>, t: FastifyRequest['t']): Refusal => ({ ...refusal, title: titleFor(refusal.status, t) });

/** What an expected error means for the person or machine that sent the request; null for the unexpected. */
function refusalFor(error: FastifyError, request: FastifyRequest): Refusal | null {
  const t = request.t;
  if (isBrokenUpload(error, request)) return withTitle({ status: 400, type: 'broken-form', detail: t('kernel:errors.brokenForm') }, t);
  if (error instanceof AccessDenied) {
    const status = error.actor.kind === 'anonymous' ? 401 : 403;
    return withTitle({ status, detail: t(status === 401 ? 'kernel:errors.unauthorized.body' : 'kernel:errors.forbidden.body') }, t);
  }
  if (error instanceof HttpProblem) {
    const { fields, problems, titleKey, type, extensions } = error.details;
    const detail = error.messageKey ? t(error.messageKey, error.values) : [...Object.values(fields ?? {}), ...(problems ?? [])].join(' ');
    const title = titleKey ? t(titleKey) : titleFor(error.statusCode, t);
    return { status: error.statusCode, type, title, detail, fields, problems, ...(extensions ? { extensions } : {}) };
  }
  if (error.validation) {
    const fields = fieldErrorsFrom(error.validation, t);
    const fieldsIn: FieldPlace = error.validationContext ?? 'body';
    return withTitle({ status: 400, type: 'validation', detail: Object.values(fields).join(' '), fields, fieldsIn }, t);
  }
  const mapped = error.code ? codeToRefusal[error.code] : undefined;
  if (mapped) return withTitle(mapped(t), t);
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return withTitle({ status: error.statusCode, detail: t('kernel:errors.badRequest.title') }, t);
  return null;
}

function errorPage(request: FastifyRequest, refusal: Refusal) {
  const body = (
    <>
      <Heading>{refusal.title}</Heading>
      <p class="kern-body">{refusal.detail}</p>
      <p class="kern-body">
        <a class="kern-link" href="/">
          {request.t('kernel:errors.notFound.next')}
        </a>
      </p>
    </>
  );
  return renderPage(request.page, { title: refusal.title }, body);
}

/**
 * Sends a refusal in the format of the request's scope: its registered format, else a page, else (a script
 * that asked for JSON, a request refused before it had a page) `fallback`.
 */
function sender(formats: ErrorFormats, fallback: ErrorFormat) {
  return (reply: FastifyReply, refusal: Refusal) => {
    const request = reply.request;
    reply.status(refusal.status);
    // Rendered here rather than through reply.html: a reply the router refused early has no decorators.
    if (answersWithPage(formats, request) && request.page) return reply.type('text/html; charset=utf-8').send(errorPage(request, refusal));
    const format = formats.for(request.url) ?? fallback;
    const response = format.render(refusal, request);
    for (const [name, value] of Object.entries(response.headers ?? {})) reply.header(name, value);
    return reply.type(response.contentType).send(response.body);
  };
}

/**
 * Answers what the router refuses before any route or hook runs (an address with broken percent-encoding,
 * a parameter past the length limit) in the scope's format. `prepare` sets the security headers and the
 * request context the hooks would have set.
 */
export function frameworkErrorHandler(ctx: KernelContext, formats: ErrorFormats, fallback: ErrorFormat, prepare: (request: FastifyRequest, reply: FastifyReply) => void) {
  const send = sender(formats, fallback);
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    prepare(request, reply);
    const t = request.t ?? ctx.i18n.getFixedT('de');
    const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
    const status = tooLong ? 414 : 400;
    request.log.info({ status, code: error.code }, 'request refused');
    send(reply, { status, type: tooLong ? 'url-too-long' : 'bad-url', title: titleFor(status, t), detail: t(tooLong ? 'kernel:errors.urlTooLong' : 'kernel:errors.badUrl') });
  };
}

export function registerErrorHandlers(app: App, ctx: KernelContext, formats: ErrorFormats, fallback: ErrorFormat) {
  const send = sender(formats, fallback);
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (!request.t) request.t = ctx.i18n.getFixedT('de');
    const refusal = refusalFor(error, request);
    if (refusal) {
      request.log.info({ status: refusal.status, code: error.code }, 'request refused');
      return send(reply, refusal);
    }
    request.log.error({ err: error }, 'unexpected error');
    const t = request.t;
    const detail = `${t('kernel:errors.serverError.body')} ${t('kernel:errors.serverError.reference', { id: request.id })}`;
    return send(reply, { status: 500, title: t('kernel:errors.serverError.title'), detail });
  });

  app.setNotFoundHandler((request, reply) => {
    const t = request.t ?? ctx.i18n.getFixedT('de');
    return send(reply, { status: 404, title: t('kernel:errors.notFound.title'), detail: t('kernel:errors.notFound.body') });
  });
}
