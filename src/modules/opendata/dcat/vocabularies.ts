import { dataThemes, frequencies, frequencyUri, type DataTheme, type Frequency } from '#kernel/declarations/datasets.ts';

/*
 * The IRIs the catalogue writes, and the codes of the EU authority tables it uses. The tables themselves are
 * large and change; a harvester resolves them on its side. The codes the platform emits are kept here, each
 * with the scheme it belongs to, so that the conformance test can state what the tables would say about them
 * (`<code> skos:inScheme <scheme>`), and so that an unknown format never turns into an IRI no table knows.
 */

export const ns = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  dcatde: 'http://dcat-ap.de/def/dcatde/',
  dcatap: 'http://data.europa.eu/r5r/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  spdx: 'http://spdx.org/rdf/terms#',
  adms: 'http://www.w3.org/ns/adms#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  eli: 'http://data.europa.eu/eli/ontology#',
} as const;

const authority = 'http://publications.europa.eu/resource/authority/';

export const schemes = {
  dataTheme: `${authority}data-theme`,
  frequency: `${authority}frequency`,
  fileType: `${authority}file-type`,
  language: `${authority}language`,
  accessRight: `${authority}access-right`,
  licences: 'http://dcat-ap.de/def/licenses',
  contributors: 'http://dcat-ap.de/def/contributors',
  geocodingLevel: 'http://dcat-ap.de/def/politicalGeocoding/Level',
} as const;

export const themeUri = (theme: DataTheme) => `${schemes.dataTheme}/${theme}`;
export { frequencyUri };

/** EU file-type codes the platform publishes resources in (upper case, as in the table). */
export const fileTypes = ['CSV', 'JSON', 'GEOJSON', 'XLSX', 'XLS', 'ODS', 'PDF', 'XML', 'ZIP', 'HTML', 'TXT', 'RDF_TURTLE', 'RDF_XML', 'JSON_LD', 'SHP', 'KML', 'GML', 'WMS_SRVC', 'WFS_SRVC'] as const;
export type FileType = (typeof fileTypes)[number];
export const fileTypeUri = (code: FileType) => `${schemes.fileType}/${code}`;

/** A resource's format as an EU file-type code, or null when the table has no such code (then none is claimed). */
export function fileTypeOf(format: string): FileType | null {
  const code = format.trim().toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  return (fileTypes as readonly string[]).includes(code) ? (code as FileType) : null;
}

/** IANA media types: the register's page addresses are what DCAT-AP.de uses as IRIs. */
export const mediaTypeBase = 'https://www.iana.org/assignments/media-types/';
/** The registered media types the platform publishes, and the file type each one is. */
const ianaTypes: Readonly<Record<string, FileType>> = {
  'text/csv': 'CSV',
  'application/json': 'JSON',
  'application/geo+json': 'GEOJSON',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'application/vnd.ms-excel': 'XLS',
  'application/vnd.oasis.opendocument.spreadsheet': 'ODS',
  'application/pdf': 'PDF',
  'application/xml': 'XML',
  'text/xml': 'XML',
  'application/zip': 'ZIP',
  'text/html': 'HTML',
  'text/plain': 'TXT',
  'text/turtle': 'RDF_TURTLE',
  'application/rdf+xml': 'RDF_XML',
  'application/ld+json': 'JSON_LD',
  'application/vnd.google-earth.kml+xml': 'KML',
  'application/gml+xml': 'GML',
};
/** The registered media type's IRI, or null for one IANA does not register (a vendor's guess, `application/x-…`). */
export function mediaTypeUri(mediaType: string): string | null {
  const bare = mediaType.split(';')[0]!.trim().toLowerCase();
  return bare in ianaTypes ? `${mediaTypeBase}${bare}` : null;
}
/** The first registered media type the list holds for a file type; undefined for a service or a format IANA lacks. */
export function mediaTypeOfFileType(code: FileType): string | undefined {
  return Object.keys(ianaTypes).find((mediaType) => ianaTypes[mediaType] === code);
}
/** The file type a media-type IRI of the list stands for; null for any other IRI. */
export function fileTypeOfMediaTypeUri(uri: string): FileType | null {
  return uri.startsWith(mediaTypeBase) ? (ianaTypes[uri.slice(mediaTypeBase.length)] ?? null) : null;
}
/** The file type a file-type IRI names, when it is one of the table's codes the list holds. */
export function fileTypeOfUri(uri: string): FileType | null {
  const prefix = `${schemes.fileType}/`;
  return uri.startsWith(prefix) && (fileTypes as readonly string[]).includes(uri.slice(prefix.length)) ? (uri.slice(prefix.length) as FileType) : null;
}

/** The EDP's lists behind the MQA's "non-proprietary" and "machine-readable" indicators, for the codes above. */
export const nonProprietaryFileTypes: ReadonlySet<FileType> = new Set(['CSV', 'JSON', 'GEOJSON', 'ODS', 'PDF', 'XML', 'ZIP', 'HTML', 'TXT', 'RDF_TURTLE', 'RDF_XML', 'JSON_LD', 'KML', 'GML', 'WMS_SRVC', 'WFS_SRVC']);
export const machineReadableFileTypes: ReadonlySet<FileType> = new Set(['CSV', 'JSON', 'GEOJSON', 'XLSX', 'XLS', 'ODS', 'XML', 'RDF_TURTLE', 'RDF_XML', 'JSON_LD', 'KML', 'GML', 'SHP', 'WMS_SRVC', 'WFS_SRVC']);

export const languageUri = (code: 'DEU' | 'ENG') => `${schemes.language}/${code}`;
export const accessRightPublic = `${schemes.accessRight}/PUBLIC`;
export const accessRights = ['PUBLIC', 'RESTRICTED', 'NON_PUBLIC'].map((code) => `${schemes.accessRight}/${code}`);

/** Every EU authority IRI this list can emit, with its scheme: what the conformance test states about them. */
export function authorityConcepts(): { iri: string; scheme: string }[] {
  return [
    ...dataThemes.map((theme) => ({ iri: themeUri(theme), scheme: schemes.dataTheme })),
    ...frequencies.map((frequency: Frequency) => ({ iri: frequencyUri(frequency), scheme: schemes.frequency })),
    ...fileTypes.map((code) => ({ iri: fileTypeUri(code), scheme: schemes.fileType })),
    ...(['DEU', 'ENG'] as const).map((code) => ({ iri: languageUri(code), scheme: schemes.language })),
    { iri: accessRightPublic, scheme: schemes.accessRight },
  ];
}

/** Open.NRW collects the municipalities of North Rhine-Westphalia for GovData: the one contributor id it expects. */
export const contributorOpenNrw = `${schemes.contributors}/openNRW`;

export const geocodingLevelMunicipality = `${schemes.geocodingLevel}/municipality`;
/** An AGS (Gemeindeschlüssel, eight digits) as the DCAT-AP.de municipality-key IRI; anything else is not one. */
export function municipalityKeyUri(ags: string): string | null {
  return /^\d{8}$/.test(ags) ? `http://dcat-ap.de/def/politicalGeocoding/municipalityKey/${ags}` : null;
}

/** The Implementing Regulation (EU) 2023/138 on high-value datasets, and its categories' IRIs. */
export { hvdCategoryUri, hvdLegislation } from '../hvd.ts';

export const spdxSha256 = `${ns.spdx}checksumAlgorithm_sha256`;
