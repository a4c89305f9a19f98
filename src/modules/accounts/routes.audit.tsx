import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { TFunction } from 'i18next';
import type { KernelContext } from '#kernel/context.ts';
import { dayProblemMessage } from '#kernel/dates.ts';
import type { FieldErrors } from '#kernel/html/page.ts';
import { fieldErrorsFrom } from '#kernel/http/validation.ts';
import type { App } from '#kernel/module.ts';
import { AuditQuery } from './schemas.ts';
import { auditActionChoices, auditLog, exportAuditLog, readAuditLog, type AuditFilterProblem, type AuditFilterProblems } from './service.audit.ts';
import { AuditLogPage } from './views/audit.tsx';

type Crumbs = (request: FastifyRequest, ...more: { label: string; href?: string }[]) => { label: string; href?: string }[];

function problemMessage(t: TFunction, problem: AuditFilterProblem): string {
  switch (problem.reason) {
    case 'day':
      return dayProblemMessage(t, problem.problem);
    case 'to-before-from':
      return t('accounts:auditLog.toBeforeFrom');
    case 'too-long':
      return t('accounts:auditLog.tooLong', { days: problem.days });
    case 'unknown-action':
      return t('accounts:auditLog.actionUnknown');
    case 'unknown-person':
      return t('accounts:auditLog.personUnknown');
  }
}

function messagesOf(t: TFunction, problems: AuditFilterProblems): FieldErrors {
  return Object.fromEntries(Object.entries(problems).map(([field, problem]) => [field, problemMessage(t, problem)]));
}

/** The audit log pages of the back office; registered inside the staff scope, whose hook requires a staff session. */
export async function auditRoutes(app: App, ctx: KernelContext, crumbs: Crumbs): Promise<void> {
  const auditPage = (request: FastifyRequest, reply: FastifyReply, props: Omit<Parameters<typeof AuditLogPage>[0], 'page'>) => {
    const title = request.t('accounts:auditLog.title');
    const hasErrors = Object.keys(props.errors).length > 0;
    return reply.status(hasErrors ? 400 : 200).html({ title, breadcrumbs: crumbs(request, { label: title }), hasErrors }, <AuditLogPage page={request.page} {...props} />);
  };
  const words = (request: FastifyRequest) => ({ t: request.t, lang: request.lang });
  /** A malformed filter is shown at its field, as typed; nothing is listed until it is corrected. */
  const malformedAuditFilter = (request: FastifyRequest, reply: FastifyReply) => {
    const failed = request.validationError as FastifyError | undefined;
    if (!failed?.validation) return undefined;
    const raw = (request.query ?? {}) as Record<string, unknown>;
    const typed = (name: string) => (typeof raw[name] === 'string' ? raw[name] : '');
    const filter = { from: typed('from'), to: typed('to'), action: typed('action'), person: typed('person'), page: 1 };
    const actions = auditActionChoices(ctx, words(request));
    return auditPage(request, reply, { filter, actions, errors: fieldErrorsFrom(failed.validation, request.t), rows: [], total: 0, pages: 1 });
  };

  app.get('/verwaltung/protokoll', { schema: { querystring: AuditQuery }, attachValidation: true }, async (request, reply) => {
    ctx.permissions.require(request.actor, readAuditLog);
    const malformed = malformedAuditFilter(request, reply);
    if (malformed) return malformed;
    const result = await auditLog(ctx, request.actor, words(request), request.query);
    if (!result.ok) return auditPage(request, reply, { filter: result.filter, actions: result.actions, errors: messagesOf(request.t, result.problems), rows: [], total: 0, pages: 1 });
    return auditPage(request, reply, { filter: result.filter, actions: result.actions, errors: {}, rows: result.rows, total: result.total, pages: result.pages });
  });

  app.get('/verwaltung/protokoll.csv', { schema: { querystring: AuditQuery }, attachValidation: true }, async (request, reply) => {
    ctx.permissions.require(request.actor, readAuditLog);
    const malformed = malformedAuditFilter(request, reply);
    if (malformed) return malformed;
    const result = await exportAuditLog(ctx, request.actor, words(request), request.query);
    if (!result.ok) return auditPage(request, reply, { filter: result.filter, actions: result.actions, errors: messagesOf(request.t, result.problems), rows: [], total: 0, pages: 1 });
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${result.fileName}"`).header('cache-control', 'no-store').send(result.csv);
  });
}
