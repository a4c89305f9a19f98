import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Unit } from './figures.ts';

/*
 * What a module publishes as open data, declared in its manifest before the open-data module exists: that
 * module (and a strategy cockpit) read the declarations and run their queries, so they never read another
 * module's tables. Vocabularies are those of DCAT-AP.de, so a catalogue entry can be written from a
 * declaration without asking anyone: licences from http://dcat-ap.de/def/licenses, update frequencies and
 * data themes from the EU's authority tables.
 */

/** The DCAT-AP.de licence vocabulary (identifiers of http://dcat-ap.de/def/licenses), and which count as open. */
export const licences = {
  apache: true,
  bsd: true,
  'cc-by': true,
  'cc-by/4.0': true,
  'cc-by-de/3.0': true,
  'cc-by-nc': false,
  'cc-by-nc-de/3.0': false,
  'cc-by-nc/4.0': false,
  'cc-by-nd': false,
  'cc-by-nd/3.0': false,
  'cc-by-nd/4.0': false,
  'cc-by-sa': true,
  'cc-by-sa-de/3.0': true,
  'cc-by-sa/4.0': true,
  'ccpdm/1.0': true,
  'cc-zero': true,
  'dl-by-de/1.0': true,
  'dl-by-de/2.0': true,
  'dl-by-nc-de/1.0': false,
  'dl-zero-de/2.0': true,
  'geonutz/20130319': true,
  'geoNutz/20131001': true,
  gfdl: true,
  'gpl/3.0': true,
  mozilla: true,
  odbl: true,
  odby: true,
  odcpddl: true,
  officialWork: true,
  'other-closed': false,
  'other-commercial': false,
  'other-freeware': false,
  'other-open': true,
  'other-opensource': true,
} as const satisfies Record<string, boolean>;
export type LicenceId = keyof typeof licences;
export const licenceUri = (id: LicenceId) => `http://dcat-ap.de/def/licenses/${id}`;

/** How often a dataset changes: the EU frequency authority table (dct:accrualPeriodicity). */
export const frequencies = [
  'CONT', 'UPDATE_CONT', 'HOURLY', 'BIHOURLY', 'TRIHOURLY', 'DAILY', 'DAILY_2', 'WEEKLY', 'WEEKLY_2', 'WEEKLY_3', 'BIWEEKLY', 'MONTHLY', 'MONTHLY_2', 'MONTHLY_3',
  'BIMONTHLY', 'QUARTERLY', 'ANNUAL', 'ANNUAL_2', 'ANNUAL_3', 'BIENNIAL', 'TRIENNIAL', 'QUADRENNIAL', 'QUINQUENNIAL', 'DECENNIAL', 'BIDECENNIAL', 'TRIDECENNIAL',
  'IRREG', 'NEVER', 'OTHER', 'UNKNOWN',
] as const;
export type Frequency = (typeof frequencies)[number];
export const frequencyUri = (frequency: Frequency) => `http://publications.europa.eu/resource/authority/frequency/${frequency}`;

/** The thirteen EU data themes (dcat:theme), as GovData files datasets. */
export const dataThemes = ['AGRI', 'ECON', 'EDUC', 'ENER', 'ENVI', 'GOVE', 'HEAL', 'INTR', 'JUST', 'REGI', 'SOCI', 'TECH', 'TRAN'] as const;
export type DataTheme = (typeof dataThemes)[number];

/** The Frictionless Table Schema field types a declaration may use. */
export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'time' | 'year' | 'yearmonth';

/** One column, as a Frictionless Table Schema field whose texts are i18n keys. */
export interface TableField {
  /** Column name in the published table: lower case, digits and underscores. */
  name: string;
  type: FieldType;
  /** i18n keys of the column's title and of a sentence on what it holds. */
  title: string;
  description: string;
  /** What a number counts or measures; published as the field's `unit` (an extension Table Schema allows). */
  unit?: Unit;
  format?: 'email' | 'uri';
  constraints?: { required?: boolean; unique?: boolean; enum?: readonly string[]; minimum?: number; maximum?: number; pattern?: string };
}

/**
 * The columns of one dataset, their texts under one i18n prefix (`<prefix>.<name>.title` and `.description`):
 * `const column = columnsUnder('catalog:openData.columns')`, then `column('id', 'string', { … })`.
 */
export function columnsUnder(prefix: string) {
  return (name: string, type: FieldType, extra: Partial<TableField> = {}): TableField => ({
    name,
    type,
    title: `${prefix}.${name}.title`,
    description: `${prefix}.${name}.description`,
    ...extra,
  });
}

export interface TableSchema {
  fields: readonly TableField[];
  primaryKey?: readonly string[];
}

/** A row as the query yields it: plain JSON values, dates as ISO 8601 strings. */
export type Row = Record<string, string | number | boolean | null>;

export interface DatasetDeclaration {
  /** Stable id, `<module>.<name>`. */
  id: string;
  /** i18n keys of the dataset's title and description. */
  title: string;
  description: string;
  licence: LicenceId;
  frequency: Frequency;
  themes: readonly DataTheme[];
  schema: TableSchema;
  /** The rows, from the module's own tables, in a stable order; `config` gives addresses (PUBLIC_URL) and the like. */
  rows: (db: Db, config: Config) => Promise<Row[]>;
  /** When the open-data module refreshes the published copy: a cron expression in Europe/Berlin. */
  refresh: string;
}

export function defineDataset(declaration: DatasetDeclaration): DatasetDeclaration {
  return declaration;
}
