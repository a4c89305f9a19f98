import { Type, type TSchema } from 'typebox';

/*
 * What each action's `result` holds, for the OpenAPI description: CKAN 2.11's dictionaries with the members
 * clients read. Every object stays open (`additionalProperties`), as CKAN's are, and the routes answer
 * with JSON.stringify rather than a serializer compiled from these schemas, so a member left undescribed
 * here is never dropped from an answer.
 */

const open = { additionalProperties: true } as const;
const Time = (description: string) => Type.String({ description: `${description}; naive UTC ISO time with microseconds, as CKAN writes it` });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

const Organization = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    title: Type.String(),
    display_name: Type.String(),
    description: Type.String(),
    created: Time('When it was made'),
    is_organization: Type.Boolean(),
    type: Type.String(),
    state: Type.String(),
    url: Type.String({ description: 'Its page on the portal' }),
    package_count: Type.Optional(Type.Integer({ description: 'Active datasets, where asked for' })),
  },
  { ...open, title: 'CKAN organization' },
);

const Group = Type.Object(
  {
    id: Type.String({ description: 'The EU data theme code, lower case' }),
    name: Type.String(),
    title: Type.String(),
    display_name: Type.String(),
    url: Type.String({ description: 'The theme in the EU authority table' }),
    package_count: Type.Optional(Type.Integer()),
  },
  { ...open, title: 'CKAN group (EU data theme)' },
);

const Tag = Type.Object({ id: Type.String(), name: Type.String(), display_name: Type.String() }, { ...open, title: 'CKAN tag' });

const Resource = Type.Object(
  {
    id: Type.String(),
    package_id: Type.String(),
    name: Type.String(),
    description: Type.String(),
    format: Type.String({ description: 'EU file-type code (CSV, XLSX, GEOJSON, WMS_SRVC …)' }),
    mimetype: Nullable(Type.String()),
    url: Type.String({ description: 'The stable download address of the newest version, or the link to data kept elsewhere' }),
    url_type: Nullable(Type.String({ description: '`upload` for files kept here' })),
    size: Nullable(Type.Integer({ description: 'Bytes of the newest version' })),
    hash: Type.String({ description: 'SHA-256 of the newest version' }),
    hash_algorithm: Nullable(Type.String()),
    created: Time('When the resource was added'),
    last_modified: Time('When its newest version came'),
    metadata_modified: Time('When its metadata changed'),
    datastore_active: Type.Boolean({ description: 'Whether datastore_search reads its rows' }),
    position: Type.Integer(),
    state: Type.String(),
  },
  { ...open, title: 'CKAN resource' },
);

const Package = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    title: Type.String(),
    notes: Type.String({ description: 'The description' }),
    url: Type.String({ description: 'Its page on the portal' }),
    maintainer: Nullable(Type.String()),
    maintainer_email: Nullable(Type.String()),
    state: Type.String({ description: '`active`, or `deleted` for harvesters that ask' }),
    private: Type.Boolean(),
    type: Type.String(),
    license_id: Type.String({ description: 'Identifier of the DCAT-AP.de licence vocabulary' }),
    license_title: Type.String(),
    license_url: Type.String(),
    isopen: Type.Boolean(),
    metadata_created: Time('When the dataset was made'),
    metadata_modified: Time('When it last changed'),
    owner_org: Type.String(),
    organization: Organization,
    resources: Type.Array(Resource),
    tags: Type.Array(Tag),
    groups: Type.Array(Group),
    extras: Type.Array(Type.Object({ key: Type.String(), value: Type.String() }), { description: 'DCAT-AP.de fields under the keys ckanext-dcatde uses' }),
    num_resources: Type.Integer(),
    num_tags: Type.Integer(),
  },
  { ...open, title: 'CKAN package (dataset)' },
);

const Field = Type.Object({ id: Type.String(), type: Type.String(), info: Type.Optional(Type.Object({}, open)) }, { ...open, title: 'DataStore field' });
const Records = Type.Union([Type.Array(Type.Object({}, open)), Type.Array(Type.Array(Type.Unknown())), Type.String({ description: 'CSV or TSV text' })]);

const DatastoreSearch = Type.Object(
  {
    resource_id: Type.String(),
    fields: Type.Array(Field),
    records: Records,
    total: Type.Optional(Type.Integer({ description: 'Exact count of the matching rows' })),
    total_was_estimated: Type.Optional(Type.Boolean()),
    limit: Type.Integer(),
    offset: Type.Optional(Type.Integer()),
    _links: Type.Object({ start: Type.String(), next: Type.String(), prev: Type.Optional(Type.String()) }, open),
  },
  { ...open, title: 'datastore_search result' },
);

const PackageSearch = Type.Object(
  {
    count: Type.Integer(),
    results: Type.Array(Package),
    sort: Type.String(),
    facets: Type.Object({}, { ...open, description: 'Per facet field, value → count' }),
    search_facets: Type.Object({}, { ...open, description: 'Per facet field, its items with name, display_name and count' }),
  },
  { ...open, title: 'package_search result' },
);

const Names = (what: string) => Type.Array(Type.String(), { description: what });

/** The result of each action the OpenAPI description names; the others' stay undescribed. */
export const resultSchemas: Record<string, TSchema> = {
  status_show: Type.Object({ site_title: Type.String(), site_url: Type.String(), ckan_version: Type.String(), extensions: Type.Array(Type.String()) }, open),
  package_list: Names('Names of the active datasets'),
  package_show: Package,
  package_search: PackageSearch,
  organization_list: Type.Union([Names('Names of the organisations'), Type.Array(Organization, { description: 'With all_fields' })]),
  organization_show: Organization,
  group_list: Type.Union([Names('The EU data theme codes, lower case'), Type.Array(Group, { description: 'With all_fields' })]),
  group_show: Group,
  tag_list: Names('Keywords of the active datasets'),
  resource_show: Resource,
  datastore_search: DatastoreSearch,
  datastore_search_sql: Type.Object({ sql: Type.String(), fields: Type.Array(Field), records: Type.Array(Type.Object({}, open)), records_truncated: Type.Optional(Type.Boolean()) }, open),
  help_show: Type.String({ description: 'What the action does' }),
  package_create: Package,
  package_patch: Package,
  resource_create: Resource,
  datastore_upsert: Type.Object({ resource_id: Type.String(), method: Type.String(), records: Type.Optional(Type.Array(Type.Object({}, open))) }, open),
};

/** CKAN's envelope around an action's result. */
export function envelopeOf(action: string) {
  return Type.Object({
    help: Type.String({ description: 'Address of help_show for this action' }),
    success: Type.Boolean(),
    result: resultSchemas[action] ?? Type.Unknown({ description: "The action's result, as CKAN 2.11 shapes it" }),
  });
}

/** Answers as JSON.stringify writes them: the schemas above describe, they never filter. */
export const plainJson = () => (data: unknown) => JSON.stringify(data);
