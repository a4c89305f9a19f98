import { sql, type Kysely } from 'kysely';

/*
 * The open-data portal's catalogue: organisations (the offices that publish), datasets with their DCAT-AP.de
 * metadata, resources (distributions) and every version of a resource's file. A dataset is never deleted
 * outright: its state becomes `deleted`, so harvesters see it go. Tabular versions feed the DataStore, one
 * table per resource in the schema `datastore` (made by the DataStore, not here).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('opendata_organizations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // CKAN's `name`: the stable, URL-safe identifier clients filter by (`organization:tiefbauamt`).
    .addColumn('name', 'text', (c) => c.notNull().unique().check(sql`name ~ '^[a-z0-9_-]{2,100}$'`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text')
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description_en', 'text')
    // The office's functional contact (never a person's own address): DCAT's contact point and publisher.
    .addColumn('email', 'text')
    .addColumn('url', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // The city itself publishes what the platform's modules declare (their figures and directories).
  await sql`insert into opendata_organizations (name, title, title_en, description, description_en, url)
    values ('stadt-erkelenz', 'Stadt Erkelenz', 'City of Erkelenz', 'Die Stadtverwaltung Erkelenz veröffentlicht Daten aus ihren digitalen Diensten.', 'The city administration of Erkelenz publishes data from its digital services.', 'https://www.erkelenz.de')`.execute(db);

  await db.schema
    .createTable('opendata_datasets')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull().unique().check(sql`name ~ '^[a-z0-9_-]{2,100}$'`))
    .addColumn('organization_id', 'uuid', (c) => c.notNull().references('opendata_organizations.id'))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('draft').check(sql`state in ('draft', 'active', 'deleted')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text')
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description_en', 'text')
    .addColumn('keywords', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    // EU data themes (AGRI … TRAN).
    .addColumn('themes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    // An identifier of the DCAT-AP.de licence vocabulary (dl-by-de/2.0, dl-zero-de/2.0, cc-by/4.0 …).
    .addColumn('licence', 'text', (c) => c.notNull())
    // dcatde:licenseAttributionByText: how a reuser names the source.
    .addColumn('attribution', 'text')
    .addColumn('contact_name', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('contact_url', 'text')
    .addColumn('temporal_start', 'date')
    .addColumn('temporal_end', 'date')
    // Spatial coverage: the city's AGS (`05370004`) or a district's name from the city's list.
    .addColumn('spatial', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    // EU frequency table (ANNUAL, DAILY …).
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('conforms_to', 'text')
    // An EU high-value dataset category (Regulation 2023/138), as the HVD vocabulary's code (c_ac64a52d …).
    .addColumn('hvd_category', 'text')
    // The manifest declaration (`catalog.services`) a module publishes this dataset through, if any.
    .addColumn('declaration_id', 'text', (c) => c.unique())
    // When a declared dataset was last made from its module's query (its content may not have changed).
    .addColumn('refreshed_at', 'timestamptz')
    // Demonstration data, not official: said on every page and in the metadata.
    .addColumn('demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('issued_at', 'timestamptz')
    .addColumn('modified_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('opendata_datasets_temporal', sql`temporal_end is null or temporal_start is null or temporal_end >= temporal_start`)
    .execute();
  await sql`create index opendata_datasets_modified on opendata_datasets (modified_at)`.execute(db);
  await sql`create index opendata_datasets_organization on opendata_datasets (organization_id)`.execute(db);

  await db.schema
    .createTable('opendata_resources')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('dataset_id', 'uuid', (c) => c.notNull().references('opendata_datasets.id'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('active').check(sql`state in ('active', 'deleted')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text')
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description_en', 'text')
    // EU file-type code (CSV, JSON, GEOJSON, XLSX …) and IANA media type.
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    // A resource is either kept here (its versions) or a link to data elsewhere (an API, a map service).
    .addColumn('external_url', 'text')
    // The Frictionless Table Schema of its tabular data, with the data dictionary (description, unit per column).
    .addColumn('table_schema', 'jsonb')
    // The newest loaded version is queryable through the DataStore (table `datastore."<id>"`).
    .addColumn('datastore_active', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('modified_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index opendata_resources_dataset on opendata_resources (dataset_id, position)`.execute(db);

  await db.schema
    .createTable('opendata_resource_versions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('resource_id', 'uuid', (c) => c.notNull().references('opendata_resources.id'))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version > 0`))
    // The file in the kernel's file store (its id is the SHA-256 of the content: the checksum published).
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'bigint', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    // received → checking → loaded (in the DataStore) | valid (kept, not tabular) | invalid (see report) | failed
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('received').check(sql`status in ('received', 'checking', 'loaded', 'valid', 'invalid', 'failed')`))
    // The validation report (Frictionless in spirit): problems with row and column, the inferred schema.
    .addColumn('report', 'jsonb')
    .addColumn('row_count', 'bigint')
    // How far a load has come, for the uploader's progress bar.
    .addColumn('rows_loaded', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .addUniqueConstraint('opendata_resource_versions_number', ['resource_id', 'version'])
    .execute();

  await sql`create schema if not exists datastore`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop schema if exists datastore cascade`.execute(db);
  await db.schema.dropTable('opendata_resource_versions').execute();
  await db.schema.dropTable('opendata_resources').execute();
  await db.schema.dropTable('opendata_datasets').execute();
  await db.schema.dropTable('opendata_organizations').execute();
}
