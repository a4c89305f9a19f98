import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KernelContext } from '#kernel/context.ts';
import { formBody, formState, readForm, toRaw, type FormErrors, type Raw } from '#kernel/forms/index.ts';
import { staffOnly } from '#kernel/http/guard.ts';
import type { App } from '#kernel/module.ts';
import { templateErrors, templateForm } from './forms.ts';
import { notifyPermissions } from './permissions.ts';
import { NoticeQuery, PurposeParams, VersionParams } from './schemas.ts';
import { previewTemplate, saveTemplateVersion, templateDetail, templateList } from './service.templates.ts';
import { TemplatePage, TemplatesPage, type TemplatePageProps } from './views/templates.tsx';

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
    options: { version?: number; read?: { raw: Raw; errors?: FormErrors }; preview?: TemplatePageProps['preview']; notice?: string },
  ) => {
    const found = await templateDetail(ctx, request.actor, purpose, options.version);
    if (!found) return reply.callNotFound();
    const current = found.versions[0]!.version;
    const title = request.lang === 'de' ? found.template.title_de : found.template.title_en;
    const form = formState(request.page, options.read ?? { raw: toRaw(templateForm, found.version) }, templateForm);
    return reply.status(form.hasErrors ? 422 : 200).html(
      { title, breadcrumbs: crumbs(request, { label: title }), hasErrors: form.hasErrors },
      <TemplatePage
        page={request.page}
        template={found.template}
        shown={{ version: found.version.version, current }}
        versions={found.versions}
        form={form}
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

  app.post('/verwaltung/vorlagen/:purpose', { schema: { params: PurposeParams, body: formBody(templateForm) }, attachValidation: true }, async (request, reply) => {
    const { purpose } = request.params;
    const read = readForm(templateForm, request);
    if (!read.ok) return page(request, reply, purpose, { read });
    const { basedOn, action, ...texts } = read.value;
    if (action === 'save') {
      // Without the version it started from, the form counts as started from none: the editor is asked to look again.
      const saved = await saveTemplateVersion(ctx, request.actor, purpose, basedOn ?? 0, texts);
      if (!saved) return reply.callNotFound();
      if (saved.ok) return reply.redirect(`/verwaltung/vorlagen/${purpose}?notice=saved`, 303);
      return page(request, reply, purpose, { read: { raw: read.raw, errors: templateErrors(saved.problems) } });
    }
    const preview = await previewTemplate(ctx, request.actor, purpose, texts);
    if (!preview) return reply.callNotFound();
    return page(request, reply, purpose, preview.ok ? { read: { raw: read.raw }, preview: preview.preview } : { read: { raw: read.raw, errors: templateErrors(preview.problems) } });
  });
}
