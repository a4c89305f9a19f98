import type { ColumnType, Generated, Selectable } from 'kysely';

export const datasetStates = ['draft', 'active', 'deleted'] as const;
export type DatasetState = (typeof datasetStates)[number];

export const versionStatuses = ['received', 'checking', 'loaded', 'valid', 'invalid', 'failed', 'superseded'] as const;
export type VersionStatus = (typeof versionStatuses)[number];

/** A `date` column: PostgreSQL hands it back as a Date at midnight UTC; written as `YYYY-MM-DD`. */
type DateColumn = ColumnType<Date | null, string | null | undefined, string | null>;
/** jsonb: read as parsed JSON, written as a JSON string (both drivers take it so). */
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

export type OpendataTables = {
  opendata_organizations: {
    id: Generated<string>;
    name: string;
    title: string;
    title_en: string | null;
    description: Generated<string>;
    description_en: string | null;
    email: string | null;
    url: string | null;
    created_at: Generated<Date>;
  };
  opendata_datasets: {
    id: Generated<string>;
    name: string;
    organization_id: string;
    state: Generated<DatasetState>;
    title: string;
    title_en: string | null;
    description: Generated<string>;
    description_en: string | null;
    keywords: Generated<string[]>;
    themes: Generated<string[]>;
    licence: string;
    attribution: string | null;
    contact_name: string | null;
    contact_email: string | null;
    contact_url: string | null;
    temporal_start: DateColumn;
    temporal_end: DateColumn;
    spatial: Generated<string[]>;
    frequency: string;
    conforms_to: string | null;
    hvd_category: string | null;
    declaration_id: string | null;
    refreshed_at: Date | null;
    demo: Generated<boolean>;
    issued_at: Date | null;
    modified_at: Generated<Date>;
    created_at: Generated<Date>;
  };
  opendata_resources: {
    id: Generated<string>;
    dataset_id: string;
    position: Generated<number>;
    state: Generated<'active' | 'deleted'>;
    title: string;
    title_en: string | null;
    description: Generated<string>;
    description_en: string | null;
    format: string;
    media_type: string;
    external_url: string | null;
    table_schema: NullableJson<PublishedTableSchema>;
    datastore_active: Generated<boolean>;
    created_at: Generated<Date>;
    modified_at: Generated<Date>;
  };
  opendata_resource_loads: {
    resource_id: string;
    version_id: string;
    started_at: Generated<Date>;
  };
  opendata_link_checks: {
    url: string;
    alive: boolean;
    checked_at: Generated<Date>;
  };
  opendata_resource_versions: {
    id: Generated<string>;
    resource_id: string;
    version: number;
    file_id: string;
    filename: string;
    byte_size: number;
    media_type: string;
    status: Generated<VersionStatus>;
    report: NullableJson<unknown>;
    row_count: number | null;
    rows_loaded: Generated<number>;
    note: string | null;
    created_by: string | null;
    created_at: Generated<Date>;
    finished_at: Date | null;
  };
};

/**
 * A Frictionless Table Schema as published beside the data: column names, types and the data dictionary
 * (title, description, unit) in plain text, German first.
 */
export interface PublishedTableSchema {
  fields: PublishedField[];
  primaryKey?: string[];
  missingValues?: string[];
}

export interface PublishedField {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'time' | 'year' | 'yearmonth' | 'geojson';
  title?: string;
  description?: string;
  unit?: string;
  format?: string;
  constraints?: { required?: boolean; unique?: boolean; enum?: string[]; minimum?: number; maximum?: number; pattern?: string };
}

export type OrganizationRow = Selectable<OpendataTables['opendata_organizations']>;
export type DatasetRow = Selectable<OpendataTables['opendata_datasets']>;
export type ResourceRow = Selectable<OpendataTables['opendata_resources']>;
export type VersionRow = Selectable<OpendataTables['opendata_resource_versions']>;
