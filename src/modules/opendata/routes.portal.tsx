import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { todayInBerlin } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import { contentDisposition } from '#kernel/files/disposition.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import { publicPage } from '#kernel/page-cache/index.ts';
import type { App } from '#kernel/module.ts';
import { datasetPath, dumpPath, portalPath, resourcePath } from './addresses.ts';
import { groupingField, planChart, type Cell } from './chart/plan.ts';
import { DatastoreNotFoundError, DatastoreQueryError, exportFormats, exportRows, search, type ExportFormat } from './datastore/index.ts';
import type { Dataset, Resource, ResourceVersion } from './model.ts';
import type { PublishedField } from './tables.ts';
import { datasetByName, datasetsPage, organizationByName, organizationsWithCounts, resourceById, versionsOf } from './service.catalog.ts';
import { facetNames, searchDatasets } from './service.search.ts';
import { DatasetPage } from './views/portal-dataset.tsx';
import { QualityBadge } from './views/quality.tsx';
import { datasetQuality } from './service.quality.ts';
import { OrganizationPage, OrganizationsPage } from './views/portal-organization.tsx';
import { datasetTitle, resourceTitle } from './views/portal-parts.tsx';
import { ResourcePage, type Preview, type PreviewSort } from './views/portal-resource.tsx';
import { SearchPage, filterParams, sortParams, type FacetKey, type PortalSearch, type SortParam } from './views/portal-search.tsx';

/*
 * The portal's public pages: the search, a dataset, a resource with its preview, an organisation, and the
 * downloads. Drafts are not there for the public (404); a deleted dataset keeps its page, marked withdrawn,
 * because citations and harvesters point at it.
 */

const perPage = 20;
const previewRows = 20;
/** A choice of more groups than this is a list to search, not to pick from. */
const maxGroups = 50;
/** Finding the groups reads the whole table; a table this long is for the API, not for picking a line. */
const maxGroupedRows = 50_000;
const values = Type.Union([Type.String({ maxLength: 200 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 })]);
const SearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  kategorie: Type.Optional(values),
  organisation: Type.Optional(values),
  format: Type.Optional(values),
  lizenz: Type.Optional(values),
  schlagwort: Type.Optional(values),
  sortierung: Type.Optional(Type.Union(Object.keys(sortParams).map((key) => Type.Literal(key)))),
  seite: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  lang: Type.Optional(Type.String()),
});
const PageQuery = Type.Object({ seite: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })), lang: Type.Optional(Type.String()) });
const PreviewQuery = Type.Object({
  seite: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  sortierung: Type.Optional(Type.String({ maxLength: 100 })),
  richtung: Type.Optional(Type.Union([Type.Literal('auf'), Type.Literal('ab')])),
  // One group of rows (a place), so a table that repeats along its time can be drawn as a line.
  spalte: Type.Optional(Type.String({ maxLength: 100 })),
  wert: Type.Optional(Type.String({ maxLength: 500 })),
  lang: Type.Optional(Type.String()),
});
const NameParams = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) });
const ResourceParams = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), id: Type.String({ format: 'uuid' }) });
const DumpParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const DumpQuery = Type.Object({ format: Type.Optional(Type.Union(exportFormats.map((format) => Type.Literal(format)))) });
const VersionParams = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), id: Type.String({ format: 'uuid' }), version: Type.Integer({ minimum: 1, maximum: 1_000_000 }) });

const asList = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]).filter((entry) => entry.trim() !== '');

/** The versions the public sees: those that passed their checks, newest first. */
const publicVersions = (versions: readonly ResourceVersion[]) => versions.filter((version) => version.status === 'loaded' || version.status === 'valid');

/** "ladestationen-standorte": the dataset and the file, as a file name may spell them. */
function fileStem(dataset: Pick<Dataset, 'name'>, resource: Resource): string {
  const slug = resource.title
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return [dataset.name, slug].filter(Boolean).join('-');
}

/** "ladestationen-standorte-v3.csv": with the version and the extension the file came with. */
function downloadName(dataset: Pick<Dataset, 'name'>, resource: Resource, version: ResourceVersion): string {
  const extension = /\.([a-z0-9]{1,8})$/i.exec(version.filename)?.[1]?.toLowerCase() ?? resource.format.toLowerCase();
  return `${fileStem(dataset, resource)}-v${version.version}.${extension}`;
}

/** The portal's pages come from the open-data tables alone, whose triggers announce every change (see the migrations). */
const cached = publicPage('opendata');

const dumpTypes: Record<ExportFormat, string> = { csv: 'text/csv; charset=utf-8', json: 'application/json; charset=utf-8', geojson: 'application/geo+json; charset=utf-8' };

export async function portalRoutes(app: App, ctx: KernelContext): Promise<void> {
  /** A published or withdrawn dataset's resource, addressed under the dataset's own name. */
  async function publicResource(name: string, id: string) {
    const found = await resourceById(ctx, id);
    if (!found || (found.dataset.name !== name && found.dataset.id !== name)) throw new HttpProblem(404, 'opendata:portal.problems.resourceNotFound');
    return found;
  }

  app.get(portalPath, { schema: { querystring: SearchQuery }, config: cached }, async (request, reply) => {
    const query = request.query;
    const filters = Object.fromEntries((Object.keys(filterParams) as FacetKey[]).map((facet) => [facet, asList(query[filterParams[facet]])])) as Record<FacetKey, string[]>;
    const search: PortalSearch = { text: query.q?.trim() ?? '', filters, sort: (query.sortierung as SortParam | undefined) ?? 'relevanz', page: query.seite ?? 1 };
    const result = await searchDatasets(ctx, {
      text: search.text || undefined,
      themes: filters.groups,
      organizations: filters.organization,
      formats: filters.res_format,
      licences: filters.license_id,
      tags: filters.tags,
      sort: sortParams[search.sort],
      offset: (search.page - 1) * perPage,
      limit: perPage,
      facets: [...facetNames],
      facetLimit: 15,
    });
    const pages = Math.max(1, Math.ceil(result.count / perPage));
    if (search.page > pages) throw new HttpProblem(404, 'kernel:errors.notFound.body');
    const t = request.t;
    return reply.html({ title: t('opendata:portal.title'), breadcrumbs: [{ label: t('opendata:portal.title') }] }, <SearchPage page={request.page} search={search} count={result.count} datasets={result.datasets} facets={result.facets} pages={pages} />);
  });

  app.get(`${portalPath}/organisationen`, { config: cached }, async (request, reply) => {
    const t = request.t;
    const organizations = await organizationsWithCounts(ctx);
    return reply.html(
      { title: t('opendata:portal.organization.list'), breadcrumbs: [{ label: t('opendata:portal.title'), href: portalPath }, { label: t('opendata:portal.organization.list') }] },
      <OrganizationsPage page={request.page} organizations={organizations} />,
    );
  });

  app.get(`${portalPath}/organisationen/:name`, { schema: { params: NameParams, querystring: PageQuery }, config: cached }, async (request, reply) => {
    const organization = await organizationByName(ctx, request.params.name);
    if (!organization) return reply.callNotFound();
    const current = request.query.seite ?? 1;
    const { total, datasets } = await datasetsPage(ctx, { organizationId: organization.id, offset: (current - 1) * perPage, limit: perPage, order: 'name' });
    const pages = Math.max(1, Math.ceil(total / perPage));
    if (current > pages) throw new HttpProblem(404, 'kernel:errors.notFound.body');
    const t = request.t;
    return reply.html(
      { title: organization.title, breadcrumbs: [{ label: t('opendata:portal.title'), href: portalPath }, { label: t('opendata:portal.organization.list'), href: `${portalPath}/organisationen` }, { label: organization.title }] },
      <OrganizationPage page={request.page} organization={organization} datasets={datasets} total={total} current={current} pages={pages} />,
    );
  });

  app.get(`${portalPath}/:name`, { schema: { params: NameParams }, config: cached }, async (request, reply) => {
    const dataset = await datasetByName(ctx, request.params.name);
    if (!dataset) throw new HttpProblem(404, 'opendata:portal.problems.notFound');
    if (dataset.name !== request.params.name) return reply.redirect(datasetPath(dataset.name), 301);
    const versions = new Map(await Promise.all(dataset.resources.map(async (resource) => [resource.id, publicVersions(await versionsOf(ctx, resource.id))] as const)));
    const title = datasetTitle(request.page.lang, dataset).text;
    return reply.html(
      { title, breadcrumbs: [{ label: request.t('opendata:portal.title'), href: portalPath }, { label: title }] },
      <DatasetPage page={request.page} dataset={dataset} versions={versions} publicUrl={ctx.config.PUBLIC_URL} today={todayInBerlin()} quality={<QualityBadge page={request.page} quality={await datasetQuality(ctx, dataset)} />} />,
    );
  });

  app.get(`${portalPath}/:name/ressourcen/:id`, { schema: { params: ResourceParams, querystring: PreviewQuery }, config: cached }, async (request, reply) => {
    const { dataset, resource } = await publicResource(request.params.name, request.params.id);
    const versions = publicVersions(await versionsOf(ctx, resource.id));
    const preview = await previewOf(request, resource);
    const title = resourceTitle(request.page.lang, resource).text;
    const path = resourcePath(dataset.name, resource.id);
    const href = (pageNumber: number, sort: PreviewSort | null) => {
      const params = new URLSearchParams();
      if (preview?.group?.chosen) params.set('spalte', preview.group.field.name);
      if (preview?.group?.chosen) params.set('wert', preview.group.chosen);
      if (sort) params.set('sortierung', sort.column);
      if (sort) params.set('richtung', sort.direction === 'asc' ? 'auf' : 'ab');
      if (pageNumber > 1) params.set('seite', String(pageNumber));
      const query = params.toString();
      return `${path}${query ? `?${query}` : ''}#vorschau`;
    };
    return reply.html(
      { title, breadcrumbs: [{ label: request.t('opendata:portal.title'), href: portalPath }, { label: datasetTitle(request.page.lang, dataset).text, href: datasetPath(dataset.name) }, { label: title }] },
      <ResourcePage page={request.page} dataset={dataset} resource={resource} versions={versions} preview={preview} previewHref={href} />,
    );
  });

  /** A page of the resource's DataStore table, in the order asked for; null while there is no table. */
  async function previewOf(
    request: FastifyRequest<{ Querystring: { seite?: number; sortierung?: string; richtung?: 'auf' | 'ab'; spalte?: string; wert?: string } }>,
    resource: Resource,
  ): Promise<Preview | null> {
    const schema = resource.tableSchema;
    if (!resource.datastoreActive || !schema) return null;
    const { seite = 1, sortierung, richtung, spalte, wert } = request.query;
    const grouping = (resource.current?.rowCount ?? 0) <= maxGroupedRows ? groupingField(schema.fields) : undefined;
    if (spalte !== undefined && spalte !== grouping?.name) throw new HttpProblem(400, 'opendata:portal.problems.group', { column: spalte });
    const chosen = spalte !== undefined && wert ? wert : null;
    const sortable = schema.fields.filter((field) => field.type !== 'geojson');
    if (sortierung !== undefined && !sortable.some((field) => field.name === sortierung)) throw new HttpProblem(400, 'opendata:portal.problems.sort', { column: sortierung });
    const sort: PreviewSort | null = sortierung ? { column: sortierung, direction: richtung === 'ab' ? 'desc' : 'asc' } : null;
    const offset = (seite - 1) * previewRows;
    const result = await search(ctx, resource.id, {
      limit: previewRows,
      offset,
      sort: sort ? `"${sort.column}" ${sort.direction}, _id` : '_id',
      fields: schema.fields.map((field) => field.name),
      ...(chosen && grouping ? { filters: { [grouping.name]: chosen } } : {}),
    });
    const total = result.total ?? 0;
    const pages = Math.max(1, Math.ceil(total / previewRows));
    if (seite > pages) throw new HttpProblem(404, 'opendata:portal.problems.page', { pages });
    const present = new Set(result.fields.map((field) => field.id));
    const fields = schema.fields.filter((field) => present.has(field.name));
    const records = result.records as Record<string, Cell>[];
    // Offered where the page's rows make no chart of their own: picked, the rows of one group may.
    const offered = grouping && (chosen || !planChart(fields, records));
    const group = offered ? await groupOf(resource, grouping, chosen) : undefined;
    return { fields, records, total, offset, limit: previewRows, sort, ...(group ? { group } : {}) };
  }

  /** The values to pick a group by, when there are a few (two to fifty); more would not fit a choice. */
  async function groupOf(resource: Resource, field: PublishedField, chosen: string | null): Promise<Preview['group']> {
    const found = await search(ctx, resource.id, { fields: [field.name], distinct: true, sort: `"${field.name}" asc`, limit: maxGroups + 1, includeTotal: false });
    const values = (found.records as Record<string, Cell>[]).map((record) => record[field.name]).filter((value): value is string => typeof value === 'string' && value !== '');
    if (values.length < 2 || values.length > maxGroups) return undefined;
    return { field, values, chosen };
  }

  async function sendVersion(request: FastifyRequest, reply: FastifyReply, dataset: Dataset, resource: Resource, version: ResourceVersion) {
    return ctx.files.send(reply, { fileId: version.fileId, filename: downloadName(dataset, resource, version), actor: request.actor });
  }

  app.get(`${portalPath}/:name/ressourcen/:id/download`, { schema: { params: ResourceParams } }, async (request, reply) => {
    const { dataset, resource } = await publicResource(request.params.name, request.params.id);
    if (!resource.current) throw new HttpProblem(404, 'opendata:portal.problems.versionNotFound');
    return sendVersion(request, reply, dataset, resource, resource.current);
  });

  app.get(`${portalPath}/:name/ressourcen/:id/versionen/:version/download`, { schema: { params: VersionParams } }, async (request, reply) => {
    const { dataset, resource } = await publicResource(request.params.name, request.params.id);
    const version = publicVersions(await versionsOf(ctx, resource.id)).find((candidate) => candidate.version === request.params.version);
    if (!version) throw new HttpProblem(404, 'opendata:portal.problems.versionNotFound');
    return sendVersion(request, reply, dataset, resource, version);
  });

  // CKAN's dump address: the whole table of the newest loaded version, streamed, in the format asked for.
  app.get(`${dumpPath(':id')}`, { schema: { params: DumpParams, querystring: DumpQuery } }, async (request, reply) => {
    const found = await resourceById(ctx, request.params.id);
    if (!found?.resource.datastoreActive) throw new HttpProblem(404, 'opendata:portal.problems.resourceNotFound');
    const format = request.query.format ?? 'csv';
    const rows = await exportRows(ctx, found.resource.id, {}, format).catch((error: unknown) => {
      if (error instanceof DatastoreNotFoundError) throw new HttpProblem(404, 'opendata:portal.problems.resourceNotFound');
      if (error instanceof DatastoreQueryError) throw new HttpProblem(400, 'opendata:portal.problems.noGeometry');
      throw error;
    });
    return reply
      .type(dumpTypes[format])
      .header('content-disposition', contentDisposition(`${fileStem(found.dataset, found.resource)}.${format}`))
      .header('access-control-allow-origin', '*')
      .header('x-content-type-options', 'nosniff')
      .send(rows);
  });
}
