import type { Dataset } from '../model.ts';
import type { DatasetInput, DatasetProblems } from '../service.datasets.ts';
import type { DatasetState } from '../tables.ts';
import { validationError } from './envelope.ts';
import { flag, list, text, type Params } from './params.ts';

/*
 * `dicts.ts` the other way round: a CKAN package dictionary as a script sends it to `package_create` or
 * `package_patch`, read into the service's `DatasetInput`. Only the keys given change the input they are
 * applied to (an empty one for a new dataset, the current one for a patch); keys CKAN derives (`id`,
 * `metadata_modified`, `num_resources` …) and keys without a place in the model are ignored, as CKAN drops
 * what its schema does not know.
 */

/** The extras the write API reads, each with the input field it sets; the others in `dicts.ts` are derived. */
const extraFields = {
  temporal_start: 'temporalStart',
  temporal_end: 'temporalEnd',
  licenseAttributionByText: 'attribution',
  conforms_to: 'conformsTo',
  contact_name: 'contactName',
  contact_email: 'contactEmail',
  contact_uri: 'contactUrl',
} as const satisfies Record<string, keyof DatasetInput>;

/** Where each input field sits in CKAN's dictionary, for naming it in a Validation Error. */
const ckanKeys: Partial<Record<keyof DatasetInput, string>> = {
  organization: 'owner_org',
  description: 'notes',
  keywords: 'tags',
  themes: 'groups',
  licence: 'license_id',
  attribution: 'licenseAttributionByText',
  contactName: 'maintainer',
  contactEmail: 'maintainer_email',
  contactUrl: 'contact_uri',
  temporalStart: 'temporal_start',
  temporalEnd: 'temporal_end',
  spatial: 'spatial_text',
  conformsTo: 'conforms_to',
  hvdCategory: 'hvd_category',
};

export const ckanKeyOf = (field: string) => ckanKeys[field as keyof DatasetInput] ?? field;

/** The service's problems (i18n keys) as CKAN's Validation Error, under CKAN's names. */
export function problemsError(problems: DatasetProblems, t: (key: string) => string) {
  return validationError(Object.fromEntries(Object.entries(problems).map(([field, key]) => [ckanKeyOf(field), t(key)])));
}

/** The last segment of a vocabulary IRI (`…/frequency/ANNUAL` → `ANNUAL`); a bare code stays as it is. */
const code = (value: string) => value.trim().replace(/\/+$/, '').split('/').at(-1) ?? '';

/** The names of a list of CKAN dictionaries (`[{ "name": "Verkehr" }]`) or of plain strings. */
function names(params: Params, key: string): string[] | undefined {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) return list(params, key);
  return value.map((item: unknown) => {
    if (typeof item === 'string') return item;
    const name = item && typeof item === 'object' ? (item as Record<string, unknown>).name : undefined;
    if (typeof name !== 'string') throw validationError({ [key]: 'Each item needs a name' });
    return name;
  });
}

function extras(params: Params): Map<string, string> | undefined {
  const value = params.extras;
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw validationError({ extras: 'Must be a list of {"key", "value"} dictionaries' });
  const found = new Map<string, string>();
  for (const item of value as unknown[]) {
    const pair = item && typeof item === 'object' ? (item as Record<string, unknown>) : {};
    if (typeof pair.key !== 'string' || !['string', 'number', 'boolean'].includes(typeof pair.value)) throw validationError({ extras: 'Must be a list of {"key", "value"} dictionaries' });
    found.set(pair.key, String(pair.value));
  }
  return found;
}

/** A JSON list of IRIs in an extra (`["http://…/TRAN"]`), or one value. */
function extraList(value: string): string[] {
  try {
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed)) return parsed.map(String);
  } catch {
    // A plain value, not JSON.
  }
  return value.split(',').map((item) => item.trim()).filter(Boolean);
}

export const emptyInput = (): DatasetInput => ({ name: '', organization: '', title: '', description: '', keywords: [], themes: [], licence: '', spatial: [], frequency: '' });

/** The dataset's current metadata as an input, for a patch to change some of. */
export function inputOf(dataset: Dataset): DatasetInput {
  return {
    name: dataset.name,
    organization: dataset.organization.id,
    title: dataset.title,
    titleEn: dataset.titleEn,
    description: dataset.description,
    descriptionEn: dataset.descriptionEn,
    keywords: [...dataset.keywords],
    themes: [...dataset.themes],
    licence: dataset.licence,
    attribution: dataset.attribution,
    contactName: dataset.contact.name,
    contactEmail: dataset.contact.email,
    contactUrl: dataset.contact.url,
    temporalStart: dataset.temporal?.start ?? null,
    temporalEnd: dataset.temporal?.end ?? null,
    spatial: [...dataset.spatial],
    frequency: dataset.frequency,
    conformsTo: dataset.conformsTo,
    hvdCategory: dataset.hvdCategory,
    demo: dataset.demo,
  };
}

const states: readonly DatasetState[] = ['draft', 'active', 'deleted'];

export interface PackageWrite {
  input: DatasetInput;
  /** The state the dictionary asks for, if it names one. */
  state?: DatasetState;
}

/**
 * Applies the keys of a CKAN package dictionary to an input. `resources` is refused: replacing a
 * resource list would drop resources with every version of their files and their DataStore tables, so
 * resources are added one by one with `resource_create`.
 */
export function applyPackage(base: DatasetInput, params: Params): PackageWrite {
  if (params.resources !== undefined) throw validationError({ resources: 'Resources cannot be given or replaced here; add each with resource_create' });
  if (params.private !== undefined && flag(params, 'private')) throw validationError({ private: 'Private datasets are not supported: every dataset of the portal is open data' });
  const input: DatasetInput = { ...base };
  const set = <K extends keyof DatasetInput>(field: K, value: DatasetInput[K] | undefined) => {
    if (value !== undefined) input[field] = value;
  };
  set('name', text(params, 'name')?.trim());
  set('title', text(params, 'title'));
  set('description', text(params, 'notes'));
  set('organization', text(params, 'owner_org')?.trim());
  set('licence', text(params, 'license_id')?.trim());
  set('contactName', text(params, 'maintainer'));
  set('contactEmail', text(params, 'maintainer_email'));
  set('keywords', names(params, 'tags'));
  set('themes', names(params, 'groups')?.map((name) => code(name).toUpperCase()));
  const given = extras(params);
  if (given) {
    for (const [key, field] of Object.entries(extraFields)) if (given.has(key)) input[field] = given.get(key)!;
    if (given.has('frequency')) input.frequency = code(given.get('frequency')!);
    if (given.has('hvd_category')) input.hvdCategory = code(given.get('hvd_category')!) || null;
    if (given.has('theme') && params.groups === undefined) input.themes = extraList(given.get('theme')!).map((one) => code(one).toUpperCase());
    if (given.has('spatial_text')) input.spatial = extraList(given.get('spatial_text')!);
    else if (given.has('politicalGeocodingURI')) input.spatial = extraList(given.get('politicalGeocodingURI')!).map(code);
    if (given.has('demo_data')) input.demo = ['true', '1', 'yes'].includes(given.get('demo_data')!.toLowerCase());
  }
  const state = text(params, 'state')?.trim();
  if (state !== undefined && !states.includes(state as DatasetState)) throw validationError({ state: `Value must be one of ${states.join(', ')}` });
  return { input, ...(state ? { state: state as DatasetState } : {}) };
}
