import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KernelContext } from '#kernel/context.ts';
import { describeRefusal } from '#kernel/files/refusals.ts';
import { bodyLimitFor, formBody, formMessages, multipartFor, once, readForm, rowFieldName, withErrors, type FormErrors, type Raw } from '#kernel/forms/index.ts';
import type { App } from '#kernel/module.ts';
import { staffPortalPath } from './addresses.ts';
import { DatasetParams, dictionaryForm, NoticeQuery, ResourceParams, resourceForm, uploadForm, VersionParams, VersionProgress } from './forms.staff.ts';
import { addResource, receiveVersion } from './service.resources.ts';
import { updateDictionary } from './service.dictionary.ts';
import { datasetForPublisher, finishedStatuses, resourceForPublisher, versionForPublisher } from './service.staff.ts';
import { staffCrumbs } from './views/staff/parts.tsx';
import { staffResourcePath, staffVersionPath } from './views/staff/paths.ts';
import { NewResourcePage, ResourcePage } from './views/staff/resource.tsx';
import { progressText, VersionPage } from './views/staff/version.tsx';

/*
 * Resources for their publishers: adding one, uploading a new version of its file (a plain multipart form,
 * streamed into the file store while it is parsed), following the version's check, and the data dictionary.
 */

type ShowResource = (request: FastifyRequest<{ Params: { name: string; resourceId: string } }>, reply: FastifyReply, shown: Shown) => Promise<unknown>;

const resourceBase = `${staffPortalPath}/:name/ressourcen/:resourceId`;

interface Shown {
  upload?: { raw: Raw; errors?: FormErrors };
  dictionary?: { raw: Raw; errors?: FormErrors };
  status?: number;
  notice?: string;
}

/** The dictionary form filled from what the resource's schema says now. */
function dictionaryRaw(fields: readonly { name: string; title?: string; description?: string; unit?: string }[]): Raw {
  const raw: Raw = {};
  fields.forEach((field, index) => {
    raw[rowFieldName('column', index + 1, 'name')] = field.name;
    raw[rowFieldName('column', index + 1, 'title')] = field.title ?? '';
    raw[rowFieldName('column', index + 1, 'description')] = field.description ?? '';
    raw[rowFieldName('column', index + 1, 'unit')] = field.unit ?? '';
  });
  return raw;
}

export async function resourceRoutes(app: App, ctx: KernelContext): Promise<void> {
  const resourcePage = async (request: FastifyRequest<{ Params: { name: string; resourceId: string } }>, reply: FastifyReply, shown: Shown) => {
    const found = await resourceForPublisher(ctx, request.actor, request.params.name, request.params.resourceId);
    if (!found) return reply.callNotFound();
    const upload = shown.upload?.errors ? formMessages(request.page, shown.upload.errors, uploadForm) : {};
    const dictionary = shown.dictionary?.errors ? formMessages(request.page, shown.dictionary.errors, dictionaryForm) : {};
    const hasErrors = Object.keys(upload).length + Object.keys(dictionary).length > 0;
    return reply.status(shown.status ?? (hasErrors ? 422 : 200)).html(
      { title: `${found.resource.title} – ${found.dataset.title}`, breadcrumbs: [...staffCrumbs(request, found.dataset), { label: found.resource.title }], hasErrors },
      <ResourcePage
        page={request.page}
        dataset={found.dataset}
        resource={found.resource}
        versions={found.versions}
        upload={{ raw: shown.upload?.raw ?? {}, errors: upload }}
        dictionary={{ raw: shown.dictionary?.raw ?? dictionaryRaw(found.resource.tableSchema?.fields ?? []), errors: dictionary }}
        notice={shown.notice}
      />,
    );
  };

  const newResourcePage = async (request: FastifyRequest<{ Params: { name: string } }>, reply: FastifyReply, shown: { raw: Raw; errors?: FormErrors }) => {
    const dataset = await datasetForPublisher(ctx, request.actor, request.params.name);
    if (!dataset) return reply.callNotFound();
    const errors = shown.errors ? formMessages(request.page, shown.errors, resourceForm) : {};
    const title = request.t('opendata:staff.resource.add');
    return reply.status(shown.errors ? 422 : 200).html({ title, breadcrumbs: [...staffCrumbs(request, dataset), { label: title }], hasErrors: Boolean(shown.errors) }, <NewResourcePage page={request.page} dataset={dataset} raw={shown.raw} errors={errors} />);
  };

  app.get(`${staffPortalPath}/:name/ressourcen/neu`, { schema: { params: DatasetParams } }, async (request, reply) => newResourcePage(request, reply, { raw: { format: 'CSV' } }));

  app.post(`${staffPortalPath}/:name/ressourcen/neu`, { schema: { params: DatasetParams, body: formBody(resourceForm) }, attachValidation: true }, async (request, reply) => {
    const dataset = await datasetForPublisher(ctx, request.actor, request.params.name);
    if (!dataset) return reply.callNotFound();
    const read = readForm(resourceForm, request);
    if (!read.ok) return newResourcePage(request, reply, read);
    const result = await once(ctx, request, read, () => addResource(ctx, request.actor, dataset.id, { title: read.value.title, description: read.value.description, format: read.value.format ?? '' }));
    if (!result.ok && result.reason === 'invalid') return newResourcePage(request, reply, withErrors(read, Object.fromEntries(Object.entries(result.problems).map(([field, code]) => [field, { code }]))));
    if (!result.ok) return reply.callNotFound();
    return reply.redirect(`${staffResourcePath(dataset.name, result.id)}?notice=resource-added`, 303);
  });

  app.get(resourceBase, { schema: { params: ResourceParams, querystring: NoticeQuery } }, async (request, reply) => resourcePage(request, reply, { notice: request.query.notice }));

  await app.register(async (scope) => uploadRoutes(scope, ctx, resourcePage));

  app.get(`${resourceBase}/versionen/:version`, { schema: { params: VersionParams } }, async (request, reply) => {
    const detail = await versionForPublisher(ctx, request.actor, request.params.name, request.params.resourceId, request.params.version);
    if (!detail) return reply.callNotFound();
    const title = request.t('opendata:staff.version.title', { version: detail.version.version });
    return reply.html(
      { title: `${title} – ${detail.resource.title}`, breadcrumbs: [...staffCrumbs(request, detail.dataset), { label: detail.resource.title, href: staffResourcePath(detail.dataset.name, detail.resource.id) }, { label: title }] },
      <VersionPage page={request.page} detail={detail} />,
    );
  });

  app.get(`${resourceBase}/versionen/:version/stand`, { schema: { params: VersionParams, response: { 200: VersionProgress } } }, async (request, reply) => {
    const detail = await versionForPublisher(ctx, request.actor, request.params.name, request.params.resourceId, request.params.version);
    if (!detail) return reply.callNotFound();
    const { status, rowCount } = detail.version;
    return reply.header('cache-control', 'no-store').send({
      status,
      label: request.t(`opendata:staff.statuses.${status}`),
      rowsLoaded: detail.rowsLoaded,
      rowCount,
      finished: finishedStatuses.includes(status),
      text: progressText(request, detail),
    });
  });

  app.post(`${resourceBase}/datenlexikon`, { schema: { params: ResourceParams, body: formBody(dictionaryForm) }, attachValidation: true }, async (request, reply) => {
    const found = await resourceForPublisher(ctx, request.actor, request.params.name, request.params.resourceId);
    if (!found) return reply.callNotFound();
    const read = readForm(dictionaryForm, request);
    if (!read.ok) return resourcePage(request, reply, { dictionary: read });
    const result = await updateDictionary(ctx, request.actor, found.resource.id, read.value.column);
    if (!result.ok && result.reason === 'not-found') return reply.callNotFound();
    if (!result.ok) return resourcePage(request, reply, { dictionary: { raw: read.raw, errors: { column: { code: `opendata:staff.errors.${result.reason}` } } } });
    return reply.redirect(`${staffResourcePath(found.dataset.name, found.resource.id)}?notice=dictionary-changed`, 303);
  });
}

/** The upload in a scope of its own, whose multipart parser streams the file into the store while the body is read. */
async function uploadRoutes(app: App, ctx: KernelContext, resourcePage: ShowResource): Promise<void> {
  await app.register(fastifyMultipart, multipartFor(ctx, uploadForm));
  app.post(`${resourceBase}/versionen`, { bodyLimit: bodyLimitFor(uploadForm), schema: { params: ResourceParams, body: formBody(uploadForm) }, attachValidation: true }, async (request, reply) => {
    const found = await resourceForPublisher(ctx, request.actor, request.params.name, request.params.resourceId);
    if (!found) return reply.callNotFound();
    const read = readForm(uploadForm, request);
    if (!read.ok) {
      // The store's refusal says what was wrong with the file; its status tells a script the same (413, 415).
      const refused = ctx.files.uploadOf(request, 'file')?.result;
      const status = refused && !refused.ok ? describeRefusal(refused, request.lang).status : 422;
      return resourcePage(request, reply, { upload: read, status });
    }
    const { file, filename } = read.value.file;
    const result = await once(ctx, request, read, () => receiveVersion(ctx, request.actor, found.resource.id, { fileId: file.id, filename, note: read.value.note || null }));
    if (result.ok) return reply.redirect(staffVersionPath(found.dataset.name, found.resource.id, result.version), 303);
    if (result.reason === 'not-found') return reply.callNotFound();
    const code = result.reason === 'wrong-type' ? 'opendata:staff.errors.wrongType' : result.reason === 'external' ? 'opendata:staff.errors.external' : 'opendata:staff.errors.unknownFile';
    return resourcePage(request, reply, { upload: withErrors(read, { file: { code, values: { format: found.resource.format } } }), status: result.reason === 'wrong-type' ? 415 : 422 });
  });
}
