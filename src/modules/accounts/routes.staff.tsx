import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KernelContext } from '#kernel/context.ts';
import { formBody, formMessages, rawText, readForm, type Raw } from '#kernel/forms/index.ts';
import { staffOnly } from '#kernel/http/guard.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import type { App } from '#kernel/module.ts';
import { staffForms } from './forms.ts';
import { auditRoutes } from './routes.audit.tsx';
import { NextQuery, UserParams } from './schemas.ts';
import { changeStaffRoles, createStaff, listStaffMembers, resetSecondFactor, roleChoices, scopeNames, setStaffDisabled, staffMember, type StaffChangeResult } from './service.staff.ts';
import { roleLabel, staffProblemMessages } from './staff-words.ts';
import { roleValuesOf, StaffDashboard, StaffDetailPage, StaffListPage, StaffNewPage, type NewStaffValues, type RoleValues } from './views/staff.tsx';

const staffNotices: Record<string, string> = {
  created: 'accounts:staff.created',
  roles: 'accounts:staff.rolesSaved',
  disabled: 'accounts:staff.disabledNotice',
  enabled: 'accounts:staff.enabledNotice',
  'second-factor': 'accounts:staff.secondFactorReset',
};

/** The back office of accounts. Every route requires a staff session; each service checks its permission. */
export async function staffRoutes(app: App, ctx: KernelContext): Promise<void> {
  app.addHook('onRequest', staffOnly(ctx));
  const crumbs = (request: FastifyRequest, ...more: { label: string; href?: string }[]) => [
    { label: request.t('accounts:staff.dashboardTitle'), href: '/verwaltung' },
    ...more,
  ];
  const staffLinks = ctx.modules.flatMap((module) => module.staffLinks ?? []).sort((a, b) => a.order - b.order);
  const listCrumb = (request: FastifyRequest) => ({ label: request.t('accounts:staff.title'), href: '/verwaltung/mitarbeitende' });

  app.get('/verwaltung', async (request, reply) => {
    if (request.actor.kind !== 'staff') throw new HttpProblem(403, 'kernel:errors.forbidden.body');
    const actor = request.actor;
    const t = request.t;
    // A task shows for a role bound to one office as well; its pages ask again for each office's things.
    const links = staffLinks.filter((link) => !link.permission || ctx.permissions.can(actor, link.permission, 'anywhere'));
    const names = await scopeNames(ctx, actor.roles, request.lang);
    const grants = actor.roles.map((grant) => {
      const kind = grant.scopeKind ? ctx.permissions.scopeKind(grant.scopeKind) : undefined;
      const where = grant.scopeKind ? `${kind ? t(kind.label) : grant.scopeKind}: ${names.get(`${grant.scopeKind}:${grant.scopeId}`) ?? grant.scopeId}` : '';
      return { key: `${grant.role}-${grant.scopeId ?? ''}`, text: where ? `${roleLabel(t, ctx.permissions, grant.role)} (${where})` : roleLabel(t, ctx.permissions, grant.role) };
    });
    return reply.html({ title: t('accounts:staff.dashboardTitle'), breadcrumbs: [{ label: t('accounts:staff.dashboardTitle') }] }, <StaffDashboard page={request.page} grants={grants} links={links} />);
  });

  app.get('/verwaltung/mitarbeitende', { schema: { querystring: NextQuery } }, async (request, reply) => {
    const staff = await listStaffMembers(ctx, request.actor);
    return reply.html(
      { title: request.t('accounts:staff.title'), breadcrumbs: crumbs(request, { label: request.t('accounts:staff.title') }) },
      <StaffListPage page={request.page} staff={staff} notice={staffNotices[request.query.notice ?? '']} />,
    );
  });

  const newPage = async (request: FastifyRequest, reply: FastifyReply, values: NewStaffValues, errors: Record<string, string>) => {
    const choices = await roleChoices(ctx, request.actor, request.lang);
    return reply.status(Object.keys(errors).length ? 422 : 200).html(
      { title: request.t('accounts:staff.new'), breadcrumbs: crumbs(request, listCrumb(request), { label: request.t('accounts:staff.new') }), hasErrors: Object.keys(errors).length > 0 },
      <StaffNewPage page={request.page} choices={choices} values={values} errors={errors} />,
    );
  };

  app.get('/verwaltung/mitarbeitende/neu', async (request, reply) => newPage(request, reply, { roles: [], scopes: {} }, {}));

  const forms = staffForms(ctx.permissions.roles);

  app.post('/verwaltung/mitarbeitende/neu', { schema: { body: formBody(forms.create) }, attachValidation: true }, async (request, reply) => {
    const read = readForm(forms.create, request);
    const chosen = chosenRoles(read.raw);
    const values = { displayName: rawText(read.raw, 'displayName'), email: rawText(read.raw, 'email'), ...chosen };
    if (!read.ok) return newPage(request, reply, values, formMessages(request.page, read.errors, forms.create));
    const result = await createStaff(ctx, request.actor, { email: read.value.email, displayName: read.value.displayName, ...chosen });
    if (!result.ok) return newPage(request, reply, values, staffProblemMessages(request.t, ctx.permissions, result.problems));
    return reply.redirect('/verwaltung/mitarbeitende?notice=created', 303);
  });

  const detailPage = async (request: FastifyRequest, reply: FastifyReply, id: string, errors: Record<string, string>, notice?: string, chosen?: RoleValues) => {
    const member = await staffMember(ctx, request.actor, id);
    if (!member) return reply.callNotFound();
    const choices = await roleChoices(ctx, request.actor, request.lang);
    const retired = member.roles.filter((grant) => !ctx.permissions.role(grant.role)).map((grant) => grant.role);
    return reply.status(Object.keys(errors).length ? 422 : 200).html(
      { title: member.user.display_name, breadcrumbs: crumbs(request, listCrumb(request), { label: member.user.display_name }), hasErrors: Object.keys(errors).length > 0 },
      <StaffDetailPage page={request.page} user={member.user} choices={choices} values={chosen ?? roleValuesOf(member.roles)} retired={retired} errors={errors} notice={notice} />,
    );
  };

  app.get('/verwaltung/mitarbeitende/:id', { schema: { params: UserParams, querystring: NextQuery } }, async (request, reply) =>
    detailPage(request, reply, request.params.id, {}, staffNotices[request.query.notice ?? '']),
  );

  const afterChange = (request: FastifyRequest<{ Params: UserParams }>, reply: FastifyReply, result: StaffChangeResult, notice: string, chosen?: RoleValues) => {
    if (result.ok) return reply.redirect(`/verwaltung/mitarbeitende/${request.params.id}?notice=${notice}`, 303);
    if ('problems' in result) return detailPage(request, reply, request.params.id, staffProblemMessages(request.t, ctx.permissions, result.problems), undefined, chosen);
    if (result.reason === 'not-found') return reply.callNotFound();
    return detailPage(request, reply, request.params.id, { roles: request.t('accounts:errors.selfChange') }, undefined, chosen);
  };

  app.post('/verwaltung/mitarbeitende/:id/rollen', { schema: { params: UserParams, body: formBody(forms.roles) }, attachValidation: true }, async (request, reply) => {
    const read = readForm(forms.roles, request);
    const chosen = chosenRoles(read.raw);
    if (!read.ok) return detailPage(request, reply, request.params.id, formMessages(request.page, read.errors, forms.roles), undefined, chosen);
    return afterChange(request, reply, await changeStaffRoles(ctx, request.actor, request.params.id, chosen), 'roles', chosen);
  });
  app.post('/verwaltung/mitarbeitende/:id/deaktivieren', { schema: { params: UserParams } }, async (request, reply) =>
    afterChange(request, reply, await setStaffDisabled(ctx, request.actor, request.params.id, true), 'disabled'),
  );
  app.post('/verwaltung/mitarbeitende/:id/aktivieren', { schema: { params: UserParams } }, async (request, reply) =>
    afterChange(request, reply, await setStaffDisabled(ctx, request.actor, request.params.id, false), 'enabled'),
  );
  app.post('/verwaltung/mitarbeitende/:id/zweiter-faktor', { schema: { params: UserParams } }, async (request, reply) =>
    afterChange(request, reply, await resetSecondFactor(ctx, request.actor, request.params.id), 'second-factor'),
  );

  await auditRoutes(app, ctx, crumbs);
}

/** The roles ticked on a staff form, and the scope chosen for each role bound to one (`scope-<role>`), as posted. */
function chosenRoles(raw: Raw): RoleValues {
  const scopes = Object.fromEntries(Object.entries(raw).flatMap(([name, value]) => (name.startsWith('scope-') && typeof value === 'string' ? [[name.slice('scope-'.length), value]] : [])));
  const roles = raw.roles;
  return { roles: Array.isArray(roles) ? roles : roles ? [roles] : [], scopes };
}
