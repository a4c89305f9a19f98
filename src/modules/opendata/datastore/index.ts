/*
 * The DataStore: one PostgreSQL table per resource (`datastore."<resource id>"`) that CKAN's
 * `datastore_search`, the dump address and the previews read. See README.md.
 */
export { loadTable, type LoadInput } from './load.ts';
export { search } from './search.ts';
export { exportRows, exportFormats, type ExportFormat } from './export.ts';
export { dropTable, tableInfo } from './table.ts';
export { DatastoreNotFoundError, DatastoreQueryError, DatastoreSchemaError, problemCodes, problemMessage, type DatastoreProblem, type ProblemCode } from './errors.ts';
export { columnTypes, defaultLimit, maxLimit } from './types.ts';
export type { CellValue, DatastoreContext, DatastoreField, DatastoreQuery, DatastoreRow, FieldInfo, FilterValue, RecordsFormat, SearchResult, TableInfo } from './types.ts';
