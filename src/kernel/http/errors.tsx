import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { KernelContext } from '../context.ts';
import { Heading } from '../html/components.tsx';
import { renderPage } from '../html/layout.tsx';
import type { FieldErrors } from '../html/page.ts';
import type { App } from '../module.ts';
import { AccessDenied } from '../auth/permissions.ts';
import { HttpProblem } from './problem.ts';
import { fieldErrorsFrom } from './validation.ts';

interface Problem {
  status: number;
  title: string;
  message: string;
  fields?: FieldErrors;
  problems?: string[];
}

/** Machines get JSON, people get a page in the site layout; both get the same status and message. */
export function wantsJson(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return true;
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

const codeToProblem: Record<string, (error: FastifyError, t: FastifyRequest['t']) => Omit<Problem, 'title'>> = {
  FST_CSRF_INVALID_TOKEN: (_e, t) => ({ status: 403, message: t('kernel:errors.csrf') }),
  FST_CSRF_MISSING_SECRET: (_e, t) => ({ status: 403, message: t('kernel:errors.csrf') }),
  FST_ERR_CTP_BODY_TOO_LARGE: (_e, t) => ({ status: 413, message: t('kernel:errors.tooLarge', { limit: '1 MB' }) }),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: (_e, t) => ({ status: 415, message: t('kernel:errors.unsupportedMediaType') }),
  FST_ERR_CTP_INVALID_JSON_BODY: (_e, t) => ({ status: 400, message: t('kernel:errors.invalidJson') }),
  FST_ERR_CTP_EMPTY_JSON_BODY: (_e, t) => ({ status: 400, message: t('kernel:errors.invalidJson') }),
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

function problemFor(error: FastifyError, request: FastifyRequest): Problem | null {
  const t = request.t;
  if (isBrokenUpload(error, request)) return { status: 400, title: titleFor(400, t), message: t('kernel:errors.brokenForm') };
  if (error instanceof AccessDenied) {
    const status = error.actor.kind === 'anonymous' ? 401 : 403;
    const key = status === 401 ? 'kernel:errors.unauthorized.body' : 'kernel:errors.forbidden.body';
    return { status, title: titleFor(status, t), message: t(key) };
  }
  if (error instanceof HttpProblem) {
    const { fields, problems, titleKey } = error.details;
    const message = error.messageKey ? t(error.messageKey, error.values) : [...Object.values(fields ?? {}), ...(problems ?? [])].join(' ');
    return { status: error.statusCode, title: titleKey ? t(titleKey) : titleFor(error.statusCode, t), message, fields, problems };
  }
  if (error.validation) {
    const fields = fieldErrorsFrom(error.validation, t);
    return { status: 400, title: t('kernel:errors.badRequest.title'), message: Object.values(fields).join(' '), fields };
  }
  const mapped = error.code ? codeToProblem[error.code] : undefined;
  if (mapped) {
    const problem = mapped(error, t);
    return { ...problem, title: titleFor(problem.status, t) };
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return { status: error.statusCode, title: titleFor(error.statusCode, t), message: t('kernel:errors.badRequest.title') };
  }
  return null;
}

function titleFor(status: number, t: FastifyRequest['t']): string {
  if (status === 401) return t('kernel:errors.unauthorized.title');
  if (status === 403) return t('kernel:errors.forbidden.title');
  if (status === 404) return t('kernel:errors.notFound.title');
  if (status === 429) return t('kernel:errors.tooManyRequestsTitle');
  return t('kernel:errors.badRequest.title');
}

function send(reply: FastifyReply, problem: Problem) {
  const request = reply.request;
  reply.status(problem.status);
  // RFC 6750: a machine refused for want of credentials is told which scheme to use.
  if (problem.status === 401 && request.url.startsWith('/api/')) reply.header('www-authenticate', 'Bearer');
  if (wantsJson(request) || !request.page) {
    return reply.send({ statusCode: problem.status, error: problem.title, message: problem.message, fields: problem.fields, problems: problem.problems });
  }
  const body = (
    <>
      <Heading>{problem.title}</Heading>
      <p class="kern-body">{problem.message}</p>
      <p class="kern-body">
        <a class="kern-link" href="/">
          {request.t('kernel:errors.notFound.next')}
        </a>
      </p>
    </>
  );
  // Rendered here rather than through reply.html: a reply the router refused early has no decorators.
  return reply.type('text/html; charset=utf-8').send(renderPage(request.page, { title: problem.title }, body));
}

/**
 * Answers what the router refuses before any route or hook runs (an address with broken percent-encoding,
 * a parameter past the length limit) with the platform's own page. `prepare` sets the security headers
 * and the request context the hooks would have set.
 */
export function frameworkErrorHandler(ctx: KernelContext, prepare: (request: FastifyRequest, reply: FastifyReply) => void) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    prepare(request, reply);
    const t = request.t ?? ctx.i18n.getFixedT('de');
    const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
    const status = tooLong ? 414 : 400;
    request.log.info({ status, code: error.code }, 'request refused');
    send(reply, { status, title: titleFor(status, t), message: t(tooLong ? 'kernel:errors.urlTooLong' : 'kernel:errors.badUrl') });
  };
}

export function registerErrorHandlers(app: App, ctx: KernelContext) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (!request.t) request.t = ctx.i18n.getFixedT('de');
    const problem = problemFor(error, request);
    if (problem) {
      request.log.info({ status: problem.status, code: error.code }, 'request refused');
      return send(reply, problem);
    }
    request.log.error({ err: error }, 'unexpected error');
    const t = request.t;
    const title = t('kernel:errors.serverError.title');
    const message = `${t('kernel:errors.serverError.body')} ${t('kernel:errors.serverError.reference', { id: request.id })}`;
    return send(reply, { status: 500, title, message });
  });

  app.setNotFoundHandler((request, reply) => {
    const t = request.t ?? ctx.i18n.getFixedT('de');
    return send(reply, { status: 404, title: t('kernel:errors.notFound.title'), message: t('kernel:errors.notFound.body') });
  });
}
