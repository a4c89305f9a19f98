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
export type TabularFormat = 'CSV' | 'XLSX' | 'GEOJSON';
export const isTabular = (format: string): format is TabularFormat => isFormatCode(format) && formats[format].tabular;
