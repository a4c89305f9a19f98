import type { KernelContext } from '#kernel/context.ts';
import type { PublishedField } from '../tables.ts';

/** What the DataStore needs of the platform: the database, its Kysely handle and its bulk COPY. */
export type DatastoreContext = Pick<KernelContext, 'database'>;

/** One value of a row to load; a JSON object (a GeoJSON geometry) is written as jsonb. */
export type CellValue = string | number | boolean | null | Date | bigint | object;
/** One row in the schema's field order (the order `ingest/` yields them in). */
export type DatastoreRow = readonly CellValue[];

/**
 * The column type of each Table Schema type. `number` becomes numeric, not double precision: published
 * figures (money, rates, 0.1 steps) come back exactly as written, and CKAN's DataStore calls the type numeric
 * too. Integers are bigint (a count or an id may pass 2^31); a year is a plain integer, a year and month
 * (`2024-05`) text, which sorts correctly and compares with strings as people write them.
 */
export const columnTypes = {
  string: 'text',
  integer: 'int8',
  number: 'numeric',
  boolean: 'bool',
  date: 'date',
  datetime: 'timestamptz',
  time: 'time',
  year: 'int4',
  yearmonth: 'text',
  geojson: 'jsonb',
} as const satisfies Record<PublishedField['type'], string>;

export type ColumnType = (typeof columnTypes)[keyof typeof columnTypes];
export const knownColumnTypes: ReadonlySet<string> = new Set(Object.values(columnTypes));

/** The data dictionary of a column, as CKAN's `info`: label, notes and, beyond CKAN, the unit. */
export interface FieldInfo {
  label?: string;
  notes?: string;
  unit?: string;
}

/** A column as CKAN's `fields` lists it; `_id` first, its type `int` as in CKAN. */
export interface DatastoreField {
  id: string;
  type: string;
  info?: FieldInfo;
}

export interface TableInfo {
  fields: DatastoreField[];
  rowCount: number;
}

type Scalar = string | number | boolean | null;
/** A filter's value: one value, a list (any of them), or a range (CKAN 2.12's advanced filters). */
export type FilterValue = Scalar | readonly Scalar[] | { gt?: Scalar; gte?: Scalar; lt?: Scalar; lte?: Scalar };

/** CKAN's `datastore_search` parameters, named in camel case; the CKAN adapter maps its names onto these. */
export interface DatastoreQuery {
  filters?: Readonly<Record<string, FilterValue>>;
  /** A string searches every field (full text); a dictionary searches field by field (contains, any case). */
  q?: string | Readonly<Record<string, string>>;
  /** Default true: `q` is read as people type into a search box; false takes PostgreSQL's tsquery syntax. */
  plain?: boolean;
  distinct?: boolean;
  limit?: number;
  offset?: number;
  /** Field ids as a list or a comma-separated string; default every field. */
  fields?: readonly string[] | string;
  /** `"f1, f2 desc nulls last"` or a list of such items; default `_id`. */
  sort?: string | readonly string[];
  /** Default true: an exact count of the matching rows. */
  includeTotal?: boolean;
  recordsFormat?: RecordsFormat;
}

export type RecordsFormat = 'objects' | 'lists' | 'csv' | 'tsv';

export interface SearchResult {
  fields: DatastoreField[];
  /** Objects, lists, or the rows as CSV/TSV text without a header (as CKAN sends them). */
  records: Record<string, unknown>[] | unknown[][] | string;
  total?: number;
  totalWasEstimated: false;
  limit: number;
  offset: number;
}

export const defaultLimit = 100;
export const maxLimit = 32_000;
