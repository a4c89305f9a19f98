import type { PublishedTableSchema } from '../tables.ts';

export type IngestFormat = 'CSV' | 'XLSX' | 'GEOJSON';

/** Gives the file's bytes afresh each time it is called: the first pass inspects, the second loads. */
export type OpenFile = () => Promise<NodeJS.ReadableStream>;

export const problemTypes = [
  'empty-file',
  'encoding-error',
  'source-error',
  'record-too-large',
  'too-many-columns',
  'blank-header',
  'duplicate-header',
  'missing-label',
  'extra-label',
  'blank-row',
  'missing-cell',
  'extra-cell',
  'type-error',
  'constraint-error',
  'not-geojson',
  'crs-unsupported',
  'geometry-error',
  'coordinates-out-of-range',
] as const;
export type ProblemType = (typeof problemTypes)[number];

/** One finding of the validation report, in the spirit of Frictionless: where it is and what kind it is. */
export interface Problem {
  type: ProblemType;
  /** 1-based record of the file (CSV: the header is row 1; XLSX: the sheet's row; GeoJSON: the feature). */
  row?: number;
  /** 1-based column of the file. */
  column?: number;
  field?: string;
  /** The cell as read, cut to 100 characters. */
  cell?: string;
  /** i18n key `opendata:ingest.problems.<type>`; `describeProblem` turns it into a sentence. */
  message: string;
  values?: Record<string, string | number>;
}

/** JSON-serialisable; stored with the resource version. A report with errors marks the version invalid. */
export interface ValidationReport {
  valid: boolean;
  /** Data rows read (the header and lines above it not counted). */
  rowCount: number;
  errorCount: number;
  /** The first `maxErrors` problems. */
  errors: Problem[];
  /** True when problems were left out or reading stopped before the end of the file. */
  truncated: boolean;
  /** The header as written in the file. */
  header: string[];
  /** i18n keys of remarks that do not make the file invalid (another worksheet ignored, …). */
  notes: string[];
}

export type DecimalMark = ',' | '.';
/** How slash dates (`03/04/2024`) are read; `dd.mm.yyyy` is always day first and ISO always year first. */
export type DateOrder = 'DMY' | 'MDY';
export type Crs = 'EPSG:4326' | 'EPSG:25832';

/** What the first pass found, so that the second pass reads the file the same way. */
export interface ParsingOptions {
  format: IngestFormat;
  encoding?: 'utf-8' | 'windows-1252';
  bom?: boolean;
  delimiter?: string;
  decimal: DecimalMark;
  dateOrder: DateOrder;
  /** The 1-based record holding the header (CSV, XLSX). */
  headerRow?: number;
  /** XLSX: the worksheet read (always the first). */
  sheet?: string;
  /**
   * For each schema field, where its value comes from: a 0-based column (CSV, XLSX), a property key
   * (GeoJSON), or null for the GeoJSON geometry.
   */
  columns: (number | string | null)[];
  crs?: Crs;
}

export interface InspectOptions {
  /** Validate against this declared schema instead of inferring one. */
  schema?: PublishedTableSchema;
  maxColumns?: number;
  maxErrors?: number;
}

export interface Inspection {
  schema: PublishedTableSchema;
  report: ValidationReport;
  parsing: ParsingOptions;
}

/** One row in schema field order, as PostgreSQL takes it. */
export type RowValue = string | number | boolean | null;
export type RowValues = RowValue[];

/** A cell as a source yields it: text from CSV, typed values from XLSX and GeoJSON properties. */
export type RawCell = string | number | boolean | Date | null | undefined | object;

export interface SourceRecord {
  row: number;
  cells: RawCell[];
}
