import { dataThemes, type DataTheme } from '#kernel/declarations/datasets.ts';
import { facetNames, searchDatasets, type DatasetSearchQuery, type FacetName, type FacetValue } from '../service.search.ts';
import type { DatasetState } from '../tables.ts';
import type { ActionContext } from './actions.ts';
import { licenceTitle, packageDict } from './dicts.ts';
import { searchQueryError } from './envelope.ts';
import { parseFilterQueries } from './fq.ts';
import { flag, integer, list, natural, text, type Params } from './params.ts';

/*
 * CKAN's package_search over the catalogue's own search: q as words (or `field:value` clauses), fq and
 * fq_list as harvesters send them, rows (10, at most 1000), start, sort, facet.field/limit/mincount. A
 * parameter CKAN does not know is refused as CKAN refuses it (Search Query Error, 400).
 */

const knownParams = new Set([
  'q', 'fq', 'fq_list', 'rows', 'start', 'sort', 'facet', 'facet.field', 'facet.limit', 'facet.mincount', 'include_private', 'include_drafts',
  'include_deleted', 'use_default_schema', 'qf', 'wt', 'bf', 'boost', 'tie', 'defType', 'mm', 'df', 'callback', '_',
]);

const sorts: Record<string, DatasetSearchQuery['sort']> = {
  score: 'relevance',
  rank: 'relevance',
  metadata_modified: 'modified',
  metadata_created: 'created',
  title_string: 'title',
  title: 'title',
  name: 'name',
};

function sortOf(value: string | undefined): { sort: DatasetSearchQuery['sort']; direction?: 'asc' | 'desc'; echo: string } {
  const fallback = 'score desc, metadata_modified desc';
  if (!value || value.trim() === '' || value.trim() === 'rank') return { sort: 'relevance', echo: fallback };
  // The first clause decides; the ones after it only break ties, which the search does by itself.
  const match = /^\s*([a-z_]+)(?:\s+(asc|desc))?\s*(?:,.*)?$/i.exec(value);
  const sort = match ? sorts[match[1]!.toLowerCase()] : undefined;
  if (!match || !sort) throw searchQueryError('opendata:ckan.errors.sort', { sort: value });
  return { sort, direction: (match[2]?.toLowerCase() as 'asc' | 'desc' | undefined) ?? (sort === 'title' || sort === 'name' ? 'asc' : 'desc'), echo: value };
}

/** `q` holds words, or Solr clauses of the fields fq knows (`tags:x name:y` is not words). */
function textAndClauses(q: string | undefined): { text?: string; clauses?: string } {
  const value = q?.trim();
  if (!value || value === '*:*' || value === '*') return {};
  if (/^\+?[a-z_]+:\S/.test(value)) return { clauses: value };
  return { text: value };
}

function displayName(call: ActionContext, facet: FacetName, value: FacetValue): string {
  if (facet === 'groups') return call.t(`opendata:themes.${value.name}`);
  if (facet === 'license_id') return licenceTitle(value.name);
  return value.displayName;
}

/** CKAN names groups in lower case; the search knows the theme codes. */
const facetValueName = (facet: FacetName, name: string) => (facet === 'groups' ? name.toLowerCase() : name);

export async function packageSearch(call: ActionContext, params: Params) {
  const unknown = Object.keys(params).filter((key) => !knownParams.has(key) && !key.startsWith('ext_'));
  if (unknown.length > 0) throw searchQueryError('opendata:ckan.errors.invalidParameters', { names: unknown.join(', ') });
  const { text: words, clauses } = textAndClauses(text(params, 'q'));
  const filters = [...(clauses ? [clauses] : []), ...(text(params, 'fq') ? [text(params, 'fq')!] : []), ...(list(params, 'fq_list') ?? [])];
  const parsed = parseFilterQueries(filters);
  if (!parsed.ok) throw searchQueryError('opendata:ckan.errors.filter', { clause: parsed.problem });
  // Drafts are their publishers' own and not searchable here; deleted ones only when asked, as in CKAN.
  const asked: DatasetState[] = parsed.query.states ?? (flag(params, 'include_deleted') ? ['active', 'deleted'] : ['active']);
  const states = asked.filter((state) => state !== 'draft');
  flag(params, 'include_private');
  flag(params, 'include_drafts');
  const requested = list(params, 'facet.field') ?? [];
  const facets = requested.filter((name): name is FacetName => (facetNames as readonly string[]).includes(name));
  const facetLimit = integer(params, 'facet.limit', 50);
  const { sort, direction, echo } = sortOf(text(params, 'sort'));
  const found = await searchDatasets(call.ctx, {
    ...parsed.query,
    themes: parsed.query.themes?.filter((code) => dataThemes.includes(code as DataTheme)),
    text: words,
    states: states.length > 0 ? states : ['active'],
    sort,
    direction,
    offset: natural(params, 'start', 0),
    limit: natural(params, 'rows', 10, 1000),
    facets: flag(params, 'facet', true) ? facets : [],
    facetLimit: facetLimit < 0 ? 100_000 : facetLimit,
    facetMinCount: natural(params, 'facet.mincount', 1),
  });
  const searchFacets: Record<string, { title: string; items: { name: string; display_name: string; count: number }[] }> = {};
  const flatFacets: Record<string, Record<string, number>> = {};
  for (const name of requested) {
    const values = (found.facets as Partial<Record<string, FacetValue[]>>)[name] ?? [];
    const facet = name as FacetName;
    searchFacets[name] = { title: name, items: values.map((value) => ({ name: facetValueName(facet, value.name), display_name: displayName(call, facet, value), count: value.count })) };
    flatFacets[name] = Object.fromEntries(values.map((value) => [facetValueName(facet, value.name), value.count]));
  }
  return {
    count: found.count,
    facets: flatFacets,
    results: found.datasets.map((dataset) => packageDict(dataset, call.publicUrl, call.t)),
    sort: echo,
    search_facets: searchFacets,
  };
}
