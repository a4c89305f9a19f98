import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { KernelContext } from '#kernel/context.ts';
import { formBody, formMessages, once, readForm, toRaw, withErrors, type FormErrors, type Raw } from '#kernel/forms/index.ts';
import { staffOnly } from '#kernel/http/guard.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import type { App } from '#kernel/module.ts';
import { learningPermissions } from '../permissions.ts';
import { newRequirementForm, requirementForm } from './forms.ts';
import { titleOf } from './service.ts';
import { changeRequirement, createRequirement, requirementForCoordinator, requirementsForCoordinator } from './service.requirements.ts';
import { RequirementFormPage, RequirementsPage } from './views/requirements.tsx';
import { dashboardCrumbs, requirementHref, requirementsPath } from './views/shared.tsx';

/* The coordinator's pages to set up and change the required trainings; each save redirects back to the list. */

const KeyParams = Type.Object({ key: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 60 }) });
const NoticeQuery = Type.Object({ hinweis: Type.Optional(Type.Union([Type.Literal('angelegt'), Type.Literal('gespeichert')])) });
const unknownRequirement = 'learning:training.errors.unknownRequirement';

export async function requirementRoutes(app: App, ctx: KernelContext): Promise<void> {
  app.addHook('onRequest', staffOnly(ctx, learningPermissions.manageTraining));
  const roles = () => ctx.permissions.roles;
  const crumbs = (request: FastifyRequest, label: string, withList = true) => [
    ...dashboardCrumbs(request.page),
    ...(withList ? [{ label: request.t('learning:training.requirements.title'), href: requirementsPath }] : []),
    { label },
  ];

  app.get<{ Querystring: { hinweis?: 'angelegt' | 'gespeichert' } }>(requirementsPath, { schema: { querystring: NoticeQuery } }, async (request, reply) => {
    const requirements = await requirementsForCoordinator(ctx, request.actor);
    const title = request.t('learning:training.requirements.title');
    const notice = request.query.hinweis ? request.t(`learning:training.requirements.notices.${request.query.hinweis}`) : undefined;
    return reply.header('cache-control', 'no-store').html({ title, breadcrumbs: crumbs(request, title, false) }, <RequirementsPage page={request.page} requirements={requirements} roles={roles()} notice={notice} />);
  });

  function newPage(request: FastifyRequest, reply: FastifyReply, shown: { raw: Raw; errors?: FormErrors }) {
    const errors = shown.errors ? formMessages(request.page, shown.errors, newRequirementForm) : {};
    const title = request.t('learning:training.requirements.new');
    return reply
      .status(shown.errors ? 422 : 200)
      .header('cache-control', 'no-store')
      .html({ title, hasErrors: Boolean(shown.errors), breadcrumbs: crumbs(request, title) }, <RequirementFormPage page={request.page} title={title} action={`${requirementsPath}/neu`} isNew raw={shown.raw} errors={errors} roles={roles()} />);
  }

  app.get(`${requirementsPath}/neu`, async (request, reply) => newPage(request, reply, { raw: { validMonths: '24', remindDays: '60', active: 'on' } }));

  app.post(`${requirementsPath}/neu`, { schema: { body: formBody(newRequirementForm) }, attachValidation: true }, async (request, reply) => {
    const read = readForm(newRequirementForm, request);
    if (!read.ok) return newPage(request, reply, read);
    const result = await once(ctx, request, read, () => createRequirement(ctx, request.actor, read.value));
    if (result.ok) return reply.redirect(`${requirementsPath}?hinweis=angelegt`, 303);
    if (result.reason === 'not-found') throw new HttpProblem(404, unknownRequirement);
    return newPage(request, reply, withErrors(read, result.errors));
  });

  async function editPage(request: FastifyRequest<{ Params: { key: string } }>, reply: FastifyReply, shown?: { raw: Raw; errors?: FormErrors }) {
    const requirement = await requirementForCoordinator(ctx, request.actor, request.params.key);
    if (!requirement) throw new HttpProblem(404, unknownRequirement);
    const raw = shown?.raw ?? toRaw(requirementForm, requirement);
    const errors = shown?.errors ? formMessages(request.page, shown.errors, requirementForm) : {};
    const title = titleOf(requirement, request.lang);
    return reply
      .status(shown?.errors ? 422 : 200)
      .header('cache-control', 'no-store')
      .html({ title, hasErrors: Boolean(shown?.errors), breadcrumbs: crumbs(request, title) }, <RequirementFormPage page={request.page} title={title} action={requirementHref(requirement.key)} isNew={false} raw={raw} errors={errors} roles={roles()} />);
  }

  app.get<{ Params: { key: string } }>(`${requirementsPath}/:key`, { schema: { params: KeyParams } }, async (request, reply) => editPage(request, reply));

  app.post<{ Params: { key: string } }>(`${requirementsPath}/:key`, { schema: { params: KeyParams, body: formBody(requirementForm) }, attachValidation: true }, async (request, reply) => {
    const read = readForm(requirementForm, request);
    if (!read.ok) return editPage(request, reply, read);
    const result = await changeRequirement(ctx, request.actor, request.params.key, read.value);
    if (result.ok) return reply.redirect(`${requirementsPath}?hinweis=gespeichert`, 303);
    if (result.reason === 'not-found') throw new HttpProblem(404, unknownRequirement);
    return editPage(request, reply, withErrors(read, result.errors));
  });
}
