import { fileTypeOf, mediaTypeOfFileType, type FileType } from './dcat/vocabularies.ts';

/*
 * The file formats the portal takes, by EU file-type code: the media types the file store may detect for
 * each, and which of them the portal reads into the DataStore. Anything else is kept and offered as it is.
 */
export const formats = {
  CSV: { mediaTypes: ['text/csv', 'text/plain'], published: 'text/csv', tabular: true },
  XLSX: { mediaTypes: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], published: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', tabular: true },
  GEOJSON: { mediaTypes: ['application/json', 'application/geo+json', 'text/plain'], published: 'application/geo+json', tabular: true },
  JSON: { mediaTypes: ['application/json', 'text/plain'], published: 'application/json', tabular: false },
  PDF: { mediaTypes: ['application/pdf'], published: 'application/pdf', tabular: false },
} as const;

export type FormatCode = keyof typeof formats;
export const formatCodes = Object.keys(formats) as FormatCode[];
export const isFormatCode = (value: string): value is FormatCode => value in formats;
/*
 * A resource that links to data kept elsewhere (an API, a map service, an archive on a geodata server) may name
 * any EU file-type code the catalogue can state (`dcat/vocabularies.ts`): no file of it is kept here, so
 * there is nothing to check against the code. Its media type is the registered one, or for a service or a
 * format IANA lacks the generic `application/octet-stream`, which the catalogue then leaves unsaid.
 */
export function linkFormatOf(format: string): { code: FileType; mediaType: string } | undefined {
  const code = fileTypeOf(format);
  if (!code) return undefined;
  return { code, mediaType: isFormatCode(code) ? formats[code].published : (mediaTypeOfFileType(code) ?? 'application/octet-stream') };
}

export type TabularFormat = 'CSV' | 'XLSX' | 'GEOJSON';
export const isTabular = (format: string): format is TabularFormat => isFormatCode(format) && formats[format].tabular;
