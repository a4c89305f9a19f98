import type { Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import { dataThemes, type DataTheme } from '#kernel/declarations/datasets.ts';
import { DatastoreNotFoundError, DatastoreQueryError, search as datastoreSearch, type DatastoreQuery, type RecordsFormat } from '../datastore/index.ts';
import { runSql } from '../datastore/sql.ts';
import { datasetNames } from '../repo.search.ts';
import { opendataDb } from '../repo.ts';
import { datasetByName, organizationByName, organizationsWithCounts, resourceById } from '../service.catalog.ts';
import { searchDatasets } from '../service.search.ts';
import { badRequest, notFound, validationError } from './envelope.ts';
import { groupDict, organizationDict, packageDict, resourceDict, type Translate } from './dicts.ts';
import { packageSearch } from './package-search.ts';
import { dictionary, flag, list, natural, required, text, type Params } from './params.ts';
import { writeActions } from './write-actions.ts';

/*
 * CKAN's read actions, each mapping CKAN's parameters onto the catalogue's typed services and the answer
 * onto CKAN's dictionaries. `sideEffectFree` actions may be called with GET, as in CKAN.
 */

export interface ActionContext {
  ctx: KernelContext;
  actor: Actor;
  t: Translate;
  publicUrl: string;
}

export interface Action {
  sideEffectFree: boolean;
  run(call: ActionContext, params: Params): Promise<unknown>;
}

async function groupCounts(call: ActionContext): Promise<Map<string, number>> {
  const { facets } = await searchDatasets(call.ctx, { facets: ['groups'], limit: 0, facetLimit: dataThemes.length });
  return new Map((facets.groups ?? []).map((value) => [value.name, value.count]));
}

function theme(id: string): DataTheme {
  const code = id.toUpperCase();
  if (!dataThemes.includes(code as DataTheme)) throw notFound('opendata:ckan.errors.groupNotFound');
  return code as DataTheme;
}

export const actions: Record<string, Action> = {
  status_show: {
    sideEffectFree: true,
    run: async (call) => ({
      site_title: call.t('opendata:ckan.siteTitle'),
      site_description: call.t('opendata:ckan.siteDescription'),
      site_url: call.publicUrl,
      ckan_version: '2.11.0',
      error_emails_to: null,
      locale_default: 'de',
      extensions: ['datastore', 'dcat'],
    }),
  },
  package_list: {
    sideEffectFree: true,
    run: async (call, params) =>
      datasetNames(opendataDb(call.ctx.db), { offset: natural(params, 'offset', 0), limit: natural(params, 'limit', 100_000, 100_000) }),
  },
  package_show: {
    sideEffectFree: true,
    run: async (call, params) => {
      const dataset = await datasetByName(call.ctx, required(params, 'id'));
      if (!dataset) throw notFound('opendata:ckan.errors.datasetNotFound');
      return packageDict(dataset, call.publicUrl, call.t);
    },
  },
  package_search: { sideEffectFree: true, run: packageSearch },
  organization_list: {
    sideEffectFree: true,
    run: async (call, params) => {
      const all = await organizationsWithCounts(call.ctx);
      const wanted = list(params, 'organizations');
      const chosen = (wanted ? all.filter((one) => wanted.includes(one.name)) : all).sort((a, b) => a.name.localeCompare(b.name));
      const page = chosen.slice(natural(params, 'offset', 0)).slice(0, natural(params, 'limit', 1000, 1000));
      return flag(params, 'all_fields') ? page.map((one) => organizationDict(one, call.publicUrl, { packageCount: one.datasetCount })) : page.map((one) => one.name);
    },
  },
  organization_show: {
    sideEffectFree: true,
    run: async (call, params) => {
      const organization = await organizationByName(call.ctx, required(params, 'id'));
      if (!organization) throw notFound('opendata:ckan.errors.organizationNotFound');
      const found = await searchDatasets(call.ctx, { organizations: [organization.name], limit: flag(params, 'include_datasets') ? 1000 : 0, sort: 'name' });
      return {
        ...organizationDict(organization, call.publicUrl, { packageCount: found.count }),
        ...(flag(params, 'include_datasets') ? { packages: found.datasets.map((dataset) => packageDict(dataset, call.publicUrl, call.t)) } : {}),
      };
    },
  },
  group_list: {
    sideEffectFree: true,
    run: async (call, params) => {
      if (!flag(params, 'all_fields')) return dataThemes.map((code) => code.toLowerCase());
      const counts = await groupCounts(call);
      return dataThemes.map((code) => groupDict(code, call.t, { packageCount: counts.get(code) ?? 0 }));
    },
  },
  group_show: {
    sideEffectFree: true,
    run: async (call, params) => {
      const code = theme(required(params, 'id'));
      return groupDict(code, call.t, { packageCount: (await groupCounts(call)).get(code) ?? 0 });
    },
  },
  tag_list: {
    sideEffectFree: true,
    run: async (call, params) => {
      const { facets } = await searchDatasets(call.ctx, { facets: ['tags'], limit: 0, facetLimit: 100_000 });
      const query = text(params, 'query')?.toLowerCase();
      const names = (facets.tags ?? []).map((value) => value.name).filter((name) => !query || name.toLowerCase().includes(query));
      return names.sort((a, b) => a.localeCompare(b, 'de'));
    },
  },
  resource_show: {
    sideEffectFree: true,
    run: async (call, params) => {
      const found = await resourceById(call.ctx, required(params, 'id'));
      if (!found) throw notFound('opendata:ckan.errors.resourceNotFound');
      return resourceDict(found.dataset, found.resource, call.publicUrl);
    },
  },
  datastore_search: { sideEffectFree: true, run: datastoreSearchAction },
  datastore_search_sql: {
    sideEffectFree: true,
    run: async (call, params) => {
      // CKAN without `ckan.datastore.sqlsearch.enabled` has no such action; PGlite runs it as that CKAN does.
      if (call.ctx.database.kind !== 'postgres') throw badRequest('Bad request - Action name not known: datastore_search_sql');
      const result = await runSql(call.ctx, required(params, 'sql'));
      if (result.ok) return { sql: result.sql, fields: result.fields, records: result.records, ...(result.recordsTruncated ? { records_truncated: true } : {}) };
      if (result.reason === 'not-authorized') throw new HttpProblem(403, 'opendata:ckan.errors.raw', { message: `Access denied: ${result.message}` });
      throw validationError({ query: result.message });
    },
  },
  help_show: {
    sideEffectFree: true,
    run: async (call, params) => {
      const name = required(params, 'name');
      if (name in writeActions) return call.t(`opendata:ckanWrite.help.${name}`);
      if (!(name in actions)) throw notFound('opendata:ckan.errors.actionNotFound');
      return call.t(`opendata:ckan.help.${name}`);
    },
  },
};

const recordsFormats: readonly RecordsFormat[] = ['objects', 'lists', 'csv', 'tsv'];

/**
 * CKAN's `_links`: the same search from its start and from the next page, every parameter kept (a
 * dictionary as JSON, a list joined by commas, as the action reads them over GET).
 */
function pageLink(params: Params, offset?: number): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (key === 'offset' || value === undefined || value === null) continue;
    search.append(key, Array.isArray(value) ? value.map(String).join(',') : typeof value === 'string' ? value : JSON.stringify(value));
  }
  if (offset !== undefined) search.set('offset', String(offset));
  return `/api/3/action/datastore_search?${search.toString()}`;
}

async function datastoreSearchAction(call: ActionContext, params: Params) {
  const known = new Set(['resource_id', 'id', 'filters', 'q', 'plain', 'distinct', 'limit', 'offset', 'fields', 'sort', 'include_total', 'records_format', 'language', 'full_text', 'total_estimation_threshold']);
  const unknown = Object.keys(params).filter((key) => !known.has(key));
  if (unknown.length > 0) throw validationError(Object.fromEntries(unknown.map((key) => [key, 'The input field was not expected.'])));
  const resourceId = text(params, 'resource_id') ?? required(params, 'id');
  // Only a published (or deleted) dataset's tables are readable; a draft's is its publisher's alone.
  const visible = await resourceById(call.ctx, resourceId);
  if (!visible) throw notFound('opendata:ckan.errors.resourceNotFound');
  const format = text(params, 'records_format') ?? 'objects';
  if (!recordsFormats.includes(format as RecordsFormat)) throw validationError({ records_format: `Value must be one of ${recordsFormats.join(', ')}` });
  const q = typeof params.q === 'object' && params.q !== null ? (dictionary(params, 'q') as Record<string, string>) : text(params, 'q');
  const query: DatastoreQuery = {
    filters: dictionary(params, 'filters') as DatastoreQuery['filters'],
    q,
    plain: flag(params, 'plain', true),
    distinct: flag(params, 'distinct'),
    limit: natural(params, 'limit', 100),
    offset: natural(params, 'offset', 0),
    fields: list(params, 'fields')?.flatMap((field) => field.split(',').map((one) => one.trim())),
    sort: text(params, 'sort'),
    includeTotal: flag(params, 'include_total', true),
    recordsFormat: format as RecordsFormat,
  };
  try {
    const result = await datastoreSearch(call.ctx, resourceId, query);
    return {
      resource_id: resourceId,
      fields: result.fields,
      records: result.records,
      ...(result.total === undefined ? {} : { total: result.total, total_was_estimated: false }),
      limit: result.limit,
      offset: result.offset,
      records_format: format,
      _links: { start: pageLink(params), next: pageLink(params, result.offset + result.limit) },
    };
  } catch (error) {
    if (error instanceof DatastoreNotFoundError) throw notFound('opendata:ckan.errors.resourceNotFound');
    if (error instanceof DatastoreQueryError) throw validationError(Object.fromEntries(Object.entries(error.errors).map(([key, messages]) => [key, messages.join('; ')])));
    throw error;
  }
}
