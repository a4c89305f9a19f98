import { finished } from 'node:stream/promises';
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { KernelContext } from '#kernel/context.ts';
import { formMessages, type FormErrors, type Raw } from '#kernel/forms/index.ts';
import { staffOnly } from '#kernel/http/guard.ts';
import type { App } from '#kernel/module.ts';
import { pageForm, readPage, type PageOptions } from './definition/pages.ts';
import type { Page } from './definition/schema.ts';
import { readableOrder } from './design-json.ts';
import { applicationsPermissions } from './permissions.ts';
import { flowRules } from './procedures.ts';
import { PageBody } from './schemas.ts';
import { definitionMaxBytes, designOverview, downloadDefinition, uploadDefinition, type DefinitionSource, type UploadRefusal } from './service.design.ts';
import { designVersion, previewVersion, printableVersion, publishVersion, type PublishResult } from './service.design-version.ts';
import { keptUntil } from './service.draft.ts';
import type { LoadedForm } from './service.forms.ts';
import type { DraftRow } from './tables.ts';
import { designPath, DesignListPage, versionPath, type UploadFormState } from './views/design-list.tsx';
import { DesignPreviewPage } from './views/design-preview.tsx';
import { catalogueProblemText, DesignVersionPage } from './views/design-version.tsx';
import { printableLabels } from './views/design-words.ts';
import { textIn } from './views/text.ts';

const VersionParams = Type.Object({ versionId: Type.String({ format: 'uuid' }) });
const PreviewParams = Type.Object({ versionId: Type.String({ format: 'uuid' }), pageId: Type.String({ pattern: '^[a-z][a-zA-Z0-9]{0,39}$' }) });
const NoticeQuery = Type.Object({ hinweis: Type.Optional(Type.String({ maxLength: 40 })) });
const UploadBody = Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 200 })), definition: Type.Optional(Type.String({ maxLength: definitionMaxBytes + 1 })) });
const CsrfBody = Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 200 })) });

const notices: Record<string, string> = { hochgeladen: 'applications:design.notices.uploaded', veroeffentlicht: 'applications:design.notices.published' };

// A refused upload answers with the status HTTP has for its kind: too large, not a text file, or a file
// whose content is not a form definition.
const uploadStatuses: Record<UploadRefusal['reason'], 413 | 415 | 422> = { 'too-large': 413, 'not-text': 415, empty: 422, 'not-json': 422, problems: 422 };
const publishStatuses: Record<Exclude<PublishResult, { ok: true }>['reason'], 404 | 409> = {
  'not-found': 404,
  'not-draft': 409,
  conflict: 409,
  'older-than-published': 409,
  'service-not-published': 409,
  'office-not-published': 409,
  'no-office': 409,
};

/** The uploaded file of a request, kept beside it rather than in its body, which a client fills as it likes. */
const uploads = new WeakMap<FastifyRequest, { bytes: Buffer; truncated: boolean; chosen: boolean }>();

async function keepUpload(this: FastifyRequest, part: MultipartFile): Promise<void> {
  if (this.routeOptions.url !== designPath || part.fieldname !== 'file' || uploads.has(this)) {
    // A preview page's file inputs and any second file are read to their end and dropped: a preview keeps nothing.
    part.file.resume();
    await finished(part.file);
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of part.file) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  // A browser sends an empty part without a name for a file input left alone.
  uploads.set(this, { bytes, truncated: part.file.truncated, chosen: part.filename !== '' || bytes.length > 0 });
}

/** The form designers' back office: the forms, uploads as new drafts, previews, printable forms, publication. */
export async function designRoutes(app: App, ctx: KernelContext): Promise<void> {
  // Before the body is read: only form designers' uploads reach the parser.
  app.addHook('onRequest', staffOnly(ctx, applicationsPermissions.designForms));
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    // The file stops at the limit and the route says so; a preview page may post many fields and files.
    limits: { fileSize: definitionMaxBytes, fieldSize: definitionMaxBytes + 1, files: 40, fields: 1000 },
    throwFileSizeLimit: false,
    onFile: keepUpload,
  });
  const crumbs = (request: FastifyRequest, ...more: { label: string; href?: string }[]) => [
    { label: request.t('accounts:staff.dashboardTitle'), href: '/verwaltung' },
    { label: request.t('applications:design.title'), ...(more.length > 0 ? { href: designPath } : {}) },
    ...more,
  ];

  const listPage = async (request: FastifyRequest, reply: FastifyReply, status: number, upload: UploadFormState, notice: string | null = null) => {
    const forms = await designOverview(ctx, request.actor);
    const hasErrors = Object.keys(upload.errors).length > 0;
    return reply
      .status(status)
      .html({ title: request.t('applications:design.title'), breadcrumbs: crumbs(request), hasErrors }, <DesignListPage page={request.page} forms={forms} notice={notice} upload={upload} />);
  };

  app.get(designPath, { schema: { querystring: NoticeQuery } }, async (request, reply) => {
    const notice = notices[request.query.hinweis ?? ''];
    return listPage(request, reply, 200, { text: '', errors: {} }, notice ? request.t(notice) : null);
  });

  app.post(designPath, { schema: { body: UploadBody } }, async (request, reply) => {
    const file = uploads.get(request);
    const text = request.body.definition ?? '';
    const field = file?.chosen ? 'file' : 'definition';
    const source: DefinitionSource | null = file?.chosen ? { kind: 'file', ...file } : text.trim() !== '' ? { kind: 'text', text } : null;
    if (!source) return listPage(request, reply, 422, { text, errors: { file: request.t('applications:design.upload.nothing') } });
    const result = await uploadDefinition(ctx, request.actor, source);
    if (result.ok) return reply.redirect(`${versionPath(result.versionId)}?hinweis=hochgeladen`, 303);
    const message = request.t(`applications:design.upload.refused.${result.reason}`, {
      count: result.reason === 'problems' ? result.problems.length : 0,
      limit: '1 MB',
      ...(result.reason === 'not-json' ? { line: result.line, column: result.column } : {}),
    });
    const problems = result.reason === 'problems' ? { problems: result.problems, json: result.json } : undefined;
    return listPage(request, reply, uploadStatuses[result.reason], { text: source.kind === 'text' ? text : '', errors: { [field]: message }, ...(problems ? { problems } : {}) });
  });

  const versionPage = async (request: FastifyRequest, reply: FastifyReply, versionId: string, options: { status?: number; notice?: string | null; refusal?: string | null } = {}) => {
    const found = await designVersion(ctx, request.actor, versionId);
    if (!found) return reply.callNotFound();
    const title = textIn(found.form.definition.title, request.lang);
    const edit = { text: `${JSON.stringify(readableOrder(found.row.definition), null, 2)}\n`, errors: {} };
    return reply
      .status(options.status ?? 200)
      .html(
        { title: `${title} – ${request.t('applications:design.versionNumber', { version: found.row.version })}`, breadcrumbs: crumbs(request, { label: title }), hasErrors: Boolean(options.refusal) },
        <DesignVersionPage page={request.page} found={found} notice={options.notice ?? null} refusal={options.refusal ?? null} edit={edit} />,
      );
  };

  app.get(`${designPath}/fassung/:versionId`, { schema: { params: VersionParams, querystring: NoticeQuery } }, async (request, reply) => {
    const notice = notices[request.query.hinweis ?? ''];
    return versionPage(request, reply, request.params.versionId, { notice: notice ? request.t(notice) : null });
  });

  app.post(`${designPath}/fassung/:versionId/veroeffentlichen`, { schema: { params: VersionParams, body: CsrfBody } }, async (request, reply) => {
    const { versionId } = request.params;
    const result = await publishVersion(ctx, request.actor, versionId);
    if (result.ok) return reply.redirect(`${versionPath(versionId)}?hinweis=veroeffentlicht`, 303);
    if (result.reason === 'not-found') return reply.callNotFound();
    const refusal =
      result.reason === 'service-not-published' || result.reason === 'office-not-published' || result.reason === 'no-office'
        ? catalogueProblemText(request.t, result)
        : request.t(`applications:design.publish.${result.reason}`, result.reason === 'older-than-published' ? { version: result.published } : {});
    return versionPage(request, reply, versionId, { status: publishStatuses[result.reason], refusal });
  });

  app.get(`${designPath}/fassung/:versionId/definition.json`, { schema: { params: VersionParams } }, async (request, reply) => {
    const download = await downloadDefinition(ctx, request.actor, request.params.versionId);
    if (!download) return reply.callNotFound();
    return reply.type('application/json; charset=utf-8').header('content-disposition', `attachment; filename="${download.filename}"`).send(download.json);
  });

  app.get(`${designPath}/fassung/:versionId/formular.pdf`, { schema: { params: VersionParams } }, async (request, reply) => {
    const t = request.t;
    const printed = await printableVersion(ctx, request.actor, request.params.versionId, { lang: request.lang, labels: printableLabels(t), cityLine: t('kernel:site.name', { city: ctx.config.CITY_NAME }) });
    if (!printed) return reply.callNotFound();
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${printed.filename}"`).send(printed.pdf);
  });

  const previewPage = (request: FastifyRequest, reply: FastifyReply, form: LoadedForm, question: Page, read: { raw: Raw; errors?: FormErrors }, options: PageOptions) => {
    const { definition } = form;
    const kernelForm = pageForm(definition, form.namespace, question, {}, options);
    const at = definition.pages.findIndex((candidate) => candidate.id === question.id);
    const base = versionPath(form.versionId);
    return reply.status(read.errors ? 422 : 200).html(
      { title: `${request.t('applications:design.preview.title')}: ${textIn(question.title, request.lang)}`, breadcrumbs: crumbs(request, { label: textIn(definition.title, request.lang), href: base }, { label: request.t('applications:design.preview.title') }), hasErrors: Boolean(read.errors) },
      <DesignPreviewPage
        page={request.page}
        definition={definition}
        question={question}
        form={kernelForm}
        raw={read.raw}
        errors={read.errors ? formMessages(request.page, read.errors, kernelForm) : {}}
        action={`${base}/vorschau/${question.id}`}
        backHref={at > 0 ? `${base}/vorschau/${definition.pages[at - 1]!.id}` : base}
        prefilled={[]}
        // As for a draft started now: the day the citizen would read on this page.
        keptUntil={keptUntil(ctx, { updated_at: new Date() } as DraftRow, request.lang)}
        step={{ number: at + 1, of: definition.pages.length }}
        versionId={form.versionId}
        version={form.version}
      />,
    );
  };

  const previewed = async (request: FastifyRequest<{ Params: { versionId: string; pageId: string } }>) => {
    const form = await previewVersion(ctx, request.actor, request.params.versionId);
    const question = form?.definition.pages.find((candidate) => candidate.id === request.params.pageId);
    return form && question ? { form, question } : undefined;
  };

  app.get(`${designPath}/fassung/:versionId/vorschau/:pageId`, { schema: { params: PreviewParams } }, async (request, reply) => {
    const shown = await previewed(request);
    if (!shown) return reply.callNotFound();
    const { options } = await flowRules(ctx, shown.form.definition, {});
    return previewPage(request, reply, shown.form, shown.question, { raw: {} }, options);
  });

  // The preview reads a page as the flow does (city, street register, the form's procedure) and says its
  // problems, but keeps nothing: on to the next page.
  app.post(`${designPath}/fassung/:versionId/vorschau/:pageId`, { schema: { params: PreviewParams, body: PageBody } }, async (request, reply) => {
    const shown = await previewed(request);
    if (!shown) return reply.callNotFound();
    const { form, question } = shown;
    const rules = await flowRules(ctx, form.definition, {}, request.body);
    const read = readPage(form.definition, form.namespace, question, {}, { body: request.body }, rules.options);
    if (!read.ok) return previewPage(request, reply, form, question, read, rules.options);
    const refused = rules.refusals(question, read.values);
    if (Object.keys(refused).length > 0) return previewPage(request, reply, form, question, { raw: read.raw, errors: refused }, rules.options);
    const next = form.definition.pages[form.definition.pages.findIndex((candidate) => candidate.id === question.id) + 1];
    return reply.redirect(next ? `${versionPath(form.versionId)}/vorschau/${next.id}` : versionPath(form.versionId), 303);
  });
}
