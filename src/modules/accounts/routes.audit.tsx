import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KernelContext } from '#kernel/context.ts';
import { formBody, formMessages, rawText, readForm, type FormErrors, type Raw } from '#kernel/forms/index.ts';
import type { App } from '#kernel/module.ts';
import { auditFilterForm } from './forms.ts';
import { auditActionChoices, auditLog, exportAuditLog, readAuditLog, type AuditFilter } from './service.audit.ts';
import { AuditLogPage } from './views/audit.tsx';

type Crumbs = (request: FastifyRequest, ...more: { label: string; href?: string }[]) => { label: string; href?: string }[];

/** The filter as typed, for showing it again with its problems. */
function typedFilter(raw: Raw): AuditFilter {
  return { from: rawText(raw, 'from') ?? '', to: rawText(raw, 'to') ?? '', action: rawText(raw, 'action') ?? '', person: rawText(raw, 'person') ?? '', page: 1 };
}

/** The audit log pages of the back office; registered inside the staff scope, whose hook requires a staff session. */
export async function auditRoutes(app: App, ctx: KernelContext, crumbs: Crumbs): Promise<void> {
  const auditPage = (request: FastifyRequest, reply: FastifyReply, props: Omit<Parameters<typeof AuditLogPage>[0], 'page'>) => {
    const title = request.t('accounts:auditLog.title');
    const hasErrors = Object.keys(props.errors).length > 0;
    return reply.status(hasErrors ? 400 : 200).html({ title, breadcrumbs: crumbs(request, { label: title }), hasErrors }, <AuditLogPage page={request.page} {...props} />);
  };
  const words = (request: FastifyRequest) => ({ t: request.t, lang: request.lang });
  /** A refused filter is shown at its fields, as typed; nothing is listed until it is corrected. */
  const refused = (request: FastifyRequest, reply: FastifyReply, filter: AuditFilter, errors: FormErrors) =>
    auditPage(request, reply, { filter, actions: auditActionChoices(ctx, words(request)), errors: formMessages(request.page, errors, auditFilterForm), rows: [], total: 0, pages: 1 });
  const schema = { querystring: formBody(auditFilterForm) };

  app.get('/verwaltung/protokoll', { schema, attachValidation: true }, async (request, reply) => {
    ctx.permissions.require(request.actor, readAuditLog);
    const read = readForm(auditFilterForm, request, 'query');
    if (!read.ok) return refused(request, reply, typedFilter(read.raw), read.errors);
    const result = await auditLog(ctx, request.actor, words(request), read.value);
    if (!result.ok) return refused(request, reply, result.filter, result.problems);
    return auditPage(request, reply, { filter: result.filter, actions: result.actions, errors: {}, rows: result.rows, total: result.total, pages: result.pages });
  });

  app.get('/verwaltung/protokoll.csv', { schema, attachValidation: true }, async (request, reply) => {
    ctx.permissions.require(request.actor, readAuditLog);
    const read = readForm(auditFilterForm, request, 'query');
    if (!read.ok) return refused(request, reply, typedFilter(read.raw), read.errors);
    const result = await exportAuditLog(ctx, request.actor, words(request), read.value);
    if (!result.ok) return refused(request, reply, result.filter, result.problems);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${result.fileName}"`).header('cache-control', 'no-store').send(result.csv);
  });
}
