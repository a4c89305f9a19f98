import type { DataTheme, Frequency, LicenceId } from '#kernel/declarations/datasets.ts';
import type { DatasetState, PublishedTableSchema, VersionStatus } from './tables.ts';

/*
 * The portal's catalogue as its readers see it, one shape for every way out: the pages, the CKAN Action API
 * (`ckan/` maps it onto CKAN's names), the DCAT-AP.de catalogue (`dcat/`) and the quality score
 * (`quality/`). Addresses are paths; `addresses.ts` makes them absolute with PUBLIC_URL.
 */

export interface Organization {
  id: string;
  /** Stable, URL-safe identifier (CKAN `name`). */
  name: string;
  title: string;
  titleEn: string | null;
  description: string;
  /** The office's functional address, never a person's. */
  email: string | null;
  url: string | null;
  createdAt: Date;
}

export interface ContactPoint {
  name: string | null;
  email: string | null;
  url: string | null;
}

export interface Dataset {
  id: string;
  name: string;
  state: DatasetState;
  organization: Organization;
  title: string;
  titleEn: string | null;
  description: string;
  descriptionEn: string | null;
  keywords: string[];
  themes: DataTheme[];
  licence: LicenceId;
  /** dcatde:licenseAttributionByText. */
  attribution: string | null;
  contact: ContactPoint;
  /** Days as `YYYY-MM-DD`, either end open. */
  temporal: { start: string | null; end: string | null } | null;
  /** The city's AGS (`05370004`) or district names. */
  spatial: string[];
  frequency: Frequency;
  conformsTo: string | null;
  /** EU high-value dataset category code (http://data.europa.eu/bna/<code>), or null. */
  hvdCategory: string | null;
  /** The manifest declaration a module publishes it through (`catalog.services`), or null. */
  declarationId: string | null;
  demo: boolean;
  issuedAt: Date | null;
  modifiedAt: Date;
  createdAt: Date;
  resources: Resource[];
}

export interface Resource {
  id: string;
  datasetId: string;
  position: number;
  title: string;
  titleEn: string | null;
  description: string;
  /** EU file-type code: CSV, JSON, GEOJSON, XLSX, PDF … */
  format: string;
  mediaType: string;
  /** A link to data kept elsewhere (an API, a map service), instead of versions kept here. */
  externalUrl: string | null;
  tableSchema: PublishedTableSchema | null;
  /** The newest loaded version is queryable through the DataStore. */
  datastoreActive: boolean;
  createdAt: Date;
  modifiedAt: Date;
  /** The newest version that passed its checks (loaded or valid), the one the stable download URL gives. */
  current: ResourceVersion | null;
}

export interface ResourceVersion {
  id: string;
  resourceId: string;
  version: number;
  /** The file store's id: the SHA-256 of the content, published as the checksum. */
  fileId: string;
  filename: string;
  byteSize: number;
  mediaType: string;
  status: VersionStatus;
  rowCount: number | null;
  createdAt: Date;
}
