import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TFunction } from 'i18next';
import type { KernelContext } from '#kernel/context.ts';
import type { FieldErrors } from '#kernel/html/page.ts';
import { readForm } from '#kernel/http/forms.ts';
import { staffOnly } from '#kernel/http/guard.ts';
import type { App } from '#kernel/module.ts';
import { notifyPermissions } from './permissions.ts';
import { NoticeQuery, PurposeParams, TemplateBody, VersionParams } from './schemas.ts';
import { previewTemplate, saveTemplateVersion, templateDetail, templateList, type TemplateProblem, type TemplateProblems, type TemplateTexts } from './service.templates.ts';
import { TemplatePage, TemplatesPage, type TemplatePageProps } from './views/templates.tsx';

function problemMessage(t: TFunction, problem: TemplateProblem): string {
  switch (problem.reason) {
    case 'subject-required':
      return t('notify:templates.errors.subjectRequired', { language: t(`notify:languages.${problem.language}`) });
    case 'body-required':
      return t('notify:templates.errors.bodyRequired', { language: t(`notify:languages.${problem.language}`) });
    case 'subject-one-line':
      return t('notify:templates.errors.subjectOneLine');
    case 'unknown-placeholder':
      return t('notify:templates.errors.unknownPlaceholder', { names: problem.names.map((name) => `((${name}))`).join(', ') });
    case 'changed-meanwhile':
      return t('notify:templates.errors.changedMeanwhile', { version: problem.version });
  }
}

const messagesOf = (t: TFunction, problems: TemplateProblems): FieldErrors =>
  Object.fromEntries(Object.entries(problems).map(([field, problem]) => [field, problemMessage(t, problem)]));

/** Editors change what the platform writes to people: both languages, a preview, every version kept. */
export async function templateRoutes(app: App, ctx: KernelContext): Promise<void> {
  app.addHook('onRequest', staffOnly(ctx, notifyPermissions.editTemplates));
  const crumbs = (request: FastifyRequest, ...more: { label: string; href?: string }[]) => [
    { label: request.t('accounts:staff.dashboardTitle'), href: '/verwaltung' },
    { label: request.t('notify:templates.title'), href: '/verwaltung/vorlagen' },
    ...more,
  ];

  app.get('/verwaltung/vorlagen', async (request, reply) => {
    const templates = await templateList(ctx, request.actor);
    return reply.html({ title: request.t('notify:templates.title'), breadcrumbs: crumbs(request).slice(0, 1).concat({ label: request.t('notify:templates.title') }) }, <TemplatesPage page={request.page} templates={templates} />);
  });

  const page = async (
    request: FastifyRequest,
    reply: FastifyReply,
    purpose: string,
    options: { version?: number; values?: TemplateTexts; errors?: FieldErrors; preview?: TemplatePageProps['preview']; notice?: string },
  ) => {
    const found = await templateDetail(ctx, request.actor, purpose, options.version);
    if (!found) return reply.callNotFound();
    const current = found.versions[0]!.version;
    const errors = options.errors ?? {};
    const title = request.lang === 'de' ? found.template.title_de : found.template.title_en;
    const { subject_de, body_de, subject_en, body_en } = found.version;
    return reply.status(Object.keys(errors).length > 0 ? 422 : 200).html(
      { title, breadcrumbs: crumbs(request, { label: title }), hasErrors: Object.keys(errors).length > 0 },
      <TemplatePage
        page={request.page}
        template={found.template}
        shown={{ version: found.version.version, current }}
        versions={found.versions}
        values={options.values ?? { subject_de, body_de, subject_en, body_en }}
        errors={errors}
        preview={options.preview}
        notice={options.notice}
      />,
    );
  };

  app.get('/verwaltung/vorlagen/:purpose', { schema: { params: PurposeParams, querystring: NoticeQuery } }, async (request, reply) =>
    page(request, reply, request.params.purpose, { notice: request.query.notice === 'saved' ? 'notify:templates.saved' : undefined }),
  );

  app.get('/verwaltung/vorlagen/:purpose/versionen/:version', { schema: { params: VersionParams } }, async (request, reply) =>
    page(request, reply, request.params.purpose, { version: request.params.version }),
  );

  app.post('/verwaltung/vorlagen/:purpose', { schema: { params: PurposeParams, body: TemplateBody }, attachValidation: true }, async (request, reply) => {
    const { purpose } = request.params;
    const form = readForm<Record<keyof TemplateTexts, string>>(request);
    const values: TemplateTexts = { subject_de: form.values.subject_de ?? '', body_de: form.values.body_de ?? '', subject_en: form.values.subject_en ?? '', body_en: form.values.body_en ?? '' };
    if (Object.keys(form.errors).length > 0) return page(request, reply, purpose, { values, errors: form.errors });
    if (request.body.action === 'save') {
      const saved = await saveTemplateVersion(ctx, request.actor, purpose, request.body.basedOn, values);
      if (!saved) return reply.callNotFound();
      if (saved.ok) return reply.redirect(`/verwaltung/vorlagen/${purpose}?notice=saved`, 303);
      return page(request, reply, purpose, { values, errors: messagesOf(request.t, saved.problems) });
    }
    const preview = await previewTemplate(ctx, request.actor, purpose, values);
    if (!preview) return reply.callNotFound();
    return preview.ok ? page(request, reply, purpose, { values, preview: preview.preview }) : page(request, reply, purpose, { values, errors: messagesOf(request.t, preview.problems) });
  });
}
