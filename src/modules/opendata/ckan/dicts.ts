import { frequencyUri, licenceUri, licences, type DataTheme } from '#kernel/declarations/datasets.ts';
import { absolute, datasetPath, downloadPath, organizationPath } from '../addresses.ts';
import { contributorOpenNrw, municipalityKeyUri, themeUri } from '../dcat/vocabularies.ts';
import type { Dataset, Organization, Resource } from '../model.ts';

/*
 * The catalogue in CKAN 2.11's dictionaries, from `model.ts` alone. Names and shapes are CKAN's (a harvester
 * or ckanapi script reads them unchanged); DCAT-AP.de fields CKAN has no column for go into `extras` under
 * the keys ckanext-dcatde uses.
 */

/** A translator for the few labels CKAN shows (group titles). */
export type Translate = (key: string) => string;

/** CKAN writes datetimes as naive UTC ISO strings with microseconds: `2026-12-03T03:24:00.123000`. */
export const ckanTime = (value: Date) => `${value.toISOString().slice(0, 23)}000`;

/** Titles of the licences as the DCAT-AP.de vocabulary names them (proper names, not translated). */
const licenceTitles: Partial<Record<string, string>> = {
  'dl-by-de/2.0': 'Datenlizenz Deutschland Namensnennung 2.0',
  'dl-zero-de/2.0': 'Datenlizenz Deutschland – Zero – Version 2.0',
  'cc-by/4.0': 'Creative Commons Namensnennung – 4.0 International (CC BY 4.0)',
  'cc-by-sa/4.0': 'Creative Commons Namensnennung – Weitergabe unter gleichen Bedingungen 4.0 International (CC BY-SA 4.0)',
  'cc-zero': 'Creative Commons CC Zero License (cc-zero)',
  odbl: 'Open Data Commons Open Database License (ODbL)',
  officialWork: 'Amtliches Werk, lizenzfrei nach §5 Abs. 1 UrhG',
};

export const licenceTitle = (id: string) => licenceTitles[id] ?? id;

export function organizationDict(organization: Organization, publicUrl: string, extra: { packageCount?: number } = {}) {
  return {
    id: organization.id,
    name: organization.name,
    title: organization.title,
    display_name: organization.title,
    description: organization.description,
    image_url: '',
    image_display_url: '',
    created: ckanTime(organization.createdAt),
    is_organization: true,
    type: 'organization',
    state: 'active',
    approval_status: 'approved',
    url: absolute(publicUrl, organizationPath(organization.name)),
    ...(extra.packageCount === undefined ? {} : { package_count: extra.packageCount }),
  };
}

/** The EU data themes are the portal's groups; their names are the theme codes, lower-cased as CKAN names are. */
export function groupDict(theme: DataTheme, t: Translate, extra: { packageCount?: number } = {}) {
  return {
    id: theme.toLowerCase(),
    name: theme.toLowerCase(),
    title: t(`opendata:themes.${theme}`),
    display_name: t(`opendata:themes.${theme}`),
    description: '',
    image_url: '',
    image_display_url: '',
    is_organization: false,
    type: 'group',
    state: 'active',
    approval_status: 'approved',
    url: themeUri(theme),
    ...(extra.packageCount === undefined ? {} : { package_count: extra.packageCount }),
  };
}

export function tagDict(name: string) {
  return { id: name, name, display_name: name, state: 'active', vocabulary_id: null };
}

export function resourceDict(dataset: Pick<Dataset, 'id' | 'name'>, resource: Resource, publicUrl: string) {
  const hosted = resource.externalUrl === null;
  return {
    id: resource.id,
    package_id: dataset.id,
    name: resource.title,
    description: resource.description,
    format: resource.format,
    mimetype: resource.current?.mediaType ?? resource.mediaType,
    url: hosted ? absolute(publicUrl, downloadPath(dataset.name, resource.id)) : resource.externalUrl,
    url_type: hosted ? 'upload' : null,
    size: resource.current?.byteSize ?? null,
    // The file store names a file by the SHA-256 of its content; ckanext-dcat reads the algorithm beside it.
    hash: resource.current?.fileId ?? '',
    hash_algorithm: resource.current ? 'http://spdx.org/rdf/terms#checksumAlgorithm_sha256' : null,
    created: ckanTime(resource.createdAt),
    last_modified: ckanTime(resource.current?.createdAt ?? resource.modifiedAt),
    metadata_modified: ckanTime(resource.modifiedAt),
    datastore_active: resource.datastoreActive,
    position: resource.position,
    state: 'active',
    resource_type: null,
    cache_url: null,
    mimetype_inner: null,
  };
}

function extras(dataset: Dataset, publicUrl: string): { key: string; value: string }[] {
  const pairs: [string, string | null][] = [
    ['contributorID', JSON.stringify([contributorOpenNrw])],
    ['politicalGeocodingURI', JSON.stringify(dataset.spatial.map((place) => municipalityKeyUri(place)).filter((uri): uri is string => uri !== null))],
    ['spatial_text', dataset.spatial.join(', ') || null],
    ['temporal_start', dataset.temporal?.start ?? null],
    ['temporal_end', dataset.temporal?.end ?? null],
    ['frequency', frequencyUri(dataset.frequency)],
    ['licenseAttributionByText', dataset.attribution],
    ['conforms_to', dataset.conformsTo],
    ['hvd_category', dataset.hvdCategory ? `http://data.europa.eu/bna/${dataset.hvdCategory}` : null],
    ['issued', dataset.issuedAt ? dataset.issuedAt.toISOString() : null],
    ['modified', dataset.modifiedAt.toISOString()],
    ['contact_name', dataset.contact.name],
    ['contact_email', dataset.contact.email],
    ['contact_uri', dataset.contact.url],
    ['theme', JSON.stringify(dataset.themes.map(themeUri))],
    ['uri', absolute(publicUrl, datasetPath(dataset.name))],
    ['demo_data', dataset.demo ? 'true' : null],
  ];
  return pairs.filter((pair): pair is [string, string] => pair[1] !== null && pair[1] !== '[]').map(([key, value]) => ({ key, value }));
}

export function packageDict(dataset: Dataset, publicUrl: string, t: Translate) {
  const resources = dataset.resources.map((resource) => resourceDict(dataset, resource, publicUrl));
  const tags = dataset.keywords.map(tagDict);
  return {
    id: dataset.id,
    name: dataset.name,
    title: dataset.title,
    notes: dataset.description,
    url: absolute(publicUrl, datasetPath(dataset.name)),
    author: null,
    author_email: null,
    maintainer: dataset.contact.name,
    maintainer_email: dataset.contact.email,
    version: null,
    state: dataset.state,
    private: false,
    type: 'dataset',
    license_id: dataset.licence,
    license_title: licenceTitle(dataset.licence),
    license_url: licenceUri(dataset.licence),
    isopen: licences[dataset.licence] ?? false,
    metadata_created: ckanTime(dataset.createdAt),
    metadata_modified: ckanTime(dataset.modifiedAt),
    creator_user_id: null,
    owner_org: dataset.organization.id,
    organization: organizationDict(dataset.organization, publicUrl),
    tags,
    groups: dataset.themes.map((theme) => groupDict(theme, t)),
    resources,
    extras: extras(dataset, publicUrl),
    num_resources: resources.length,
    num_tags: tags.length,
    relationships_as_object: [],
    relationships_as_subject: [],
  };
}

export type PackageDict = ReturnType<typeof packageDict>;
