import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KernelContext } from '#kernel/context.ts';
import { formBody, formMessages, readForm, toRaw, withErrors, type FormErrors, type FormValue, type Raw } from '#kernel/forms/index.ts';
import { staffOnly } from '#kernel/http/guard.ts';
import type { App } from '#kernel/module.ts';
import { staffPortalPath } from './addresses.ts';
import { citySpatial, DatasetParams, datasetForm, NoticeQuery, StateParams } from './forms.staff.ts';
import { hvdCategories } from './hvd.ts';
import type { Dataset } from './model.ts';
import { opendataPermissions } from './permissions.ts';
import { resourceRoutes } from './routes.staff-resources.tsx';
import { createDataset, setDatasetState, updateDataset, type DatasetInput } from './service.datasets.ts';
import { datasetForPublisher, datasetsForPublisher, newestStatuses, publishableOrganizations } from './service.staff.ts';
import { DatasetFormPage } from './views/staff/dataset-form.tsx';
import { DatasetListPage, DatasetPage, DeletePage } from './views/staff/datasets.tsx';
import { datasetQuality } from './service.quality.ts';
import { staffCrumbs } from './views/staff/parts.tsx';
import { staffDatasetPath, staffEditPath, staffNewDatasetPath } from './views/staff/paths.ts';

/** The publishers' pages: their datasets, the metadata form, publishing, resources and their versions. */
export async function staffRoutes(app: App, ctx: KernelContext): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook('onRequest', staffOnly(ctx, opendataPermissions.publish));
    await datasetRoutes(scope, ctx);
    await resourceRoutes(scope, ctx);
  });
}

const toInput = (value: FormValue<typeof datasetForm>): DatasetInput => ({ ...value, organization: value.organization ?? '', licence: value.licence ?? '', frequency: value.frequency ?? '' });

/** What the service's problems and refusals mean at the form's fields. */
function writeErrors(result: { reason: 'name-taken' | 'unknown-organization' } | { reason: 'invalid'; problems: Readonly<Record<string, string | undefined>> }): FormErrors {
  if (result.reason !== 'invalid') return result.reason === 'name-taken' ? { name: { code: 'opendata:staff.errors.nameTaken' } } : { organization: { code: 'opendata:staff.errors.organization' } };
  const errors: FormErrors = {};
  for (const [field, code] of Object.entries(result.problems)) if (code) errors[field] = { code };
  return errors;
}

function datasetRaw(dataset: Dataset): Raw {
  return toRaw(datasetForm, {
    title: dataset.title,
    name: dataset.name,
    organization: dataset.organization.name,
    description: dataset.description,
    titleEn: dataset.titleEn ?? '',
    descriptionEn: dataset.descriptionEn ?? '',
    keywords: dataset.keywords,
    themes: dataset.themes,
    licence: dataset.licence,
    attribution: dataset.attribution ?? '',
    frequency: dataset.frequency,
    temporalStart: dataset.temporal?.start ?? null,
    temporalEnd: dataset.temporal?.end ?? null,
    spatial: dataset.spatial,
    hvdCategory: hvdCategories.find((category) => category.code === dataset.hvdCategory)?.code ?? null,
    contactName: dataset.contact.name ?? '',
    contactEmail: dataset.contact.email ?? '',
    contactUrl: dataset.contact.url ?? '',
    conformsTo: dataset.conformsTo ?? '',
  });
}

async function datasetRoutes(app: App, ctx: KernelContext): Promise<void> {
  const formPage = async (request: FastifyRequest, reply: FastifyReply, shown: { raw: Raw; errors?: FormErrors }, dataset?: Dataset) => {
    const errors = shown.errors ? formMessages(request.page, shown.errors, datasetForm) : {};
    const heading = dataset ? request.t('opendata:staff.editTitle') : request.t('opendata:staff.newDataset');
    const organizations = await publishableOrganizations(ctx, request.actor);
    return reply.status(shown.errors ? 422 : 200).html(
      { title: dataset ? `${heading}: ${dataset.title}` : heading, breadcrumbs: [...staffCrumbs(request, dataset), { label: heading }], hasErrors: Boolean(shown.errors) },
      <DatasetFormPage page={request.page} action={dataset ? staffEditPath(dataset.name) : staffNewDatasetPath} heading={heading} raw={shown.raw} errors={errors} organizations={organizations} />,
    );
  };

  app.get(staffPortalPath, { schema: { querystring: NoticeQuery } }, async (request, reply) => {
    const listed = await datasetsForPublisher(ctx, request.actor);
    const newest = await newestStatuses(ctx, listed.flatMap((dataset) => dataset.resources.map((resource) => resource.id)));
    const quality = new Map(await Promise.all(listed.map(async (dataset) => [dataset.id, await datasetQuality(ctx, dataset)] as const)));
    // The datasets that need work first: weakest score on top.
    const datasets = [...listed].sort((one, other) => quality.get(one.id)!.score.points - quality.get(other.id)!.score.points);
    return reply.html(
      { title: request.t('opendata:staff.title'), breadcrumbs: staffCrumbs(request).slice(0, 1).concat({ label: request.t('opendata:staff.title') }) },
      <DatasetListPage page={request.page} datasets={datasets} newest={newest} notice={request.query.notice} quality={quality} />,
    );
  });

  app.get(staffNewDatasetPath, async (request, reply) => {
    const organizations = await publishableOrganizations(ctx, request.actor);
    return formPage(request, reply, { raw: { spatial: citySpatial, frequency: 'IRREG', licence: 'dl-by-de/2.0', organization: organizations.length === 1 ? organizations[0]!.name : '' } });
  });

  app.post(staffNewDatasetPath, { schema: { body: formBody(datasetForm) }, attachValidation: true }, async (request, reply) => {
    const read = readForm(datasetForm, request);
    if (!read.ok) return formPage(request, reply, read);
    const organization = (await publishableOrganizations(ctx, request.actor)).find((one) => one.name === read.value.organization);
    if (!organization) return formPage(request, reply, withErrors(read, { organization: { code: 'opendata:staff.errors.organization' } }));
    const result = await createDataset(ctx, request.actor, toInput(read.value));
    if (!result.ok) return formPage(request, reply, withErrors(read, writeErrors(result)));
    return reply.redirect(`${staffDatasetPath(result.name)}?notice=created`, 303);
  });

  app.get(`${staffPortalPath}/:name`, { schema: { params: DatasetParams, querystring: NoticeQuery } }, async (request, reply) => {
    const dataset = await datasetForPublisher(ctx, request.actor, request.params.name);
    if (!dataset) return reply.callNotFound();
    const newest = await newestStatuses(ctx, dataset.resources.map((resource) => resource.id));
    return reply.html({ title: dataset.title, breadcrumbs: staffCrumbs(request, dataset).slice(0, 2).concat({ label: dataset.title }) }, <DatasetPage page={request.page} dataset={dataset} newest={newest} notice={request.query.notice} quality={await datasetQuality(ctx, dataset)} />);
  });

  app.get(`${staffPortalPath}/:name/bearbeiten`, { schema: { params: DatasetParams } }, async (request, reply) => {
    const dataset = await datasetForPublisher(ctx, request.actor, request.params.name);
    if (!dataset) return reply.callNotFound();
    return formPage(request, reply, { raw: datasetRaw(dataset) }, dataset);
  });

  app.post(`${staffPortalPath}/:name/bearbeiten`, { schema: { params: DatasetParams, body: formBody(datasetForm) }, attachValidation: true }, async (request, reply) => {
    const dataset = await datasetForPublisher(ctx, request.actor, request.params.name);
    if (!dataset) return reply.callNotFound();
    const read = readForm(datasetForm, request);
    if (!read.ok) return formPage(request, reply, read, dataset);
    const organization = (await publishableOrganizations(ctx, request.actor)).find((one) => one.name === read.value.organization);
    if (!organization) return formPage(request, reply, withErrors(read, { organization: { code: 'opendata:staff.errors.organization' } }), dataset);
    const result = await updateDataset(ctx, request.actor, dataset.id, toInput(read.value));
    if (!result.ok && result.reason === 'not-found') return reply.callNotFound();
    if (!result.ok) return formPage(request, reply, withErrors(read, writeErrors(result)), dataset);
    return reply.redirect(`${staffDatasetPath(result.name)}?notice=changed`, 303);
  });

  app.post(`${staffPortalPath}/:name/status/:state`, { schema: { params: StateParams } }, async (request, reply) => {
    const dataset = await datasetForPublisher(ctx, request.actor, request.params.name);
    if (!dataset) return reply.callNotFound();
    const publish = request.params.state === 'veroeffentlichen';
    await setDatasetState(ctx, request.actor, dataset.id, publish ? 'active' : 'draft');
    return reply.redirect(`${staffDatasetPath(dataset.name)}?notice=${publish ? 'published' : 'withdrawn'}`, 303);
  });

  app.get(`${staffPortalPath}/:name/loeschen`, { schema: { params: DatasetParams } }, async (request, reply) => {
    const dataset = await datasetForPublisher(ctx, request.actor, request.params.name);
    if (!dataset) return reply.callNotFound();
    const title = request.t('opendata:staff.delete.confirmTitle', { title: dataset.title });
    return reply.html({ title, breadcrumbs: [...staffCrumbs(request, dataset), { label: request.t('opendata:staff.delete.title') }] }, <DeletePage page={request.page} dataset={dataset} />);
  });

  app.post(`${staffPortalPath}/:name/loeschen`, { schema: { params: DatasetParams } }, async (request, reply) => {
    const dataset = await datasetForPublisher(ctx, request.actor, request.params.name);
    if (!dataset) return reply.callNotFound();
    await setDatasetState(ctx, request.actor, dataset.id, 'deleted');
    return reply.redirect(`${staffPortalPath}?notice=deleted`, 303);
  });
}
